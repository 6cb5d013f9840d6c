import {
  to = hwcloud_csms_secret_restore.db_password
  id = "prod-db-password"
}
