# A helper module for the tests: what CSMS recorded having sent about a secret.

terraform {
  required_providers {
    hwcloud = {
      source = "hwcloud-oss/hwcloud"
    }
  }
}

variable "secret_name" {
  description = "The secret whose notification records are read."
  type        = string
}

data "hwcloud_csms_notification_records" "this" {
  secret_name = var.secret_name
}

output "records" {
  description = "The secret's notification records, newest first."
  value       = data.hwcloud_csms_notification_records.this.records
}
