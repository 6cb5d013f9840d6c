# Terraform v1.12 and later. project_id may be left out: it defaults to the
# provider's project, and any other project is refused.
import {
  to = hwcloud_csms_secret.db
  identity = {
    name = "prod-db-password"
  }
}
