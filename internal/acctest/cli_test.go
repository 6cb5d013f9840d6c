package acctest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func TestParseVersionOutput(t *testing.T) {
	for _, tc := range []struct {
		out, product, version string
	}{
		{"Terraform v1.11.4\non linux_amd64\n", ProductTerraform, "1.11.4"},
		{"Terraform v1.15.9\non linux_amd64\n\nYour version of Terraform is out of date!\n", ProductTerraform, "1.15.9"},
		{"OpenTofu v1.12.6\non linux_amd64\n", ProductOpenTofu, "1.12.6"},
		{"OpenTofu v1.12.6-dev\non linux_amd64\n", ProductOpenTofu, "1.12.6-dev"},
		{"\nOpenTofu v1.11.0\r\non linux_amd64\r\n", ProductOpenTofu, "1.11.0"},
	} {
		product, v, err := ParseVersionOutput(tc.out)
		if err != nil {
			t.Errorf("ParseVersionOutput(%q): %v", tc.out, err)
			continue
		}
		if product != tc.product || v.String() != tc.version {
			t.Errorf("ParseVersionOutput(%q) = %s %s, want %s %s", tc.out, product, v, tc.product, tc.version)
		}
	}
}

func TestParseVersionOutputRefusesOtherOutput(t *testing.T) {
	for _, out := range []string{
		"",
		"1.12.6\n",
		`{"terraform_version": "1.12.6", "platform": "linux_amd64"}`,
		// A warning printed before the version line is not a version line.
		"Warning: config file not found\nOpenTofu v1.12.6\n",
		"Terraform vX.Y\n",
	} {
		if product, v, err := ParseVersionOutput(out); err == nil {
			t.Errorf("ParseVersionOutput(%q) = %s %s, want an error", out, product, v)
		}
	}
}

func cli(product, v string) CLI {
	return CLI{Product: product, Version: version.Must(version.NewVersion(v))}
}

func TestFeatureSupports(t *testing.T) {
	for _, tc := range []struct {
		feature Feature
		cli     CLI
		want    bool
		why     string
	}{
		{FeatureResourceIdentity, cli(ProductTerraform, "1.11.4"), false, "Terraform v1.11.4: resource identity needs Terraform 1.12.0 or later"},
		{FeatureResourceIdentity, cli(ProductTerraform, "1.12.0"), true, ""},
		{FeatureResourceIdentity, cli(ProductOpenTofu, "1.11.0"), false, "OpenTofu v1.11.0: resource identity needs OpenTofu 1.12.0 or later"},
		{FeatureResourceIdentity, cli(ProductOpenTofu, "1.12.6"), true, ""},
		// The same version number means different things for the two products.
		{FeatureMoveResourceState, cli(ProductTerraform, "1.9.0"), true, ""},
		{FeatureMoveResourceState, cli(ProductOpenTofu, "1.9.0"), false, "OpenTofu v1.9.0: moved blocks between resource types needs OpenTofu 1.10.0 or later"},
		{FeatureListResources, cli(ProductTerraform, "1.15.9"), true, ""},
		{FeatureListResources, cli(ProductOpenTofu, "1.12.6"), false, "OpenTofu v1.12.6: no OpenTofu release has list resources (terraform query)"},
		{FeatureActions, cli(ProductTerraform, "1.13.5"), false, "Terraform v1.13.5: actions needs Terraform 1.14.0 or later"},
		// A pre-release of the first version counts as that version.
		{FeatureActions, cli(ProductTerraform, "1.14.0-rc1"), true, ""},
		{FeatureEphemeralResources, cli(ProductTerraform, "1.10.0"), true, ""},
		{FeatureWriteOnlyAttributes, cli(ProductTerraform, "1.10.5"), false, "Terraform v1.10.5: write-only attributes needs Terraform 1.11.0 or later"},
		{FeatureWriteOnlyAttributes, cli(ProductOpenTofu, "1.11.0"), true, ""},
	} {
		got, why := tc.feature.Supports(tc.cli)
		if got != tc.want || why != tc.why {
			t.Errorf("%s on %s: Supports = %v %q, want %v %q", tc.feature.Name, tc.cli, got, why, tc.want, tc.why)
		}
	}
}

func checkWith(t *testing.T, c requiresCheck, tfVersion string) tfversion.CheckTerraformVersionResponse {
	t.Helper()
	var resp tfversion.CheckTerraformVersionResponse
	c.CheckTerraformVersion(context.Background(),
		tfversion.CheckTerraformVersionRequest{TerraformVersion: version.Must(version.NewVersion(tfVersion))}, &resp)
	return resp
}

