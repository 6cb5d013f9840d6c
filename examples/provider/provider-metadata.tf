# On an ECS instance with an agency attached, no credentials are needed: the
# provider asks the instance's metadata service for temporary credentials
# and renews them before they expire.
provider "hwcloud" {
  region = "cn-north-4"
}
