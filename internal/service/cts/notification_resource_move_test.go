package cts_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

func TestAccMove_ctsNotification(t *testing.T) {
	env := acctest.New(t)
	complete, customized := acctest.RandomName("tf_acc_mv"), acctest.RandomName("tf_acc_mv")
	topic := env.TopicURN(t, "moves")
	official := fmt.Sprintf(`resource "huaweicloud_cts_notification" "complete" {
  name           = %[1]q
  operation_type = "complete"
  smn_topic      = %[3]q
}

resource "huaweicloud_cts_notification" "customized" {
  name           = %[2]q
  operation_type = "customized"
  smn_topic      = %[3]q
  agency_name    = "cts_admin_trust"

  operations {
    service     = "ECS"
    resource    = "ecs"
    trace_names = ["createServer", "deleteServer"]
  }
  operation_users {
    group = "admin"
    users = ["alice", "bob"]
  }
  filter {
    condition = "OR"
    rule      = ["code = 200", "trace_rating = warning"]
  }
}
`, complete, customized, topic)
	target := fmt.Sprintf(`resource "hwcloud_cts_notification" "complete" {
  name           = %[1]q
  operation_type = "complete"
  topic_id       = %[3]q
}

resource "hwcloud_cts_notification" "customized" {
  name           = %[2]q
  operation_type = "customized"
  topic_id       = %[3]q
  agency_name    = "cts_admin_trust"
  operations = [
    { service_type = "ECS", resource_type = "ecs", trace_names = ["createServer", "deleteServer"] },
  ]
  notify_users = [
    { user_group = "admin", users = ["alice", "bob"] },
  ]
  filter = {
    condition = "OR"
    rules     = ["code = 200", "trace_rating = warning"]
  }
}
`, complete, customized, topic) +
		acctest.MovedBlock("huaweicloud_cts_notification.complete", "hwcloud_cts_notification.complete") +
		acctest.MovedBlock("huaweicloud_cts_notification.customized", "hwcloud_cts_notification.customized")
	const completeAddr, customizedAddr = "hwcloud_cts_notification.complete", "hwcloud_cts_notification.customized"

	tc := acctest.MoveTestCase(t, env, acctest.MoveSteps(env, acctest.MoveSpec{
		Official: official,
		Target:   target,
		Moves: acctest.ExpectOnlyMoves{
			completeAddr:   "huaweicloud_cts_notification.complete",
			customizedAddr: "huaweicloud_cts_notification.customized",
		},
		StateChecks: []statecheck.StateCheck{
			acctest.StateValue(completeAddr, "id", knownvalue.StringRegexp(patterns.UUID)),
			acctest.StateValue(completeAddr, "filter", knownvalue.Null()),
			acctest.StateValue(completeAddr, "operations", knownvalue.Null()),
			acctest.StateValue(customizedAddr, "filter", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"condition": knownvalue.StringExact("OR"),
				"rules": knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("code = 200"), knownvalue.StringExact("trace_rating = warning"),
				}),
			})),
			// Not in the official state: read by the refresh that follows the move.
			acctest.StateValue(customizedAddr, "notification_type", knownvalue.StringExact("smn")),
			acctest.StateValue(customizedAddr, "project_id", knownvalue.StringExact(env.ProjectID)),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpCreateNotification, 2), // the stand-in's, in step 1
			env.CheckCalls(emulator.OpUpdateNotification, 0),
			env.CheckCalls(emulator.OpDeleteNotification, 0),
		),
	})...)
	tc.CheckDestroy = ctsDestroyed(env)
	resource.Test(t, tc)
}
