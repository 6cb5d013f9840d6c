import {
  to = hwcloud_csms_event.secret_lifecycle
  id = "secret-lifecycle"
}
