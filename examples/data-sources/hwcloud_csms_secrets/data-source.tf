# Secrets of the payments team in production or staging: tag keys are ANDed,
# the values of one key are ORed, and an empty list accepts any value (here:
# any owner, as long as the secret has an owner tag).
data "hwcloud_csms_secrets" "payments" {
  tags = {
    team  = ["payments"]
    env   = ["prod", "staging"]
    owner = []
  }
}

output "payments_secret_names" {
  value = data.hwcloud_csms_secrets.payments.names
}

# Secrets whose name contains "db-" and that are scheduled for deletion. The
# state filter is applied to the query's results, after the tag and name
# filters.
data "hwcloud_csms_secrets" "db_pending_deletion" {
  name_match = "db-"
  state      = "PENDING_DELETE"
}

output "db_secrets_pending_deletion" {
  value = {
    for s in data.hwcloud_csms_secrets.db_pending_deletion.secrets :
    s.name => s.scheduled_delete_time
  }
}
