# A CSMS event is imported by its name.
terraform import hwcloud_csms_event.secret_lifecycle secret-lifecycle
