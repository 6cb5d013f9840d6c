package csms_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// defaultTagsArg is the provider's default_tags block.
func defaultTagsArg(tags map[string]string) string {
	out := "default_tags {\n    tags = {\n"
	for k, v := range tags {
		out += fmt.Sprintf("      %q = %q\n", k, v)
	}
	return out + "    }\n  }"
}

func stringMapCheck(kv map[string]string) knownvalue.Check {
	m := map[string]knownvalue.Check{}
	for k, v := range kv {
		m[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(m)
}

// serviceTagsAre checks the secret's tags as the service has them.
func serviceTagsAre(env *acctest.Env, name string, want map[string]string) resource.TestCheckFunc {
	return secretOnService(env, name, func(_ *hwc.Secret, tags map[string]string) error {
		if !maps.Equal(tags, want) {
			return fmt.Errorf("service has tags %v, want %v", tags, want)
		}
		return nil
	})
}

// Default tags are sent and shown in tags_all, while tags stays what the
// configuration says; a resource tag wins over a default; changing only the
// defaults updates the secret in place.
func TestAccCSMSSecret_defaultTags(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	hcl := secretHCL{Name: name, Value: "v", Tags: map[string]string{"team": "b", "app": "web"}}.String()
	first := map[string]string{"env": "prod", "team": "a"}
	second := map[string]string{"env": "staging", "team": "a"}

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.ConfigWith([]string{defaultTagsArg(first)}, hcl),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(secretAddr, tfjsonpath.New("tags_all"),
						stringMapCheck(map[string]string{"env": "prod", "team": "b", "app": "web"})),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("tags", stringMapCheck(map[string]string{"team": "b", "app": "web"})),
					secretCheck("tags_all", stringMapCheck(map[string]string{"env": "prod", "team": "b", "app": "web"})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(emulator.OpBatchSecretTags, 1),
					serviceTagsAre(env, name, map[string]string{"env": "prod", "team": "b", "app": "web"}),
				),
			},
			{
				Config: env.ConfigWith([]string{defaultTagsArg(second)}, hcl),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(secretAddr, tfjsonpath.New("tags_all"),
						stringMapCheck(map[string]string{"env": "staging", "team": "b", "app": "web"})),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("tags", stringMapCheck(map[string]string{"team": "b", "app": "web"})),
					secretCheck("tags_all", stringMapCheck(map[string]string{"env": "staging", "team": "b", "app": "web"})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(emulator.OpBatchSecretTags, 2), // one upsert of env, nothing removed
					serviceTagsAre(env, name, map[string]string{"env": "staging", "team": "b", "app": "web"}),
				),
			},
			{
				Config:           env.ConfigWith([]string{defaultTagsArg(second)}, hcl),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// An import splits the service's tags the same way: defaults only in tags_all.
				Config:                  env.ConfigWith([]string{defaultTagsArg(second)}, hcl),
				ResourceName:            secretAddr,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret_wo_version", "timeouts"},
			},
			{
				// Without defaults, the default tags are removed and tags stays as configured.
				Config: env.Config(hcl),
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("tags", stringMapCheck(map[string]string{"team": "b", "app": "web"})),
					secretCheck("tags_all", stringMapCheck(map[string]string{"team": "b", "app": "web"})),
				},
				Check: serviceTagsAre(env, name, map[string]string{"team": "b", "app": "web"}),
			},
		},
	})
}

// Tags added outside Terraform under ignored keys (exact or prefix) are not
// drift, are never removed, and do not show in tags or tags_all.
func TestAccCSMSSecret_ignoreTags(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	ignore := "ignore_tags {\n    keys = [\"owner\"]\n    key_prefixes = [\"policy:\"]\n  }"
	first := secretHCL{Name: name, Value: "v", Tags: map[string]string{"app": "web"}}
	second := first
	second.Tags = map[string]string{"app": "api"}
	outOfBand := []hwc.Tag{{Key: "owner", Value: "bob"}, {Key: "policy:cost", Value: "cc-1"}}

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.ConfigWith([]string{ignore}, first.String())},
			{
				PreConfig: func() {
					ctx := context.Background()
					s, err := env.Client.ShowSecret(ctx, name)
					if err == nil {
						err = env.Client.BatchSecretTags(ctx, s.ID, hwc.TagActionCreate, outOfBand)
					}
					if err != nil {
						t.Fatalf("tagging the secret out of band: %v", err)
					}
				},
				Config:           env.ConfigWith([]string{ignore}, first.String()),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("tags", stringMapCheck(map[string]string{"app": "web"})),
					secretCheck("tags_all", stringMapCheck(map[string]string{"app": "web"})),
				},
			},
			{
				Config: env.ConfigWith([]string{ignore}, second.String()),
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("tags_all", stringMapCheck(map[string]string{"app": "api"})),
				},
				Check: serviceTagsAre(env, name, map[string]string{"app": "api", "owner": "bob", "policy:cost": "cc-1"}),
			},
			{
				// The data source leaves the ignored tags out of its results too.
				Config: env.ConfigWith([]string{ignore}, second.String()+fmt.Sprintf(`
data "hwcloud_csms_secrets" "found" {
  name_match = %q
  tags       = { app = ["api"] }
  depends_on = [hwcloud_csms_secret.test]
}
`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.hwcloud_csms_secrets.found", tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("tags"),
						stringMapCheck(map[string]string{"app": "api"})),
				},
			},
		},
	})
}

// The provider's enterprise project is used when a secret sets none, and the
// state records it; a secret's own enterprise project wins.
func TestAccCSMSSecret_providerEnterpriseProject(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	providerEP, ownEP := "3b0c7c8e-5f4a-4a64-9d0e-2a8f7f1d6c11", "0"
	if env.Live {
		// A live account needs a real enterprise project for the provider's.
		providerEP = os.Getenv("HW_ACC_ENTERPRISE_PROJECT_ID")
		if providerEP == "" {
			t.Skip("HW_ACC_ENTERPRISE_PROJECT_ID is not set: no enterprise project to use")
		}
	}
	name, own := acctest.RandomName("tf_acc_sec"), acctest.RandomName("tf_acc_sec")
	hcl := secretHCL{Name: name, Value: "v"}.String() + strings.Replace(
		secretHCL{Name: own, Value: "v", Extra: fmt.Sprintf("  enterprise_project_id = %q\n", ownEP)}.String(),
		`"test"`, `"own"`, 1)
	config := env.ConfigWith([]string{fmt.Sprintf("enterprise_project_id = %q", providerEP)}, hcl)
	epIs := func(secret, want string) resource.TestCheckFunc {
		return secretOnService(env, secret, func(s *hwc.Secret, _ map[string]string) error {
			if s.EnterpriseProjectID != want {
				return fmt.Errorf("secret %s is in enterprise project %q, want %q", secret, s.EnterpriseProjectID, want)
			}
			return nil
		})
	}

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("enterprise_project_id", knownvalue.StringExact(providerEP)),
					statecheck.ExpectKnownValue("hwcloud_csms_secret.own", tfjsonpath.New("enterprise_project_id"),
						knownvalue.StringExact(ownEP)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(epIs(name, providerEP), epIs(own, ownEP)),
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
