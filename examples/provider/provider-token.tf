# An IAM token (for example from `hcloud` or a CI identity) is sent as
# X-Auth-Token instead of signing requests. When both a token and AK/SK are
# available, the token wins.
variable "hw_auth_token" {
  type      = string
  sensitive = true
}

provider "hwcloud" {
  region     = "cn-north-4"
  project_id = "0123456789abcdef0123456789abcdef"
  auth_token = var.hw_auth_token
}
