package acctest

import (
	"context"
	"fmt"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Feature is a language or protocol feature that only newer Terraform and
// OpenTofu releases have, with the first release of each that has it. A
// test that needs one lists Requires(feature) in its TerraformVersionChecks:
// it then runs on every CLI that has the feature and is skipped, with the
// reason, on every other one.
type Feature struct {
	Name string
	// First release with the feature; nil when no release has it.
	Terraform, OpenTofu *version.Version
}

func release(v string) *version.Version { return version.Must(version.NewVersion(v)) }

// The features this provider's tests depend on. The OpenTofu releases come
// from its changelogs and sources (checked up to v1.12.6, the pinned build).
var (
	// Ephemeral resources came in Terraform 1.10 and write-only attributes in
	// 1.11; OpenTofu brought both in 1.11.
	FeatureEphemeralResources  = Feature{Name: "ephemeral resources", Terraform: release("1.10.0"), OpenTofu: release("1.11.0")}
	FeatureWriteOnlyAttributes = Feature{Name: "write-only attributes", Terraform: release("1.11.0"), OpenTofu: release("1.11.0")}
	// A moved block between resource types (or providers) asks the provider
	// to move the state (MoveResourceState).
	FeatureMoveResourceState = Feature{Name: "moved blocks between resource types", Terraform: release("1.8.0"), OpenTofu: release("1.10.0")}
	// Resource identity, and import blocks with identity = {...}.
	FeatureResourceIdentity = Feature{Name: "resource identity", Terraform: release("1.12.0"), OpenTofu: release("1.12.0")}
	// List resources (`terraform query`) and actions: not in OpenTofu 1.12.6.
	FeatureListResources = Feature{Name: "list resources (terraform query)", Terraform: release("1.14.0")}
	FeatureActions       = Feature{Name: "actions", Terraform: release("1.14.0")}
)

// First returns the first release of product with the feature, or nil.
func (f Feature) First(product string) *version.Version {
	if product == ProductOpenTofu {
		return f.OpenTofu
	}
	return f.Terraform
}

// Supports reports whether cli has the feature, and why not when it does not.
func (f Feature) Supports(cli CLI) (bool, string) {
	first := f.First(cli.Product)
	if first == nil {
		return false, fmt.Sprintf("%s: no %s release has %s", cli, cli.Product, f.Name)
	}
	// A pre-release of a version counts as that version, as tfversion.SkipBelow does.
	if cli.Version.Core().LessThan(first) {
		return false, fmt.Sprintf("%s: %s needs %s %s or later", cli, f.Name, cli.Product, first)
	}
	return true, ""
}

// Requires is a version check that skips the test, saying why, when the CLI
// the tests run lacks any of the features, and fails it when the CLI cannot
// be identified.
func Requires(features ...Feature) tfversion.TerraformVersionCheck {
	return requiresCheck{features: features, detect: DetectCLI}
}

type requiresCheck struct {
	features []Feature
	detect   func() (CLI, error)
}

func (c requiresCheck) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	cli, err := c.detect()
	if err != nil {
		resp.Error = fmt.Errorf("identifying the Terraform CLI the tests run: %w", err)
		return
	}
	// The version terraform-plugin-testing read from the binary is the one
	// that counts; the product comes from our own reading of the same binary.
	if req.TerraformVersion != nil {
		cli.Version = req.TerraformVersion
	}
	for _, f := range c.features {
		if ok, why := f.Supports(cli); !ok {
			resp.Skip = why
			return
		}
	}
}

// NeedsIdentity, NeedsQuery and NeedsActions are the TerraformVersionChecks
// of tests that need resource identity (Terraform 1.12+), list resources or
// actions (Terraform 1.14+; not OpenTofu).
var (
	NeedsQuery   = []tfversion.TerraformVersionCheck{Requires(FeatureListResources)}
	NeedsActions = []tfversion.TerraformVersionCheck{Requires(FeatureActions)}
)
