package csms_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

func TestAccMove_csmsEvent(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_mv")
	topic := env.TopicURN(t, "moves")
	eventTypes := `["SECRET_VERSION_CREATED", "SECRET_ROTATED"]`
	official := fmt.Sprintf(`resource "huaweicloud_csms_event" "e" {
  name                     = %q
  event_types              = %s
  status                   = "ENABLED"
  notification_target_type = "SMN"
  notification_target_id   = %q
  notification_target_name = %q
}
`, name, eventTypes, topic, csmsEventTopicName(topic))
	target := fmt.Sprintf(`resource "hwcloud_csms_event" "e" {
  name         = %q
  event_types  = %s
  notification = {
    target_id = %q
  }
}
`, name, eventTypes, topic) + acctest.MovedBlock("huaweicloud_csms_event.e", "hwcloud_csms_event.e")
	const addr = "hwcloud_csms_event.e"

	tc := acctest.MoveTestCase(t, env, acctest.MoveSteps(env, acctest.MoveSpec{
		Official: official,
		Target:   target,
		Moves:    acctest.ExpectOnlyMoves{addr: "huaweicloud_csms_event.e"},
		StateChecks: []statecheck.StateCheck{
			acctest.StateValue(addr, "id", knownvalue.StringExact(name)),
			acctest.StateValue(addr, "enabled", knownvalue.Bool(true)),
			acctest.StateValue(addr, "event_id", knownvalue.StringRegexp(patterns.UUID)),
			// Not in the official state: read by the refresh that follows the move.
			acctest.StateValue(addr, "created_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
			acctest.StateValue(addr, "updated_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpCreateSecretEvent, 1), // the stand-in's, in step 1
			env.CheckCalls(emulator.OpUpdateSecretEvent, 0),
			env.CheckCalls(emulator.OpDeleteSecretEvent, 0),
		),
	})...)
	tc.CheckDestroy = csmsEventDestroyed(env)
	resource.Test(t, tc)
}

func TestAccMove_csmsEventOtherRegionRefused(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_mv")
	topic := env.TopicURN(t, "moves")
	// The stand-in creates through the test's client wherever region points;
	// only the region recorded in its state matters here.
	official := fmt.Sprintf(`resource "huaweicloud_csms_event" "e" {
  region                   = "eu-west-101"
  name                     = %q
  event_types              = ["SECRET_ROTATED"]
  status                   = "ENABLED"
  notification_target_type = "SMN"
  notification_target_id   = %q
  notification_target_name = %q
}
`, name, topic, csmsEventTopicName(topic))
	target := fmt.Sprintf(`resource "hwcloud_csms_event" "e" {
  name         = %q
  event_types  = ["SECRET_ROTATED"]
  notification = {
    target_id = %q
  }
}
`, name, topic) + acctest.MovedBlock("huaweicloud_csms_event.e", "hwcloud_csms_event.e")

	resource.Test(t, acctest.MoveTestCase(t, env,
		acctest.RefusedMoveSteps(env, official, target, regexp.MustCompile(`(?s)region = "eu-west-101".*alias`))...))
}
