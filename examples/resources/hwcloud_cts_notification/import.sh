# A CTS key-event notification is imported by its name...
terraform import hwcloud_cts_notification.audit_tampering audit_tampering

# ...or by its notification ID.
terraform import hwcloud_cts_notification.audit_tampering 6d4a09bb-aa8e-40db-9e87-0d5e203823a8
