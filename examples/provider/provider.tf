terraform {
  required_providers {
    hwcloud = {
      source = "hwcloud-oss/hwcloud"
    }
  }
}

# Credentials and region come from the environment, so nothing secret is
# written into the configuration:
#
#   export HW_REGION_NAME=cn-north-4
#   export HW_ACCESS_KEY=...   # or CLOUD_SDK_AK
#   export HW_SECRET_KEY=...   # or CLOUD_SDK_SK
#
# The project ID is looked up once through IAM for the region; set
# HW_PROJECT_ID (or project_id) to skip that call.
provider "hwcloud" {}
