# terraform query lists every CSMS event of the provider's project;
# terraform query -generate-config-out=events.tf writes a resource and an
# import block for each, ready to apply.
list "hwcloud_csms_event" "all" {
  provider = hwcloud
}
