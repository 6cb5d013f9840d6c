# Terraform v1.12 and later. The identity uses the notification ID (the name
# can change in place); project_id may be left out and defaults to the
# provider's project.
import {
  to = hwcloud_cts_notification.audit_tampering
  identity = {
    project_id      = "0123456789abcdef0123456789abcdef"
    notification_id = "9d7e6c3a-8f2b-4e1d-a5c4-3b2a1f0e9d8c"
  }
}
