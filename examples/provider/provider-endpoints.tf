# Every service host can be overridden, for example to reach Huawei Cloud
# through a private endpoint, or to use the local emulator shipped with this
# provider (`go run ./internal/emulator/cmd/hwcloud-emulator`), which prints
# the credentials to use. The HW_CSMS_ENDPOINT, HW_CTS_ENDPOINT and
# HW_IAM_ENDPOINT environment variables do the same.
provider "hwcloud" {
  region      = "cn-north-4"
  access_key  = "EMULATORAK0000000001"
  secret_key  = "emulator-secret-key-0000000000000000000001"
  max_retries = 2

  endpoints = {
    csms = "http://127.0.0.1:8931"
    cts  = "http://127.0.0.1:8931"
    iam  = "http://127.0.0.1:8931"
  }
}
