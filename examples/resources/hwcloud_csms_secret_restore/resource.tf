# Guard one secret: if it is ever scheduled for deletion, the next apply
# cancels the deletion. Destroying this resource only removes the guard; it
# never deletes or schedules the deletion of the secret.
resource "hwcloud_csms_secret_restore" "db_password" {
  secret_name = "prod-db-password"
}

# Or guard every secret tagged protect=true, whatever its state today. The
# list does not depend on the secrets' states, so it stays stable once a
# deletion has been cancelled.
data "hwcloud_csms_secrets" "protected" {
  tags = {
    protect = ["true"]
  }
}

resource "hwcloud_csms_secret_restore" "protected" {
  for_each    = toset(data.hwcloud_csms_secrets.protected.names)
  secret_name = each.value
}

output "cancelled_deletions" {
  value = [for name, guard in hwcloud_csms_secret_restore.protected : name if guard.restored]
}
