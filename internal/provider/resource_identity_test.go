package provider_test

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

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

// foreignProjectID is a project the test provider does not manage.
const foreignProjectID = "ffffffffffffffffffffffffffffffff"

// needsIdentity skips a test on a CLI without resource identity (Terraform before 1.12).
var needsIdentity = []tfversion.TerraformVersionCheck{acctest.Requires(acctest.FeatureResourceIdentity)}

// identityCase describes a resource's identity for identitySteps.
type identityCase struct {
	env       *acctest.Env
	typeName  string // e.g. hwcloud_csms_event
	key       string // the identity attribute besides project_id
	stateAttr string // the state attribute holding the same value
	keyValue  knownvalue.Check
	// hcl renders the resource under test with the given label; every label
	// must manage the same object (imports adopt it at another address).
	hcl string
	// importUpdates: the first apply after an import records a Terraform-side
	// setting (the secret's value handle), so an import plans an in-place
	// update, and configuration generated without a write-only value cannot be valid.
	importUpdates bool
}

func (c identityCase) addr(label string) string { return c.typeName + "." + label }

func (c identityCase) block(label string) string {
	return strings.Replace(c.hcl, fmt.Sprintf("%q \"test\"", c.typeName), fmt.Sprintf("%q %q", c.typeName, label), 1)
}

// importBlock imports the object of <type>.test at <type>.label by identity;
// projectLine is an HCL line for project_id, or "" to leave it out.
func (c identityCase) importBlock(label, projectLine string) string {
	return fmt.Sprintf("import {\n  to = %s\n  identity = {\n    %s\n    %s = %s.%s\n  }\n}\n",
		c.addr(label), projectLine, c.key, c.addr("test"), c.stateAttr)
}

// identitySteps: the identity is stored on create and matches the state; an
// import block with the identity adopts the object and plans no change (also
// with generated configuration); project_id may be left out; an identity of
// another project is refused at plan time.
func (c identityCase) steps() []resource.TestStep {
	env := c.env
	test := c.addr("test")
	steps := []resource.TestStep{
		{
			Config: env.Config(c.hcl),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(test, map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(env.ProjectID),
					c.key:        c.keyValue,
				}),
				statecheck.ExpectIdentityValueMatchesStateAtPath(test, tfjsonpath.New(c.key), tfjsonpath.New(c.stateAttr)),
			},
		},
		{
			ResourceName:       test,
			ImportState:        true,
			ImportStateKind:    resource.ImportBlockWithResourceIdentity,
			ExpectNonEmptyPlan: c.importUpdates,
		},
		{
			Config: env.Config(c.hcl + c.block("adopted") + c.importBlock("adopted", "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(c.addr("adopted"), map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(env.ProjectID),
					c.key:        c.keyValue,
				}),
			},
		},
		{
			Config: env.Config(c.hcl + c.block("adopted") + c.block("foreign") +
				c.importBlock("foreign", fmt.Sprintf("project_id = %q", foreignProjectID))),
			PlanOnly: true,
			ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Import identity is for another project.*%s.*%s`,
				foreignProjectID, env.ProjectID)),
		},
	}
	if c.importUpdates {
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
