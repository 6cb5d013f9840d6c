# Read the current value of an existing secret while Terraform runs. The value
# is never stored in the plan or the state.
ephemeral "hwcloud_csms_secret_version" "source" {
  secret_name = "prod-db-password"
}

# Copy it into another secret, for example one that a second team reads.
# Bump secret_wo_version to copy the source's newer value after a rotation.
resource "hwcloud_csms_secret" "replica" {
  name              = "reporting-db-password"
  secret_string_wo  = ephemeral.hwcloud_csms_secret_version.source.secret_string
  secret_wo_version = 1
}

# Or read an exact version, for example the one before the last rotation.
ephemeral "hwcloud_csms_secret_version" "previous" {
  secret_name   = "prod-db-password"
  version_stage = "SYSPREVIOUS"
}
