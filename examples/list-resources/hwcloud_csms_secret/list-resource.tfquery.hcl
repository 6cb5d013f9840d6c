# terraform query lists the secrets tagged team=payments whose name contains
# "db". With -generate-config-out, add each secret's value argument
# (secret_string_wo or secret_binary_wo) to the generated blocks before
# applying: values are never listed.
list "hwcloud_csms_secret" "payments_db" {
  provider = hwcloud

  config {
    tags = {
      team = ["payments"]
    }
    name_match = "db"
  }
}
