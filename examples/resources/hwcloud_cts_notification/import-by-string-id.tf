# The ID may be the notification's name or its notification ID.
import {
  to = hwcloud_cts_notification.audit_tampering
  id = "audit_tampering"
}
