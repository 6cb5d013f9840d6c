# Terraform v1.14 and later. Run it on demand:
#
#   terraform apply -invoke=action.hwcloud_csms_secret_cancel_deletion.db_password
#
# A secret that is not pending deletion is left alone (the run says so).
action "hwcloud_csms_secret_cancel_deletion" "db_password" {
  config {
    secret_name = "prod-db-password"
  }
}

# Or run it whenever a resource is created or changes, here each time the
# release version changes.
variable "release" {
  type    = string
  default = "2026.12"
}

resource "terraform_data" "release" {
  input = var.release

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.hwcloud_csms_secret_cancel_deletion.db_password]
    }
  }
}
