package acctest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// foreignProjectID is a project the test provider does not manage.
const foreignProjectID = "ffffffffffffffffffffffffffffffff"

// NeedsIdentity skips a test on a CLI without resource identity (Terraform before 1.12).
var NeedsIdentity = []tfversion.TerraformVersionCheck{Requires(FeatureResourceIdentity)}

// IdentityCase describes a resource's identity for the identity tests (Steps).
type IdentityCase struct {
	Env       *Env
	TypeName  string // e.g. hwcloud_csms_event
	Key       string // the identity attribute besides project_id
	StateAttr string // the state attribute holding the same value
	KeyValue  knownvalue.Check
	// hcl renders the resource under test with the given label; every label
	// must manage the same object (imports adopt it at another address).
	HCL string
	// importUpdates: the first apply after an import records a Terraform-side
	// setting (the secret's value handle), so an import plans an in-place
	// update, and configuration generated without a write-only value cannot be valid.
	ImportUpdates bool
}

func (c IdentityCase) addr(label string) string { return c.TypeName + "." + label }

func (c IdentityCase) block(label string) string {
	return strings.Replace(c.HCL, fmt.Sprintf("%q \"test\"", c.TypeName), fmt.Sprintf("%q %q", c.TypeName, label), 1)
}

// importBlock imports the object of <type>.test at <type>.label by identity;
// projectLine is an HCL line for project_id, or "" to leave it out.
func (c IdentityCase) importBlock(label, projectLine string) string {
	return fmt.Sprintf("import {\n  to = %s\n  identity = {\n    %s\n    %s = %s.%s\n  }\n}\n",
		c.addr(label), projectLine, c.Key, c.addr("test"), c.StateAttr)
}

// Steps: the identity is stored on create and matches the state; an
// import block with the identity adopts the object and plans no change (also
// with generated configuration); project_id may be left out; an identity of
// another project is refused at plan time.
func (c IdentityCase) Steps() []resource.TestStep {
	env := c.Env
	test := c.addr("test")
	steps := []resource.TestStep{
		{
			Config: env.Config(c.HCL),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(test, map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(env.ProjectID),
					c.Key:        c.KeyValue,
				}),
				statecheck.ExpectIdentityValueMatchesStateAtPath(test, tfjsonpath.New(c.Key), tfjsonpath.New(c.StateAttr)),
			},
		},
		{
			ResourceName:       test,
			ImportState:        true,
			ImportStateKind:    resource.ImportBlockWithResourceIdentity,
			ExpectNonEmptyPlan: c.ImportUpdates,
		},
		{
			Config: env.Config(c.HCL + c.block("adopted") + c.importBlock("adopted", "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(c.addr("adopted"), map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(env.ProjectID),
					c.Key:        c.KeyValue,
				}),
			},
		},
		{
			Config: env.Config(c.HCL + c.block("adopted") + c.block("foreign") +
				c.importBlock("foreign", fmt.Sprintf("project_id = %q", foreignProjectID))),
			PlanOnly: true,
			ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Import identity is for another project.*%s.*%s`,
				foreignProjectID, env.ProjectID)),
		},
	}
	if c.ImportUpdates {
		return steps
	}
	generated := resource.TestStep{
		ResourceName:    test,
		ImportState:     true,
		ImportStateKind: resource.ImportBlockWithResourceIdentity,
		GenerateConfig:  true,
	}
	return slices.Insert(steps, 2, generated)
}
