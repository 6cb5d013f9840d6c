# Temporary AK/SK (for example from an IAM agency or an ECS metadata
# endpoint) carry a security token, which is sent as X-Security-Token and
# signed with the request. The same works with HW_ACCESS_KEY, HW_SECRET_KEY
# and HW_SECURITY_TOKEN in the environment.
variable "temporary_credentials" {
  type = object({
    access_key     = string
    secret_key     = string
    security_token = string
  })
  sensitive = true
}

provider "hwcloud" {
  region         = "cn-north-4"
  access_key     = var.temporary_credentials.access_key
  secret_key     = var.temporary_credentials.secret_key
  security_token = var.temporary_credentials.security_token
}
