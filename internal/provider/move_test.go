package provider_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest/officialprovider"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// Move tests apply an official huaweicloud resource (served by a stand-in),
// then replace it with the hwcloud resource and a moved block. They run one
// at a time: terraform-plugin-testing reattaches every in-process provider
// under one namespace, read from the environment, and the stand-in must be
// huaweicloud/huaweicloud for the move to be accepted. So here hwcloud is
// "huaweicloud/hwcloud"; a real configuration keeps its own source.

// moveTestCase is a test case with both providers; it skips Terraform
// CLI versions that cannot move across providers (Terraform before 1.8,
// OpenTofu before 1.10).
func moveTestCase(t *testing.T, env *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	t.Helper()
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "huaweicloud")
	return resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.Requires(acctest.FeatureMoveResourceState)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		ProtoV5ProviderFactories: map[string]func() (tfprotov5.ProviderServer, error){
			officialprovider.Name: officialprovider.Factory(env.Client, env.Region),
		},
		Steps: steps,
	}
}

// moveConfig renders a configuration with both providers declared.
func moveConfig(env *acctest.Env, body string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    hwcloud = {
      source = "huaweicloud/hwcloud"
    }
    huaweicloud = {
      source = "huaweicloud/huaweicloud"
    }
  }
}

provider "huaweicloud" {
  region = %q
}

