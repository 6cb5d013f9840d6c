package acctest

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

// The steps and plan checks that every type's acceptance tests repeat.

// CheckDestroyed is the CheckDestroy of a type: every resource of typeName
// still in the state must be gone from the service, as gone says for its
// id (nil when it is, else why not).
func CheckDestroyed(typeName string, gone func(ctx context.Context, id string) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != typeName {
				continue
			}
			if err := gone(context.Background(), rs.Primary.ID); err != nil {
				return err
			}
		}
		return nil
	}
}

// PlanEmpty is the ConfigPlanChecks of a step whose configuration must plan
// no change.
func PlanEmpty() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// Plans is the ConfigPlanChecks of a step whose plan must do action to addr;
// more are further checks of the same plan.
func Plans(addr string, action plancheck.ResourceActionType, more ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}, more...)}
}

// TrackValue follows attr of addr across steps: each step that lists a
// check it returns records the value there, and the check fails when the
// values recorded so far do not compare as c wants (e.g. compare.ValuesSame:
// an in-place update kept the id).
func TrackValue(addr, attr string, c compare.ValueComparer) func() statecheck.StateCheck {
	values := statecheck.CompareValue(c)
	return func() statecheck.StateCheck { return values.AddStateValue(addr, tfjsonpath.New(attr)) }
}

// NoChangeStep applies config again: it must plan nothing.
func NoChangeStep(config string) resource.TestStep {
	return resource.TestStep{Config: config, ConfigPlanChecks: PlanEmpty()}
}

// ImportStep imports addr by id (the resource's id attribute when id is "")
// and verifies the imported state against the state, but for ignore.
func ImportStep(addr, id string, ignore ...string) resource.TestStep {
	return resource.TestStep{ResourceName: addr, ImportState: true, ImportStateId: id, ImportStateVerify: true,
		ImportStateVerifyIgnore: ignore}
}

// FailsStep applies config and expects an error that matches want: a
// configuration refused (at plan time, in the validation tests).
func FailsStep(config, want string) resource.TestStep {
	return resource.TestStep{Config: config, ExpectError: regexp.MustCompile(want)}
}

// ImportFailsStep imports addr by id and expects an error that matches want.
func ImportFailsStep(addr, id, want string) resource.TestStep {
	return resource.TestStep{ResourceName: addr, ImportState: true, ImportStateId: id, ExpectError: regexp.MustCompile(want)}
}

// ChangedOutOfBandStep applies config, then changes the object outside
// Terraform with change: the refresh that follows must see the change, so
// that the next plan does want to addr.
func ChangedOutOfBandStep(config, addr string, change func(*terraform.State) error,
	want plancheck.ResourceActionType) resource.TestStep {
	return resource.TestStep{
		Config:             config,
		Check:              change,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(addr, want),
		}},
	}
}

// DisappearsSteps applies config and refreshes once (a type that waits for a
// new object to become visible stops waiting once it has seen it), then
// deletes the object outside Terraform with del: the plan must create it
// again, and check runs after that apply.
func DisappearsSteps(t *testing.T, config, addr string, del func(context.Context) error,
	check resource.TestCheckFunc) []resource.TestStep {
	return []resource.TestStep{
		{Config: config},
		{RefreshState: true},
		{
			PreConfig: func() {
				if err := del(context.Background()); err != nil {
					t.Fatalf("deleting %s out of band: %v", addr, err)
				}
			},
			Config:           config,
			ConfigPlanChecks: Plans(addr, plancheck.ResourceActionCreate),
			Check:            check,
		},
	}
}

// LoseResponse makes the emulator carry out the next request of op but lose
// its answer, as a broken connection would. A live run cannot arrange that:
// there the request simply succeeds.
func (e *Env) LoseResponse(op string) {
	if !e.Live {
		e.Emulator.SetFaults(emulator.FaultConfig{LoseResponse: map[string]int{op: 1}})
	}
}

// ParallelTest runs tc in parallel with the other tests, filling in what tc
// leaves out: the provider under test, and checkDestroy.
func ParallelTest(t *testing.T, checkDestroy resource.TestCheckFunc, tc resource.TestCase) {
	t.Helper()
	if tc.ProtoV6ProviderFactories == nil {
		tc.ProtoV6ProviderFactories = ProtoV6ProviderFactories()
	}
	if tc.CheckDestroy == nil {
		tc.CheckDestroy = checkDestroy
	}
	resource.ParallelTest(t, tc)
}

// Test runs steps with the provider under test; the caller has called
// t.Parallel if the test may run in parallel.
func Test(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: ProtoV6ProviderFactories(), Steps: steps})
}
