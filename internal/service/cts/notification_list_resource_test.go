package cts_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

func TestAccCTSNotificationList_query(t *testing.T) {
	env := acctest.New(t)
	smnName, funName := acctest.RandomName("tf_acc_cts"), acctest.RandomName("tf_acc_cts")
	function := env.FunctionURN(t, "audit")
	ids := map[string]string{
		smnName: env.SeedCTSNotification(t, smnName, env.TopicURN(t, "audit")),
		funName: env.SeedCTSNotification(t, funName, function),
	}
	managed := ctsHCL{Name: acctest.RandomName("tf_acc_cts"), OperationType: "customized",
		OperationsHCL: ctsTwoOperations, TopicID: env.TopicURN(t, "audit")}

	checks := []querycheck.QueryResultCheck{querycheck.ExpectLengthAtLeast("hwcloud_cts_notification.all", 3)}
	for name, id := range ids {
		identity := map[string]knownvalue.Check{
			"project_id": knownvalue.StringExact(env.ProjectID), "notification_id": knownvalue.StringExact(id),
		}
		checks = append(checks,
			querycheck.ExpectIdentity("hwcloud_cts_notification.all", identity),
			querycheck.ExpectResourceDisplayName("hwcloud_cts_notification.all",
				queryfilter.ByResourceIdentity(identity), knownvalue.StringExact(name)))
	}
	checks = append(checks,
		querycheck.ExpectResourceKnownValues("hwcloud_cts_notification.all",
			queryfilter.ByDisplayName(knownvalue.StringExact(funName)), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("topic_id"), KnownValue: knownvalue.StringExact(function)},
				{Path: tfjsonpath.New("notification_type"), KnownValue: knownvalue.StringExact("fun")},
				{Path: tfjsonpath.New("operation_type"), KnownValue: knownvalue.StringExact("complete")},
			}),
		querycheck.ExpectResourceKnownValues("hwcloud_cts_notification.all",
			queryfilter.ByDisplayName(knownvalue.StringExact(managed.Name)), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("operations"), KnownValue: knownvalue.ListSizeExact(2)},
			}))

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             ctsDestroyed(env),
		Steps: []resource.TestStep{
			{Config: env.Config(managed.String())},
			{
				// The query runs next to the first step's configuration, whose provider block it uses.
				Query: true,
				Config: `
list "hwcloud_cts_notification" "all" {
  provider         = hwcloud
  include_resource = true
}
`,
				QueryResultChecks: checks,
			},
		},
	})
}
