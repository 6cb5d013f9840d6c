package acctest

import (
	"context"
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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest/officialprovider"
)

// Move tests apply an official huaweicloud resource (served by a stand-in),
// then replace it with the hwcloud resource and a moved block. They run one
// at a time: terraform-plugin-testing reattaches every in-process provider
// under one namespace, read from the environment, and the stand-in must be
// huaweicloud/huaweicloud for the move to be accepted. So here hwcloud is
// "huaweicloud/hwcloud"; a real configuration keeps its own source.

// MoveTestCase is a test case with both providers; it skips Terraform
// CLI versions that cannot move across providers (Terraform before 1.8,
// OpenTofu before 1.10).
func MoveTestCase(t *testing.T, env *Env, steps ...resource.TestStep) resource.TestCase {
	t.Helper()
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "huaweicloud")
	return resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{Requires(FeatureMoveResourceState)},
		ProtoV6ProviderFactories: ProtoV6ProviderFactories(),
		ProtoV5ProviderFactories: map[string]func() (tfprotov5.ProviderServer, error){
			officialprovider.Name: officialprovider.Factory(env.Client, env.Region),
		},
		Steps: steps,
	}
}

// MoveConfig renders a configuration with both providers declared.
func MoveConfig(env *Env, body string) string {
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

func MovedBlock(from, to string) string {
	return fmt.Sprintf("moved {\n  from = %s\n  to   = %s\n}\n", from, to)
}

// ExpectOnlyMoves checks that the plan moves each target from its source and
// does nothing else to anything: 0 to add, 0 to change, 0 to destroy.
type ExpectOnlyMoves map[string]string // target address → source address

func (e ExpectOnlyMoves) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
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

// MoveSpec is one move test: the official configuration, the hwcloud one
// with its moved blocks, and what must hold after the move.
type MoveSpec struct {
	Official, Target string
	Moves            ExpectOnlyMoves
	AfterOfficial    resource.TestCheckFunc // optional
	StateChecks      []statecheck.StateCheck
	Check            resource.TestCheckFunc
	CheckDestroy     resource.TestCheckFunc // optional
	// Requires lists what the test needs besides moves (FeatureMoveResourceState).
	Requires []Feature
}

// RunMoveTest runs the move test s describes (MoveSteps in a MoveTestCase).
func RunMoveTest(t *testing.T, env *Env, s MoveSpec) {
	t.Helper()
	tc := MoveTestCase(t, env, MoveSteps(env, s)...)
	tc.CheckDestroy = s.CheckDestroy
	if len(s.Requires) > 0 {
		tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{
			Requires(append([]Feature{FeatureMoveResourceState}, s.Requires...)...),
		}
	}
	resource.Test(t, tc)
}

// MoveSteps applies the official configuration, then moves it into hwcloud
// (the plan may only move), then plans once more, which must be empty.
func MoveSteps(env *Env, s MoveSpec) []resource.TestStep {
	return []resource.TestStep{
		{Config: MoveConfig(env, s.Official), Check: s.AfterOfficial},
		{
			Config:            MoveConfig(env, s.Target),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{s.Moves}},
			ConfigStateChecks: s.StateChecks,
			Check:             s.Check,
		},
		{
			Config:           MoveConfig(env, s.Target),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	}
}

// RefusedMoveSteps applies the official configuration, expects the move to
// fail with want, and checks nothing was moved: the official configuration
// plans no change.
func RefusedMoveSteps(env *Env, official, target string, want *regexp.Regexp) []resource.TestStep {
	return []resource.TestStep{
		{Config: MoveConfig(env, official)},
		{Config: MoveConfig(env, target), ExpectError: want},
		{
			Config:           MoveConfig(env, official),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	}
}

func StateValue(addr, attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), v)
}
