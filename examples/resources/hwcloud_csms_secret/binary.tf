# A binary value (a keystore) is written as base64, for example
# TF_VAR_keystore_base64="$(base64 -w0 keystore.p12)". delete_without_recovery
# deletes the secret at once on destroy, with no recovery window.
variable "keystore_base64" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "hwcloud_csms_secret" "keystore" {
  name                    = "build-signing-keystore"
  secret_binary_wo        = var.keystore_base64
  delete_without_recovery = true
}
