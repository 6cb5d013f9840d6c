package csms_test

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
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

func secretTaskConfig(secretName, action string) string {
	return fmt.Sprintf(`resource "huaweicloud_csms_scheduled_delete_secret_task" "t" {
  secret_name = %q
  action      = %q
}
`, secretName, action)
}

func restoreTarget(secretName string) string {
	return fmt.Sprintf(`resource "hwcloud_csms_secret_restore" "guard" {
  secret_name = %q
}
`, secretName) + acctest.MovedBlock("huaweicloud_csms_scheduled_delete_secret_task.t", restoreAddr)
}

func TestAccMove_csmsSecretRestore(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mv")
	ids := seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})

	resource.Test(t, acctest.MoveTestCase(t, env, acctest.MoveSteps(env, acctest.MoveSpec{
		Official:      secretTaskConfig(name, "cancel"),
		AfterOfficial: secretUsable(env, name),
		Target:        restoreTarget(name),
		Moves:         acctest.ExpectOnlyMoves{restoreAddr: "huaweicloud_csms_scheduled_delete_secret_task.t"},
		StateChecks: []statecheck.StateCheck{
			restoreCheck("secret_name", knownvalue.StringExact(name)),
			// Not in the official state: read by the refresh that follows the move.
			restoreCheck("secret_id", knownvalue.StringExact(ids[name])),
			restoreCheck("state", knownvalue.StringExact("ENABLED")),
			restoreCheck("restored", knownvalue.Bool(false)),
			restoreCheck("restored_at", knownvalue.Null()),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpRestoreSecret, 1), // the stand-in's, in step 1
			secretUsable(env, name),
		),
	})...))
}

func TestAccMove_csmsScheduledDeletionRefused(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name}})

	resource.Test(t, acctest.MoveTestCase(t, env, acctest.RefusedMoveSteps(env, secretTaskConfig(name, "create"), restoreTarget(name),
		regexp.MustCompile(`(?s)action = "create".*opposite.*removed`))...))
}

func TestAccMove_csmsSecret(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mv")
	const value = "acceptance-test-value" // what seedTestSecret stores
	ids := seedTestSecrets(t, env, []testSecret{{name: name, tags: map[string]string{"env": "prod"}}})
	hash := sha1.Sum([]byte(value)) //nolint:gosec // the official provider's hash, looked for in the state
	officialHash := hex.EncodeToString(hash[:])
	const addr = "hwcloud_csms_secret.s"

	// The official provider's state comes from an import: the stand-in, like
	// the official provider, reads the value's hash into secret_text.
	official := fmt.Sprintf(`import {
  to = huaweicloud_csms_secret.s
  id = "%s/%s"
}

resource "huaweicloud_csms_secret" "s" {
  name = %q
}
`, ids[name], name, name)
	target := fmt.Sprintf(`resource "hwcloud_csms_secret" "s" {
  name             = %q
  secret_string_wo = %q
  tags = {
    env = "prod"
  }
}
`, name, value) + acctest.MovedBlock("huaweicloud_csms_secret.s", addr)

	tc := acctest.MoveTestCase(t, env, acctest.MoveSteps(env, acctest.MoveSpec{
		Official:      official,
		AfterOfficial: resource.TestCheckResourceAttr("huaweicloud_csms_secret.s", "secret_text", officialHash),
		Target:        target,
		Moves:         acctest.ExpectOnlyMoves{addr: "huaweicloud_csms_secret.s"},
		StateChecks: []statecheck.StateCheck{
			acctest.StateValue(addr, "secret_id", knownvalue.StringExact(ids[name])),
			acctest.StateValue(addr, "tags", knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})),
			acctest.StateValue(addr, "secret_wo_version", knownvalue.Int64Exact(1)),
			acctest.StateValue(addr, "secret_string_wo", knownvalue.Null()),
			// Not in the official state: read by the refresh that follows the move.
			acctest.StateValue(addr, "latest_version_id", knownvalue.NotNull()),
			acctest.StateValue(addr, "updated_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			noStateValueIs(officialHash),
			env.CheckCalls(emulator.OpCreateSecretVersion, 0), // the move sent no value
			env.CheckCalls(emulator.OpUpdateSecret, 0),
		),
	})...)
	tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{
		acctest.Requires(acctest.FeatureMoveResourceState, acctest.FeatureWriteOnlyAttributes),
	}
	resource.Test(t, tc)
}

// noStateValueIs fails when any attribute of any resource in the state holds v.
func noStateValueIs(v string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			for k, got := range rs.Primary.Attributes {
				if got == v {
					return fmt.Errorf("%s.%s holds the value's hash", addr, k)
				}
			}
		}
		return nil
	}
}
