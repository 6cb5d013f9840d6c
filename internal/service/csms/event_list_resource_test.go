package csms_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

func TestAccCSMSEventList_query(t *testing.T) {
	env := acctest.New(t)
	topic := env.TopicURN(t, "alerts")
	managed := acctest.RandomName("tf_acc_ev")
	seeded := []string{acctest.RandomName("tf_acc_ev"), acctest.RandomName("tf_acc_ev")}
	for i, name := range seeded {
		env.SeedCSMSEvent(t, name, topic, i == 0)
	}
	identityOf := func(name string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{
			"project_id": knownvalue.StringExact(env.ProjectID), "name": knownvalue.StringExact(name),
		}
	}
	// The query runs next to the first step's configuration, whose provider block it uses.
	query := `
list "hwcloud_csms_event" "all" {
  provider         = hwcloud
  include_resource = true
}
`
	checks := []querycheck.QueryResultCheck{querycheck.ExpectLengthAtLeast("hwcloud_csms_event.all", 3)}
	for _, name := range append([]string{managed}, seeded...) {
		checks = append(checks,
			querycheck.ExpectIdentity("hwcloud_csms_event.all", identityOf(name)),
			querycheck.ExpectResourceDisplayName("hwcloud_csms_event.all", queryfilter.ByResourceIdentity(identityOf(name)),
				knownvalue.StringExact(name)))
	}
	checks = append(checks, querycheck.ExpectResourceKnownValues("hwcloud_csms_event.all",
		queryfilter.ByResourceIdentity(identityOf(seeded[1])), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(false)},
			{Path: tfjsonpath.New("event_types"), KnownValue: knownvalue.SetExact([]knownvalue.Check{
				knownvalue.StringExact("SECRET_DELETED")})},
			{Path: tfjsonpath.New("notification").AtMapKey("target_id"), KnownValue: knownvalue.StringExact(topic)},
		}))

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             csmsEventDestroyed(env),
		Steps: []resource.TestStep{
			{Config: env.Config(csmsEventHCL{Name: managed, Types: []string{"SECRET_ROTATED"}, TargetID: topic}.String())},
			{Query: true, Config: query, QueryResultChecks: checks},
		},
	})
}
