# terraform query lists every CTS key-event notification (SMN and
# FunctionGraph) of the provider's project; add include_resource = true to see
# their settings, or run terraform query -generate-config-out=cts.tf to write
# resource and import blocks for them.
list "hwcloud_cts_notification" "all" {
  provider = hwcloud
}
