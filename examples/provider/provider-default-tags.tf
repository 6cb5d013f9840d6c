# Every secret created here is in this enterprise project (unless it sets its
# own) and carries these tags in tags_all; tags that a tag policy adds under
# owner or policy:* are left alone.
provider "hwcloud" {
  region                = "cn-north-4"
  enterprise_project_id = "0"

  default_tags {
    tags = {
      team = "payments"
      env  = "prod"
    }
  }

  ignore_tags {
    keys         = ["owner"]
    key_prefixes = ["policy:"]
  }
}
