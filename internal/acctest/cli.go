package acctest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-version"
)

// The command lines the acceptance tests can drive. Both speak the same
// plugin protocol, but their version numbers are separate series: OpenTofu
// 1.12 does not have every feature of Terraform 1.12, so a version alone
// never says what a test may use.
const (
	ProductTerraform = "Terraform"
	ProductOpenTofu  = "OpenTofu"
)

// Environment variables terraform-plugin-testing reads to pick the binary.
const (
	envTerraformPath    = "TF_ACC_TERRAFORM_PATH"
	envTerraformVersion = "TF_ACC_TERRAFORM_VERSION"
	envProviderHost     = "TF_ACC_PROVIDER_HOST"
	envProviderNS       = "TF_ACC_PROVIDER_NAMESPACE"
)

// CLI is the binary the acceptance tests run: which product, which version.
type CLI struct {
	Path    string
	Product string
	Version *version.Version
}

// String reads like the binary's own `version` line, e.g. "OpenTofu v1.12.6".
func (c CLI) String() string { return c.Product + " v" + c.Version.String() }

var (
	detectOnce sync.Once
	detected   CLI
	detectErr  error
)

// DetectCLI finds the binary terraform-plugin-testing will run (the same
// order it uses: TF_ACC_TERRAFORM_PATH, else TF_ACC_TERRAFORM_VERSION, which
// it installs from HashiCorp's releases, else `terraform` on PATH) and asks
// it what it is. Asked once per test binary.
func DetectCLI() (CLI, error) {
	detectOnce.Do(func() { detected, detectErr = detectCLI() })
	return detected, detectErr
}

func detectCLI() (CLI, error) {
	path := os.Getenv(envTerraformPath)
	if path == "" {
		if v := strings.TrimPrefix(os.Getenv(envTerraformVersion), "v"); v != "" {
			ver, err := version.NewVersion(v)
			if err != nil {
				return CLI{}, fmt.Errorf("%s=%q: %w", envTerraformVersion, v, err)
			}
			return CLI{Product: ProductTerraform, Version: ver}, nil
		}
		var err error
		if path, err = exec.LookPath("terraform"); err != nil {
			return CLI{}, fmt.Errorf("no %s and no terraform on PATH: %w", envTerraformPath, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "version")
	// Checkpoint is Terraform's update check: no network here, and nothing to learn from it.
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return CLI{}, fmt.Errorf("running %s version: %w", path, err)
	}
	product, ver, err := ParseVersionOutput(string(out))
	if err != nil {
		if f := os.Getenv("TF_CLI_CONFIG_FILE"); f != "" {
			if _, statErr := os.Stat(f); statErr != nil {
				// OpenTofu then prints a warning before its version line.
				err = fmt.Errorf("%w (TF_CLI_CONFIG_FILE=%s does not exist: point it at an existing, even empty, file)", err, f)
			}
		}
		return CLI{}, fmt.Errorf("%s version: %w", path, err)
	}
	return CLI{Path: path, Product: product, Version: ver}, nil
}

// The first line of `terraform version` / `tofu version`, e.g. "Terraform v1.11.4"
// or "OpenTofu v1.12.6" (a development build adds "-dev").
var versionLine = regexp.MustCompile(`^(Terraform|OpenTofu) v(\S+)`)

// ParseVersionOutput reads the product and version from the output of the
// `version` command. The JSON form (`version -json`) cannot tell the two
// products apart, so the text form is parsed.
func ParseVersionOutput(out string) (product string, v *version.Version, err error) {
	first, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
	m := versionLine.FindStringSubmatch(strings.TrimSpace(first))
	if m == nil {
		return "", nil, fmt.Errorf("first line %q is neither Terraform nor OpenTofu", first)
	}
	if v, err = version.NewVersion(m[2]); err != nil {
		return "", nil, fmt.Errorf("version %q: %w", m[2], err)
	}
	return m[1], v, nil
}

// providerAddressDefaults are the TF_ACC_PROVIDER_* values a product needs.
// terraform-plugin-testing serves the in-process provider to the CLI under
// registry.terraform.io/-/hwcloud and registry.terraform.io/hashicorp/hwcloud
// unless told otherwise. OpenTofu refuses the first ("-" is a legacy
// namespace it no longer parses) and, for a configuration without
// required_providers, looks for the second under its own registry's host.
func providerAddressDefaults(product string) map[string]string {
	if product != ProductOpenTofu {
		return nil
	}
	return map[string]string{envProviderHost: "registry.opentofu.org", envProviderNS: "hashicorp"}
}

var addressOnce sync.Once

// setProviderAddressDefaults sets, once per test binary and before any test
// runs Terraform, the provider address variables the detected CLI needs,
// leaving any value the caller set alone. Without them every test fails on
// OpenTofu with a provider address error.
func setProviderAddressDefaults() {
	addressOnce.Do(func() {
		cli, err := DetectCLI()
		if err != nil {
			return // the test's own run reports a missing or broken binary
		}
		setUnsetEnv(providerAddressDefaults(cli.Product))
	})
}

// setUnsetEnv sets each variable that is not set at all.
func setUnsetEnv(vars map[string]string) {
	for name, value := range vars {
		if _, set := os.LookupEnv(name); !set {
			_ = os.Setenv(name, value)
		}
	}
}
