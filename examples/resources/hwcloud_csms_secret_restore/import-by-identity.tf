# Terraform v1.12 and later. project_id may be left out: it defaults to the
# provider's project.
import {
  to = hwcloud_csms_secret_restore.db_password
  identity = {
    secret_name = "prod-db-password"
  }
}