%s`, env.Region, env.Config(body))
}

func movedBlock(from, to string) string {
	return fmt.Sprintf("moved {\n  from = %s\n  to   = %s\n}\n", from, to)
}

// expectOnlyMoves checks that the plan moves each target from its source and
// does nothing else to anything: 0 to add, 0 to change, 0 to destroy.
type expectOnlyMoves map[string]string // target address → source address

func (e expectOnlyMoves) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	seen := map[string]bool{}
	var errs []error
	for _, rc := range req.Plan.ResourceChanges {
		if !rc.Change.Actions.NoOp() {
			errs = append(errs, fmt.Errorf("%s: planned %v, want no change", rc.Address, rc.Change.Actions))
		}
		from, isTarget := e[rc.Address]
		if !isTarget {
			continue
		}
		seen[rc.Address] = true
		if rc.PreviousAddress != from {
			errs = append(errs, fmt.Errorf("%s: previous address %q, want a move from %s", rc.Address, rc.PreviousAddress, from))
		}
	}
	var missing []string
	for to := range e {
		if !seen[to] {
			missing = append(missing, to)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("not in the plan: %s", strings.Join(missing, ", ")))
	}
	resp.Error = errors.Join(errs...)
}

// moveSpec is one move test: the official configuration, the hwcloud one
// with its moved blocks, and what must hold after the move.
type moveSpec struct {
	official, target string
	moves            expectOnlyMoves
	afterOfficial    resource.TestCheckFunc // optional
	stateChecks      []statecheck.StateCheck
	check            resource.TestCheckFunc
}

// moveSteps applies the official configuration, then moves it into hwcloud
// (the plan may only move), then plans once more, which must be empty.
func moveSteps(env *acctest.Env, s moveSpec) []resource.TestStep {
	return []resource.TestStep{
		{Config: moveConfig(env, s.official), Check: s.afterOfficial},
		{
			Config:            moveConfig(env, s.target),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{s.moves}},
			ConfigStateChecks: s.stateChecks,
			Check:             s.check,
		},
		{
			Config:           moveConfig(env, s.target),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	}
}

// refusedMoveSteps applies the official configuration, expects the move to
// fail with want, and checks nothing was moved: the official configuration
// plans no change.
func refusedMoveSteps(env *acctest.Env, official, target string, want *regexp.Regexp) []resource.TestStep {
	return []resource.TestStep{
		{Config: moveConfig(env, official)},
		{Config: moveConfig(env, target), ExpectError: want},
		{
			Config:           moveConfig(env, official),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	}
}

func stateValue(addr, attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), v)
}

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
`, name, eventTypes, topic) + movedBlock("huaweicloud_csms_event.e", "hwcloud_csms_event.e")
	const addr = "hwcloud_csms_event.e"

	tc := moveTestCase(t, env, moveSteps(env, moveSpec{
		official: official,
		target:   target,
		moves:    expectOnlyMoves{addr: "huaweicloud_csms_event.e"},
		stateChecks: []statecheck.StateCheck{
			stateValue(addr, "id", knownvalue.StringExact(name)),
			stateValue(addr, "enabled", knownvalue.Bool(true)),
			stateValue(addr, "event_id", knownvalue.StringRegexp(patterns.UUID)),
			// Not in the official state: read by the refresh that follows the move.
			stateValue(addr, "created_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
			stateValue(addr, "updated_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
		},
		check: resource.ComposeAggregateTestCheckFunc(
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
`, name, topic) + movedBlock("huaweicloud_csms_event.e", "hwcloud_csms_event.e")

	resource.Test(t, moveTestCase(t, env,
		refusedMoveSteps(env, official, target, regexp.MustCompile(`(?s)region = "eu-west-101".*alias`))...))
}

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
		movedBlock("huaweicloud_cts_notification.complete", "hwcloud_cts_notification.complete") +
		movedBlock("huaweicloud_cts_notification.customized", "hwcloud_cts_notification.customized")
	const completeAddr, customizedAddr = "hwcloud_cts_notification.complete", "hwcloud_cts_notification.customized"

	tc := moveTestCase(t, env, moveSteps(env, moveSpec{
		official: official,
		target:   target,
		moves: expectOnlyMoves{
			completeAddr:   "huaweicloud_cts_notification.complete",
			customizedAddr: "huaweicloud_cts_notification.customized",
		},
		stateChecks: []statecheck.StateCheck{
			stateValue(completeAddr, "id", knownvalue.StringRegexp(patterns.UUID)),
			stateValue(completeAddr, "filter", knownvalue.Null()),
			stateValue(completeAddr, "operations", knownvalue.Null()),
			stateValue(customizedAddr, "filter", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"condition": knownvalue.StringExact("OR"),
				"rules": knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("code = 200"), knownvalue.StringExact("trace_rating = warning"),
				}),
			})),
			// Not in the official state: read by the refresh that follows the move.
			stateValue(customizedAddr, "notification_type", knownvalue.StringExact("smn")),
			stateValue(customizedAddr, "project_id", knownvalue.StringExact(env.ProjectID)),
		},
		check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpCreateNotification, 2), // the stand-in's, in step 1
			env.CheckCalls(emulator.OpUpdateNotification, 0),
			env.CheckCalls(emulator.OpDeleteNotification, 0),
		),
	})...)
	tc.CheckDestroy = ctsDestroyed(env)
	resource.Test(t, tc)
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
`, secretName) + movedBlock("huaweicloud_csms_scheduled_delete_secret_task.t", restoreAddr)
}

func TestAccMove_csmsSecretRestore(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mv")
	ids := seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})

	resource.Test(t, moveTestCase(t, env, moveSteps(env, moveSpec{
		official:      secretTaskConfig(name, "cancel"),
		afterOfficial: secretUsable(env, name),
		target:        restoreTarget(name),
		moves:         expectOnlyMoves{restoreAddr: "huaweicloud_csms_scheduled_delete_secret_task.t"},
		stateChecks: []statecheck.StateCheck{
			restoreCheck("secret_name", knownvalue.StringExact(name)),
			// Not in the official state: read by the refresh that follows the move.
			restoreCheck("secret_id", knownvalue.StringExact(ids[name])),
			restoreCheck("state", knownvalue.StringExact("ENABLED")),
			restoreCheck("restored", knownvalue.Bool(false)),
			restoreCheck("restored_at", knownvalue.Null()),
		},
		check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpRestoreSecret, 1), // the stand-in's, in step 1
			secretUsable(env, name),
		),
	})...))
}

func TestAccMove_csmsScheduledDeletionRefused(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name}})

	resource.Test(t, moveTestCase(t, env, refusedMoveSteps(env, secretTaskConfig(name, "create"), restoreTarget(name),
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
`, name, value) + movedBlock("huaweicloud_csms_secret.s", addr)

	tc := moveTestCase(t, env, moveSteps(env, moveSpec{
		official:      official,
		afterOfficial: resource.TestCheckResourceAttr("huaweicloud_csms_secret.s", "secret_text", officialHash),
		target:        target,
		moves:         expectOnlyMoves{addr: "huaweicloud_csms_secret.s"},
		stateChecks: []statecheck.StateCheck{
			stateValue(addr, "secret_id", knownvalue.StringExact(ids[name])),
			stateValue(addr, "tags", knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})),
			stateValue(addr, "secret_wo_version", knownvalue.Int64Exact(1)),
			stateValue(addr, "secret_string_wo", knownvalue.Null()),
			// Not in the official state: read by the refresh that follows the move.
			stateValue(addr, "latest_version_id", knownvalue.NotNull()),
			stateValue(addr, "updated_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
		},
		check: resource.ComposeAggregateTestCheckFunc(
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
