# A restore guard is imported by the name of the secret it guards.
terraform import hwcloud_csms_secret_restore.db_password prod-db-password
