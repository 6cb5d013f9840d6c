// Package devenv is the plumbing shared by everything that runs the provider
// against the local emulator rather than a real account: the acceptance
// harness, the benchmarks, the demo and the examples check. It renders the
// provider block and the dev_overrides CLI configuration, and says which
// environment variables such a run must not inherit.
package devenv

import (
	"fmt"
	"slices"
	"strings"
)

// ProviderSource is the provider address configurations require and the
// dev_overrides entry points at.
const ProviderSource = "hwcloud-oss/hwcloud"

// Provider is a provider "hwcloud" block. Empty fields are left out, so the
// provider falls back to its environment variables and defaults for them.
type Provider struct {
	Region, ProjectID, AccessKey, SecretKey string
	// Endpoints per service; the emulator serves all three on one URL.
	CSMS, CTS, IAM string
	// Args are further lines written into the block as given, e.g.
	// `max_retries = 0` or `region = terraform_data.r.output`.
	Args []string
}

// EmulatorProvider is a block that sends every service to url.
func EmulatorProvider(region, url string) Provider {
	return Provider{Region: region, CSMS: url, CTS: url, IAM: url}
}

// HCL renders the block.
func (p Provider) HCL() string {
	var b strings.Builder
	b.WriteString("provider \"hwcloud\" {\n")
	for _, a := range [][2]string{
		{"region", p.Region}, {"project_id", p.ProjectID}, {"access_key", p.AccessKey}, {"secret_key", p.SecretKey},
	} {
		if a[1] != "" {
			fmt.Fprintf(&b, "  %s = %q\n", a[0], a[1])
		}
	}
	if p.CSMS != "" || p.CTS != "" || p.IAM != "" {
		b.WriteString("  endpoints = {\n")
		for _, e := range [][2]string{{"csms", p.CSMS}, {"cts", p.CTS}, {"iam", p.IAM}} {
			if e[1] != "" {
				fmt.Fprintf(&b, "    %s = %q\n", e[0], e[1])
			}
		}
		b.WriteString("  }\n")
	}
	for _, a := range p.Args {
		b.WriteString("  " + strings.TrimSpace(a) + "\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// With returns a copy of p with more Args.
func (p Provider) With(args ...string) Provider {
	p.Args = append(slices.Clone(p.Args), args...)
	return p
}

// RequiredProviders is the terraform block that requires this provider.
const RequiredProviders = `terraform {
  required_providers {
    hwcloud = { source = "` + ProviderSource + `" }
  }
}
`

// CLIConfig is a Terraform CLI configuration that takes the provider binary
// (named terraform-provider-hwcloud) from dir, with no `terraform init`.
func CLIConfig(dir string) string {
	return fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		ProviderSource, dir)
}

// cloudPrefixes name the variables that point the provider (or the
// acceptance tests) at a real account: credentials, endpoints, region,
// project, retries, and the switch to live acceptance tests.
var cloudPrefixes = []string{"HW_", "CLOUD_SDK_", "HWCLOUD_"}

// IsCloudVariable reports whether an environment variable of this name
// could point a run at a real account. An emulator run drops all of them:
// an HW_AUTH_TOKEN left in the environment would win over the emulator's
// AK/SK, and an HW_CSMS_ENDPOINT would send requests elsewhere.
func IsCloudVariable(name string) bool {
	for _, p := range cloudPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// CloudVariables returns the names of environ's cloud variables
// (environ as os.Environ returns it).
func CloudVariables(environ []string) []string {
	var names []string
	for _, kv := range environ {
		if name, _, _ := strings.Cut(kv, "="); IsCloudVariable(name) {
			names = append(names, name)
		}
	}
	return names
}

// WithoutCloudVariables returns environ without its cloud variables.
func WithoutCloudVariables(environ []string) []string {
	return slices.DeleteFunc(slices.Clone(environ), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return IsCloudVariable(name)
	})
}
