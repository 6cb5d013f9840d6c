# The demo configuration: every resource and the data source of the hwcloud
# provider, wired together the way a security team might use them.
#
# The same file runs against the local emulator (`make demo`) and against real
# Huawei Cloud: the provider reads region, credentials and endpoints from the
# HW_* environment variables, and the topic and function URNs below are
# variables whose defaults exist in the emulator. For a real account set
# TF_VAR_alert_topic_urn, TF_VAR_ops_topic_urn and TF_VAR_function_urn to
# existing resources (see scripts/demo.sh --help).

terraform {
  required_version = ">= 1.3"

  required_providers {
    hwcloud = {
      source = "hwcloud-oss/hwcloud"
    }
  }
}

provider "hwcloud" {}

variable "name_prefix" {
  description = "Prefix of every object the demo creates (letters, digits and _, so it suits CSMS and CTS names)."
  type        = string
  default     = "hwcloud_demo"
}

variable "alert_topic_urn" {
  description = "SMN topic that receives security alerts."
  type        = string
  default     = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:security-alerts"
}

variable "ops_topic_urn" {
  description = "SMN topic that receives routine operational notices."
  type        = string
  default     = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:hwcloud-demo"
}

variable "function_urn" {
  description = "FunctionGraph function that triages unusual key events."
  type        = string
  default     = "urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:hwcloud-demo:latest"
}

variable "notify_users" {
  description = "IAM user groups and users whose operations trigger the audit notification; empty means everyone."
  type = list(object({
    user_group = string
    users      = list(string)
  }))
  default = [
    { user_group = "admin", users = ["hwcloud-demo-operator"] },
  ]
}

variable "protect_tags" {
  description = "Secrets carrying these tags are guarded against deletion."
  type        = map(list(string))
  default     = { protect = ["true"] }
}

variable "payments_tags" {
  description = "Tags selecting the payments team's secrets."
  type        = map(list(string))
  default     = { team = ["payments"], env = ["prod", "staging"] }
}

# --- CSMS secret events -------------------------------------------------------

# Alerts for anything that changes a subscribed secret's value or existence.
resource "hwcloud_csms_event" "secret_lifecycle" {
  name = "${var.name_prefix}_secret_lifecycle"
  event_types = [
    "SECRET_VERSION_CREATED",
    "SECRET_ROTATED",
    "SECRET_ROTATED_FAILED",
    "SECRET_DELETED",
  ]

  notification = {
    target_id = var.alert_topic_urn
  }
}

# Prepared but switched off: expiry notices for the operations topic.
resource "hwcloud_csms_event" "secret_expiry" {
  name        = "${var.name_prefix}_secret_expiry"
  event_types = ["SECRET_VERSION_EXPIRED"]
  enabled     = false

  notification = {
    target_type = "SMN"
    target_id   = var.ops_topic_urn
    target_name = "expiring-secrets"
  }
}

# --- CTS key-event notifications ----------------------------------------------

# Alert when someone touches the audit trail itself, from the console or the API.
resource "hwcloud_cts_notification" "audit_tampering" {
  name           = "${var.name_prefix}_audit_tampering"
  operation_type = "customized"

  operations = [
    {
      service_type  = "CTS"
      resource_type = "tracker"
      trace_names   = ["createTracker", "updateTracker", "deleteTracker"]
    },
    {
      service_type  = "CTS"
      resource_type = "notification"
      trace_names   = ["updateNotification", "deleteNotification"]
    },
  ]

  notify_users = length(var.notify_users) > 0 ? var.notify_users : null
  topic_id     = var.alert_topic_urn

  filter = {
    condition = "OR"
    rules     = ["trace_type = ConsoleAction", "trace_type = ApiCall"]
  }
}

# Every key event that is not routine goes to a function for triage.
resource "hwcloud_cts_notification" "unusual_events" {
  name           = "${var.name_prefix}_unusual_events"
  operation_type = "complete"
  topic_id       = var.function_urn

  filter = {
    rules = ["trace_rating != normal", "trace_type != SystemAction"]
  }
}

# --- CSMS secrets: tag queries and restore guards -----------------------------

# Which secrets must never be deleted: selected by tag, whatever their state,
# so the list does not change once a deletion has been cancelled.
data "hwcloud_csms_secrets" "protected" {
  tags = var.protect_tags
}

# One guard per protected secret: applying it cancels a scheduled deletion.
# Destroying a guard never deletes the secret.
resource "hwcloud_csms_secret_restore" "protected" {
  for_each    = toset(data.hwcloud_csms_secrets.protected.names)
  secret_name = each.value
}

# The payments team's usable secrets (keys ANDed, values ORed; the state
# filter is applied to the query's results).
data "hwcloud_csms_secrets" "payments" {
  tags  = var.payments_tags
  state = "ENABLED"
}

# --- Seeing the alerts fire ---------------------------------------------------

variable "demo_secret_version" {
  description = "Bump it to store a new version of the demo secret (the demo applies 1, then 2)."
  type        = number
  default     = 1
}

# A secret subscribed to the lifecycle event: every new version notifies.
resource "hwcloud_csms_secret" "alerted" {
  name                = "${var.name_prefix}-alerted"
  secret_string_wo    = "demo-value-${var.demo_secret_version}"
  secret_wo_version   = var.demo_secret_version
  event_subscriptions = [hwcloud_csms_event.secret_lifecycle.name]
  expires_at          = "2099-01-01T00:00:00Z"
}

# The notifications CSMS sent about it, newest first. depends_on makes the
# read wait for the secret's changes, so the records include the newest version.
data "hwcloud_csms_notification_records" "alerted" {
  secret_name = hwcloud_csms_secret.alerted.name
  event_type  = "SECRET_VERSION_CREATED"
  depends_on  = [hwcloud_csms_secret.alerted]
}

# --- Outputs ------------------------------------------------------------------

output "csms_events" {
  description = "Event name => event ID."
  value = {
    for e in [hwcloud_csms_event.secret_lifecycle, hwcloud_csms_event.secret_expiry] :
    e.name => e.event_id
  }
}

output "cts_notifications" {
  description = "Notification name => where it sends (smn or fun) and its ID."
  value = {
    for n in [hwcloud_cts_notification.audit_tampering, hwcloud_cts_notification.unusual_events] :
    n.name => "${n.notification_type} ${n.id}"
  }
}

output "protected_secrets" {
  description = "Secrets under a restore guard."
  value       = sort(keys(hwcloud_csms_secret_restore.protected))
}

output "cancelled_deletions" {
  description = "Protected secrets whose scheduled deletion this configuration cancelled."
  value       = sort([for name, guard in hwcloud_csms_secret_restore.protected : name if guard.restored])
}

output "alerted_secret_notifications" {
  description = "The version notifications sent for the demo secret, newest first."
  value = [
    for r in data.hwcloud_csms_notification_records.alerted.records :
    "${r.created_at} ${r.event_type} ${r.secret_name} -> ${r.event_name} (${r.target_name}): ${r.status}"
  ]
}

output "payments_secrets" {
  description = "Usable secrets of the payments team."
  value       = data.hwcloud_csms_secrets.payments.names
}
