# The database password arrives as an ephemeral variable (for example from
# TF_VAR_db_password), so it is never written to a plan or state file.
variable "db_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

# Notify the security team whenever the secret gets a new version or is deleted.
resource "hwcloud_csms_event" "db_secret" {
  name        = "db-secret-changes"
  event_types = ["SECRET_VERSION_CREATED", "SECRET_DELETED"]

  notification = {
    target_id = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:security-alerts"
  }
}

resource "hwcloud_csms_secret" "db" {
  name        = "prod-db-password"
  description = "Password of the production database"

  # Write-only: sent when the secret is created, and again only when
  # secret_wo_version changes. To rotate, set the new password and bump the
  # version (1 -> 2): one new version is stored and becomes SYSCURRENT.
  secret_string_wo  = var.db_password
  secret_wo_version = 1

  event_subscriptions = [hwcloud_csms_event.db_secret.name]

  tags = {
    env   = "prod"
    owner = "platform"
  }

  # terraform destroy schedules the deletion 14 days ahead; until then the
  # secret can be brought back with hwcloud_csms_secret_restore.
  recovery_window_days = 14
}
