# Tell the security team whenever a subscribed secret gets a new version, is
# rotated (or fails to rotate) or is deleted. target_name defaults to the
# topic's name, the last segment of the URN.
resource "hwcloud_csms_event" "secret_lifecycle" {
  name = "secret-lifecycle"
  event_types = [
    "SECRET_VERSION_CREATED",
    "SECRET_ROTATED",
    "SECRET_ROTATED_FAILED",
    "SECRET_DELETED",
  ]

  notification = {
    target_id = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:security-alerts"
  }
}

# A secret subscribes to (at most) one event by listing the event's name in
# its event_subscriptions, which is set on the secret itself (console, API or
# the resource that manages the secret). CSMS refuses to delete an event that
# secrets still subscribe to, so this lists the subscribers to check first.
data "hwcloud_csms_secrets" "production" {
  tags = {
    env = ["prod"]
  }
}

output "secrets_subscribed_to_lifecycle_event" {
  value = [
    for s in data.hwcloud_csms_secrets.production.secrets : s.name
    if contains(s.event_subscriptions, hwcloud_csms_event.secret_lifecycle.name)
  ]
}

# Prepared but switched off: expiry warnings go to a separate topic, under a
# display name of our choosing.
resource "hwcloud_csms_event" "expiry" {
  name        = "secret-expiry"
  event_types = ["SECRET_VERSION_EXPIRED"]
  enabled     = false

  notification = {
    target_type = "SMN"
    target_id   = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:hwcloud-demo"
    target_name = "expiring-secrets"
  }
}
