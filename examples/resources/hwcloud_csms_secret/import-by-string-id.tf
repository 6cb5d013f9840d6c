import {
  to = hwcloud_csms_secret.db
  id = "prod-db-password"
}
