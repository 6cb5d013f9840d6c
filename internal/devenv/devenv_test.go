package devenv

import (
	"slices"
	"strings"
	"testing"
)

func TestProviderHCL(t *testing.T) {
	t.Parallel()
	p := EmulatorProvider("cn-north-4", "http://127.0.0.1:1")
	p.ProjectID, p.AccessKey, p.SecretKey = "p1", "AK", `S"K`
	want := `provider "hwcloud" {
  region = "cn-north-4"
  project_id = "p1"
  access_key = "AK"
  secret_key = "S\"K"
  endpoints = {
    csms = "http://127.0.0.1:1"
    cts = "http://127.0.0.1:1"
    iam = "http://127.0.0.1:1"
  }
  max_retries = 0
}
`
	if got := p.With("max_retries = 0").HCL(); got != want {
		t.Errorf("HCL() =\n%s\nwant\n%s", got, want)
	}
	if len(p.Args) != 0 {
		t.Error("With changed the receiver")
	}
	if got := (Provider{}).HCL(); got != "provider \"hwcloud\" {\n}\n" {
		t.Errorf("empty block = %q", got)
	}
	if got := (Provider{CTS: "x"}).HCL(); !strings.Contains(got, "endpoints = {\n    cts = \"x\"\n  }") ||
		strings.Contains(got, "csms") || strings.Contains(got, "region") {
		t.Errorf("only the set endpoint is written, got\n%s", got)
	}
}

func TestCLIConfig(t *testing.T) {
	t.Parallel()
	got := CLIConfig("/tmp/x y")
	if !strings.Contains(got, `dev_overrides {`+"\n"+`    "hwcloud-oss/hwcloud" = "/tmp/x y"`) || !strings.Contains(got, "direct {}") {
		t.Errorf("CLIConfig =\n%s", got)
	}
}

func TestCloudVariables(t *testing.T) {
	t.Parallel()
	env := []string{"PATH=/bin", "HW_AUTH_TOKEN=t", "HW_ACCESS_KEY=a", "CLOUD_SDK_SK=s", "HWCLOUD_ACC_LIVE=1",
		"TF_LOG=trace", "HOME=/h", "XHW_NOT=1"}
	if got, want := CloudVariables(env), []string{"HW_AUTH_TOKEN", "HW_ACCESS_KEY", "CLOUD_SDK_SK", "HWCLOUD_ACC_LIVE"}; !slices.Equal(got, want) {
		t.Errorf("CloudVariables = %v, want %v", got, want)
	}
	if got, want := WithoutCloudVariables(env), []string{"PATH=/bin", "TF_LOG=trace", "HOME=/h", "XHW_NOT=1"}; !slices.Equal(got, want) {
		t.Errorf("WithoutCloudVariables = %v, want %v", got, want)
	}
	if env[1] != "HW_AUTH_TOKEN=t" {
		t.Error("WithoutCloudVariables changed its input")
	}
}
