# Use a profile of the Huawei Cloud CLI (KooCLI), stored unencrypted in
# ~/.hcloud/config.json. Modes AKSK, SSO and ecsAgency are read; the
# profile's region, project and agency fill what is not set here.
provider "hwcloud" {
  profile = "dev"
  # shared_config_file = "~/.hcloud/config.json"
}
