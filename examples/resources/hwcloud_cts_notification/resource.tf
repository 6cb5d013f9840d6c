# Page the security team when anyone deletes or changes the audit trail
# itself: CTS trackers and key-event notifications. Only operations of the
# listed IAM users count, and only when made from the console or the API
# (OR: either kind of call is enough).
resource "hwcloud_cts_notification" "audit_tampering" {
  name           = "audit_tampering"
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

  notify_users = [
    {
      user_group = "admin"
      users      = ["alice", "bob"]
    },
  ]

  topic_id = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:security-alerts"

  filter = {
    condition = "OR"
    rules = [
      "trace_type = ConsoleAction",
      "trace_type = ApiCall",
    ]
  }
}

# Send every key event that is not routine (rating warning or incident) and
# was not made by the platform itself to a FunctionGraph function, which can
# open a ticket. Rules are ANDed by default.
resource "hwcloud_cts_notification" "unusual_events" {
  name           = "unusual_events"
  operation_type = "complete"
  topic_id       = "urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:hwcloud-demo:latest"
  agency_name    = "cts_admin_trust"

  filter = {
    rules = [
      "trace_rating != normal",
      "trace_type != SystemAction",
    ]
  }
}
