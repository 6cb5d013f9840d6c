output "secret_name" {
  description = "Name of the secret."
  value       = hwcloud_csms_secret.this.name
}

output "secret_id" {
  description = "ID (UUID) CSMS gave the secret."
  value       = hwcloud_csms_secret.this.secret_id
}

output "latest_version_id" {
  description = "The secret's SYSCURRENT version (v1, then v2 after one rotation, ...)."
  value       = hwcloud_csms_secret.this.latest_version_id
}

output "event_name" {
  description = "The CSMS event the secret subscribes to."
  value       = one(hwcloud_csms_secret.this.event_subscriptions)
}

output "event_id" {
  description = "ID CSMS gave the event."
  value       = hwcloud_csms_event.this.event_id
}

output "notification_id" {
  description = "ID CTS gave the key-operation notification."
  value       = hwcloud_cts_notification.key_operations.id
}

output "notification_type" {
  description = "Where the notification sends: smn (a topic) or fun (a FunctionGraph function)."
  value       = hwcloud_cts_notification.key_operations.notification_type
}
