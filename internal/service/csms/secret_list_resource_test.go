package csms_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

func TestAccCSMSSecretList_query(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	// A tag value unique to this test keeps the query to its own secrets, live too.
	run := acctest.RandomName("run")
	tagged, other := acctest.RandomName("tfacc.a"), acctest.RandomName("tfacc_b")
	seedTestSecrets(t, env, []testSecret{
		{name: tagged, tags: map[string]string{"run": run, "env": "prod"}},
		{name: other, tags: map[string]string{"run": run, "env": "dev"}},
	})
	managed := acctest.RandomName("tfacc_c")
	identityOf := func(name string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{
			"project_id": knownvalue.StringExact(env.ProjectID), "name": knownvalue.StringExact(name),
		}
	}

	secretTest(t, env, resource.TestCase{
		TerraformVersionChecks: acctest.NeedsQuery,
		Steps: []resource.TestStep{
			{Config: env.Config(secretHCL{Name: managed, Value: "v", Tags: map[string]string{"run": run, "env": "prod"}}.String())},
			{
				// The query runs next to the first step's configuration, whose provider block it uses.
				Query: true,
				Config: fmt.Sprintf(`
list "hwcloud_csms_secret" "prod" {
  provider         = hwcloud
  include_resource = true
  config {
    tags = { run = [%[1]q], env = ["prod"] }
  }
}

list "hwcloud_csms_secret" "named" {
  provider = hwcloud
  config {
    tags       = { run = [%[1]q] }
    name_match = %[2]q
  }
}
`, run, other),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("hwcloud_csms_secret.prod", 2),
					querycheck.ExpectIdentity("hwcloud_csms_secret.prod", identityOf(tagged)),
					querycheck.ExpectIdentity("hwcloud_csms_secret.prod", identityOf(managed)),
					querycheck.ExpectResourceKnownValues("hwcloud_csms_secret.prod",
						queryfilter.ByResourceIdentity(identityOf(tagged)), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{
								"run": knownvalue.StringExact(run), "env": knownvalue.StringExact("prod")})},
							{Path: tfjsonpath.New("secret_string_wo"), KnownValue: knownvalue.Null()},
						}),
					querycheck.ExpectLength("hwcloud_csms_secret.named", 1),
					querycheck.ExpectIdentity("hwcloud_csms_secret.named", identityOf(other)),
				},
			},
		},
	})
}
