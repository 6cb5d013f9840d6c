# Assume an agency (IAM v3 securitytokens with domain_name, STS v5 with
# domain_id) with the base credentials from the environment. A second block
# would be assumed with the first one's credentials (a chain). The assumed
# credentials sign every call, are renewed before they expire, and the
# project id is looked up with them.
provider "hwcloud" {
  region = "cn-north-4"

  assume_role {
    agency_name = "terraform-deployer"
    domain_name = "target-account"
    duration    = 3600
  }
}
