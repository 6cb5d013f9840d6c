# A CSMS secret is imported by its name.
terraform import hwcloud_csms_secret.db prod-db-password
