# A secret whose value comes from an ephemeral variable, an event that alerts
# on its changes, and a CTS notification for operations on the KMS keys that
# protect it. The module configures no provider: the caller (or its tests)
# does, for example through the HW_* environment variables.

resource "hwcloud_csms_event" "this" {
  name        = "${var.name}_events"
  event_types = var.secret_event_types

  notification = {
    target_id = var.alert_topic_urn
  }
}

resource "hwcloud_csms_secret" "this" {
  name        = var.name
  description = "Managed by the secret-alerts module"

  # Write-only: sent on create and again only when secret_wo_version changes.
  secret_string_wo  = var.secret_value
  secret_wo_version = var.secret_version

  event_subscriptions     = [hwcloud_csms_event.this.name]
  tags                    = var.tags
  delete_without_recovery = var.delete_without_recovery ? true : null
}

resource "hwcloud_cts_notification" "key_operations" {
  name           = "${var.name}_key_ops"
  operation_type = "customized"

  operations = [
    {
      service_type  = "KMS"
      resource_type = "cmk"
      trace_names   = var.key_operations
    },
  ]

  topic_id = var.alert_topic_urn
}
