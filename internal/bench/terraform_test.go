package bench

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCleanEnvDropsCredentialsAndTerraformSettings(t *testing.T) {
	in := []string{"PATH=/bin", "HW_AUTH_TOKEN=t", "HW_ACCESS_KEY=a", "CLOUD_SDK_SK=s", "TF_LOG=trace",
		"TF_CLI_CONFIG_FILE=/x", "HWCLOUD_ACC_LIVE=1", "HOME=/root"}
	if got, want := cleanEnv(in), []string{"PATH=/bin", "HOME=/root"}; !slices.Equal(got, want) {
		t.Errorf("cleanEnv = %v, want %v", got, want)
	}
}

func TestNewWorkspace(t *testing.T) {
	dir := t.TempDir()
	wrapper := filepath.Join(dir, "wrapper-src")
	if err := os.WriteFile(wrapper, []byte("#!/bin/sh\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HW_AUTH_TOKEN", "must-not-pass")
	ws, err := NewWorkspace(filepath.Join(dir, "ws"), Binaries{Terraform: "terraform", Provider: "/p/provider", Wrapper: wrapper}, "# config\n")
	if err != nil {
		t.Fatal(err)
	}

	installed := filepath.Join(ws.Dir, ".overrides", "terraform-provider-hwcloud")
	if fi, err := os.Stat(installed); err != nil || fi.Mode().Perm()&0o100 == 0 {
		t.Errorf("wrapper not installed as an executable provider: %v", err)
	}
	rc, err := os.ReadFile(filepath.Join(ws.Dir, ".terraformrc"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `"hwcloud-oss/hwcloud" = "` + filepath.Join(ws.Dir, ".overrides") + `"`; !strings.Contains(string(rc), want) {
		t.Errorf("CLI config lacks the dev override %s:\n%s", want, rc)
	}
	if cfg, _ := os.ReadFile(filepath.Join(ws.Dir, "main.tf")); string(cfg) != "# config\n" {
		t.Errorf("main.tf = %q", cfg)
	}
	for _, want := range []string{"TF_CLI_CONFIG_FILE=" + filepath.Join(ws.Dir, ".terraformrc"),
		EnvWrappedProvider + "=/p/provider", EnvPeakRSSFile + "=" + ws.RSSFile} {
		if !slices.Contains(ws.env, want) {
			t.Errorf("environment lacks %s", want)
		}
	}
	if slices.Contains(ws.env, "HW_AUTH_TOKEN=must-not-pass") {
		t.Error("the caller's HW_AUTH_TOKEN reached Terraform")
	}
	if err := ws.ResetPeakRSS(); err != nil {
		t.Errorf("ResetPeakRSS without a file: %v", err)
	}
}
