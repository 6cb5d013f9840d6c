# The notifications CSMS sent about one secret's new versions, newest first.
data "hwcloud_csms_notification_records" "db_password" {
  secret_name = "db-password"
  event_type  = "SECRET_VERSION_CREATED"
  since       = "2026-01-01T00:00:00Z"
}

output "last_notification" {
  value = try(data.hwcloud_csms_notification_records.db_password.records[0], null)
}