func TestRequiresSkipsOnTheFirstMissingFeature(t *testing.T) {
	tofu := func() (CLI, error) { return cli(ProductOpenTofu, "0.0.0"), nil }
	c := requiresCheck{features: []Feature{FeatureResourceIdentity, FeatureActions}, detect: tofu}

	// The version terraform-plugin-testing read wins over the detected one.
	if resp := checkWith(t, c, "1.12.6"); resp.Error != nil ||
		resp.Skip != "OpenTofu v1.12.6: no OpenTofu release has actions" {
		t.Errorf("OpenTofu 1.12.6: got skip %q, error %v", resp.Skip, resp.Error)
	}
	if resp := checkWith(t, c, "1.11.0"); resp.Skip != "OpenTofu v1.11.0: resource identity needs OpenTofu 1.12.0 or later" {
		t.Errorf("OpenTofu 1.11.0: got skip %q", resp.Skip)
	}
	c.detect = func() (CLI, error) { return cli(ProductTerraform, "0.0.0"), nil }
	if resp := checkWith(t, c, "1.15.9"); resp.Skip != "" || resp.Error != nil {
		t.Errorf("Terraform 1.15.9 has both features: got skip %q, error %v", resp.Skip, resp.Error)
	}
}

func TestRequiresFailsWhenTheCLIIsUnknown(t *testing.T) {
	c := requiresCheck{features: []Feature{FeatureActions}, detect: func() (CLI, error) {
		return CLI{}, errors.New("no terraform on PATH")
	}}
	resp := checkWith(t, c, "1.15.9")
	if resp.Error == nil || !strings.Contains(resp.Error.Error(), "no terraform on PATH") || resp.Skip != "" {
		t.Errorf("got skip %q, error %v; want the detection error and no skip", resp.Skip, resp.Error)
	}
}

func TestSetUnsetEnvKeepsWhatTheCallerSet(t *testing.T) {
	t.Setenv("HWCLOUD_ACCTEST_SET", "mine")
	t.Setenv("HWCLOUD_ACCTEST_EMPTY", "")
	t.Setenv("HWCLOUD_ACCTEST_UNSET", "")
	_ = os.Unsetenv("HWCLOUD_ACCTEST_UNSET") // t.Setenv restores it (unset) at cleanup
	setUnsetEnv(map[string]string{"HWCLOUD_ACCTEST_SET": "d1", "HWCLOUD_ACCTEST_EMPTY": "d2", "HWCLOUD_ACCTEST_UNSET": "d3"})
	for name, want := range map[string]string{"HWCLOUD_ACCTEST_SET": "mine", "HWCLOUD_ACCTEST_EMPTY": "", "HWCLOUD_ACCTEST_UNSET": "d3"} {
		if got := os.Getenv(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestProviderAddressDefaults(t *testing.T) {
	if got := providerAddressDefaults(ProductTerraform); len(got) != 0 {
		t.Errorf("Terraform needs terraform-plugin-testing's own defaults, got %v", got)
	}
	got := providerAddressDefaults(ProductOpenTofu)
	if got[envProviderHost] != "registry.opentofu.org" || got[envProviderNS] != "hashicorp" || len(got) != 2 {
		t.Errorf("OpenTofu: got %v", got)
	}
}

// envExpectCLI names the CLI a make target means the suite to run on, e.g.
// "OpenTofu v1.12.6"; the test below proves the suite really ran on it.
const envExpectCLI = "HWCLOUD_ACC_EXPECT_CLI"

func TestDetectCLIFindsTheExpectedBinary(t *testing.T) {
	want := os.Getenv(envExpectCLI)
	if want == "" {
		t.Skipf("%s is not set: no expectation to check (the make targets that pick a CLI set it)", envExpectCLI)
	}
	got, err := DetectCLI()
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != want {
		t.Errorf("the acceptance tests run %s (%s), want %s", got, got.Path, want)
	}
}

// fakeCLI writes an executable that prints out for `version`.
func fakeCLI(t *testing.T, out string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tofu")
	script := "#!/bin/sh\ncat <<'OUT'\n" + out + "OUT\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDetectCLIRunsTheBinaryPluginTestingRuns(t *testing.T) {
	path := fakeCLI(t, "OpenTofu v1.12.6\non linux_amd64\n")
	t.Setenv(envTerraformPath, path)
	t.Setenv(envTerraformVersion, "1.15.9") // ignored: the path wins, as in terraform-plugin-testing
	got, err := detectCLI()
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != "OpenTofu v1.12.6" || got.Path != path {
		t.Errorf("got %s at %s, want OpenTofu v1.12.6 at %s", got, got.Path, path)
	}

	t.Setenv(envTerraformPath, "")
	if got, err = detectCLI(); err != nil || got.String() != "Terraform v1.15.9" {
		t.Errorf("with only %s: got %v, %v; want Terraform v1.15.9", envTerraformVersion, got, err)
	}
}

func TestDetectCLIExplainsAMissingCLIConfigFile(t *testing.T) {
	t.Setenv(envTerraformPath, fakeCLI(t, "\nWarning: Unable to open CLI configuration file\n\nOpenTofu v1.12.6\n"))
	missing := filepath.Join(t.TempDir(), "missing.tfrc")
	t.Setenv("TF_CLI_CONFIG_FILE", missing)
	_, err := detectCLI()
	if err == nil || !strings.Contains(err.Error(), "TF_CLI_CONFIG_FILE="+missing+" does not exist") {
		t.Errorf("got %v, want an error naming the missing TF_CLI_CONFIG_FILE", err)
	}
}
