terraform {
  # The secret's value is a write-only argument fed from an ephemeral variable: Terraform or OpenTofu 1.11+.
  required_version = ">= 1.11"

  required_providers {
    hwcloud = {
      source = "hwcloud-oss/hwcloud"
    }
  }
}
