package csms_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

const restoreAddr = "hwcloud_csms_secret_restore.guard"

// restoreHCL is a guard of secretName, labelled label.
func restoreHCL(label, secretName string) string {
	return fmt.Sprintf(`
resource "hwcloud_csms_secret_restore" %q {
  secret_name = %q
}
`, label, secretName)
}

func restoreConfig(env *acctest.Env, secretName string) string {
	return env.Config(restoreHCL("guard", secretName))
}

// restoredStep applies the guard of the secret name, which must restore it
// with one call; more checks run after.
func restoredStep(env *acctest.Env, name string, more ...resource.TestCheckFunc) resource.TestStep {
	return resource.TestStep{
		Config: restoreConfig(env, name),
		ConfigStateChecks: []statecheck.StateCheck{
			restoreCheck("state", knownvalue.StringExact("ENABLED")),
			restoreCheck("restored", knownvalue.Bool(true)),
			restoreCheck("restored_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
		},
		Check: resource.ComposeAggregateTestCheckFunc(append(more, env.CheckCalls(emulator.OpRestoreSecret, 1))...),
	}
}

func restoreCheck(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(restoreAddr, tfjsonpath.New(attr), v)
}

// secretUsable checks out of band that the secret exists and is not pending deletion.
func secretUsable(env *acctest.Env, name string) func(*terraform.State) error {
	return func(*terraform.State) error {
		s, err := env.Client.ShowSecret(context.Background(), name)
		if err != nil {
			return fmt.Errorf("reading secret %s: %w", name, err)
		}
		if s.State != "ENABLED" || s.ScheduledDeleteTime != nil {
			return fmt.Errorf("secret %s is %s (scheduled_delete_time %v), want ENABLED and not scheduled",
				name, s.State, s.ScheduledDeleteTime)
		}
		return nil
	}
}

func TestAccCSMSSecretRestore_restoresPendingSecret(t *testing.T) {
	name := acctest.RandomName("tfacc.restore")
	env, ids := seededEnv(t, testSecret{name: name, pending: true})

	step := restoredStep(env, name, secretUsable(env, name))
	step.ConfigPlanChecks = acctest.Plans(restoreAddr, plancheck.ResourceActionCreate)
	step.ConfigStateChecks = append(step.ConfigStateChecks,
		restoreCheck("secret_name", knownvalue.StringExact(name)),
		restoreCheck("secret_id", knownvalue.StringExact(ids[name])))
	acctest.Test(t, step)
}

func TestAccCSMSSecretRestore_enabledSecretIsNoOp(t *testing.T) {
	name := acctest.RandomName("tfacc")
	env, ids := seededEnv(t, testSecret{name: name})

	acctest.Test(t, resource.TestStep{
		Config: restoreConfig(env, name),
		ConfigStateChecks: []statecheck.StateCheck{
			restoreCheck("secret_id", knownvalue.StringExact(ids[name])),
			restoreCheck("state", knownvalue.StringExact("ENABLED")),
			restoreCheck("restored", knownvalue.Bool(false)),
			restoreCheck("restored_at", knownvalue.Null()),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			secretUsable(env, name),
			env.CheckCalls(emulator.OpRestoreSecret, 0),
		),
	})
}

func TestAccCSMSSecretRestore_rescheduledOutOfBand(t *testing.T) {
	name := acctest.RandomName("tfacc")
	env, _ := seededEnv(t, testSecret{name: name})

	restored := restoredStep(env, name, secretUsable(env, name))
	restored.PreConfig = func() {
		if _, err := env.Client.ScheduleSecretDeletion(context.Background(), name, 7); err != nil {
			t.Fatalf("scheduling deletion out of band: %v", err)
		}
	}
	restored.ConfigPlanChecks = acctest.Plans(restoreAddr, plancheck.ResourceActionCreate)
	acctest.Test(t,
		resource.TestStep{
			Config:            restoreConfig(env, name),
			ConfigStateChecks: []statecheck.StateCheck{restoreCheck("restored", knownvalue.Bool(false))},
		},
		restored,
	)
}

func TestAccCSMSSecretRestore_missingSecret(t *testing.T) {
	env, _ := seededEnv(t)
	name := acctest.RandomName("tfacc_missing")

	acctest.Test(t, resource.TestStep{
		Config:      restoreConfig(env, name),
		ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)CSMS\s+secret\s+does\s+not\s+exist.*Secret\s+%q\s+does\s+not\s+exist`, name)),
	})
}

func TestAccCSMSSecretRestore_deletedOutOfBand(t *testing.T) {
	name := acctest.RandomName("tfacc")
	env, _ := seededEnv(t, testSecret{name: name})

	acctest.Test(t,
		resource.TestStep{Config: restoreConfig(env, name)},
		resource.TestStep{
			// Gone for good: the guard leaves the state and its re-creation reports why it cannot hold.
			PreConfig: func() {
				if err := env.Client.DeleteSecret(context.Background(), name); err != nil {
					t.Fatalf("deleting secret out of band: %v", err)
				}
			},
			Config:      restoreConfig(env, name),
			ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Secret\s+%q\s+does\s+not\s+exist`, name)),
		},
	)
}

func TestAccCSMSSecretRestore_destroyLeavesSecret(t *testing.T) {
	name := acctest.RandomName("tfacc")
	env, _ := seededEnv(t, testSecret{name: name, pending: true})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			secretUsable(env, name),
			// Only the seeding scheduled a deletion; nothing deleted anything.
			env.CheckCalls(emulator.OpScheduleSecretDeletion, 1),
			env.CheckCalls(emulator.OpDeleteSecret, 0),
		),
		Steps: []resource.TestStep{{
			Config:            restoreConfig(env, name),
			ConfigStateChecks: []statecheck.StateCheck{restoreCheck("restored", knownvalue.Bool(true))},
		}},
	})
}

func TestAccCSMSSecretRestore_secretNameChangeReplaces(t *testing.T) {
	first, second := acctest.RandomName("tfacc_first"), acctest.RandomName("tfacc_second")
	env, ids := seededEnv(t, testSecret{name: first}, testSecret{name: second, pending: true})

	acctest.Test(t,
		resource.TestStep{Config: restoreConfig(env, first)},
		resource.TestStep{
			Config:           restoreConfig(env, second),
			ConfigPlanChecks: acctest.Plans(restoreAddr, plancheck.ResourceActionReplace),
			ConfigStateChecks: []statecheck.StateCheck{
				restoreCheck("secret_id", knownvalue.StringExact(ids[second])),
				restoreCheck("restored", knownvalue.Bool(true)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(secretUsable(env, first), secretUsable(env, second)),
		},
	)
}

// restoreImportFails imports id into a guard labelled label (configured for
// the secret configured), next to the guard of managed, and expects an
// error that matches want.
func restoreImportFails(env *acctest.Env, managed, label, configured, id, want string) resource.TestStep {
	step := acctest.ImportFailsStep("hwcloud_csms_secret_restore."+label, id, want)
	step.Config = restoreConfig(env, managed) + restoreHCL(label, configured)
	return step
}

func TestAccCSMSSecretRestore_import(t *testing.T) {
	name := acctest.RandomName("tfacc.restore")
	pending := acctest.RandomName("tfacc_pending")
	missing := acctest.RandomName("tfacc_missing")
	env, _ := seededEnv(t, testSecret{name: name}, testSecret{name: pending, pending: true})

	byName := acctest.ImportStep(restoreAddr, name)
	byName.ImportStateVerifyIdentifierAttribute = "secret_name"
	acctest.Test(t,
		resource.TestStep{Config: restoreConfig(env, name)},
		byName,
		restoreImportFails(env, name, "pending_guard", pending, pending,
			fmt.Sprintf(`(?s)Cannot\s+import.*Secret\s+%q\s+is\s+scheduled\s+for\s+deletion`, pending)),
		restoreImportFails(env, name, "missing_guard", missing, missing,
			fmt.Sprintf(`(?s)Secret\s+%q\s+does\s+not\s+exist`, missing)),
		restoreImportFails(env, name, "bad_guard", acctest.RandomName("tfacc_bad"), "bad/name",
			`(?s)Invalid\s+import\s+ID.*Expected\s+a\s+CSMS\s+secret\s+name`),
	)
}

func TestAccCSMSSecretRestore_importAfterRestore(t *testing.T) {
	name := acctest.RandomName("tfacc")
	env, _ := seededEnv(t, testSecret{name: name, pending: true})

	// restored/restored_at describe the apply that created the guard; an import made none.
	imported := acctest.ImportStep(restoreAddr, name, "restored", "restored_at")
	imported.ImportStateVerifyIdentifierAttribute = "secret_name"
	imported.ImportStateCheck = func(states []*terraform.InstanceState) error {
		if len(states) != 1 || states[0].Attributes["restored"] != "false" ||
			states[0].Attributes["restored_at"] != "" {
			return fmt.Errorf("imported state %v: want restored=false and no restored_at", states)
		}
		return nil
	}
	acctest.Test(t, resource.TestStep{Config: restoreConfig(env, name)}, imported)
}

func TestAccCSMSSecretRestore_invalidSecretName(t *testing.T) {
	env, _ := seededEnv(t)
	var steps []resource.TestStep
	for _, bad := range []string{"", "has space", "slash/name", fmt.Sprintf("%065d", 0)} {
		steps = append(steps, acctest.FailsStep(restoreConfig(env, bad), `(?s)secret_name.*must\s+be\s+1\s+to\s+64\s+letters`))
	}
	acctest.Test(t, steps...)
	env.RequireNoAPICalls(t)
}

// restoreEnvWithFaults starts a parallel test of faults only the emulator
// can inject (a live run skips it): its Env, with faults set once the secret
// name is seeded pending deletion.
func restoreEnvWithFaults(t *testing.T, name string, faults emulator.FaultConfig) *acctest.Env {
	t.Helper()
	t.Parallel()
	env := acctest.New(t)
	if env.Live {
		t.Skip("needs the emulator's fault injection")
	}
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})
	env.Emulator.SetFaults(faults)
	return env
}

// A restore whose response is lost was applied anyway: reading the secret back
// proves it, so the apply succeeds without a second call.
func TestAccCSMSSecretRestore_lostResponseIsRecovered(t *testing.T) {
	name := acctest.RandomName("tfacc")
	env := restoreEnvWithFaults(t, name, emulator.FaultConfig{LoseResponse: map[string]int{emulator.OpRestoreSecret: 1}})
	acctest.Test(t, restoredStep(env, name, secretUsable(env, name)))
}

// Reads that lag behind the restore still see PENDING_DELETE for a while: the
// guard must not drop out of the state (a non-empty plan) because of that.
func TestAccCSMSSecretRestore_staleReadAfterRestore(t *testing.T) {
	name := acctest.RandomName("tfacc")
	// Only the restore itself becomes visible late: the faults come after the seeding.
	env := restoreEnvWithFaults(t, name, emulator.FaultConfig{VisibilityDelay: 3 * time.Second})
	acctest.Test(t, restoredStep(env, name))
}

func TestAccCSMSSecretRestore_identity(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.restore")
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_csms_secret_restore", Key: "secret_name", StateAttr: "secret_name",
		KeyValue: knownvalue.StringExact(name),
		HCL:      restoreHCL("test", name)}

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    c.Steps(),
	})
}

func secretTaskConfig(secretName, action string) string {
	return fmt.Sprintf(`resource "huaweicloud_csms_scheduled_delete_secret_task" "t" {
  secret_name = %q
  action      = %q
}
`, secretName, action)
}

func restoreTarget(secretName string) string {
	return restoreHCL("guard", secretName) + acctest.MovedBlock("huaweicloud_csms_scheduled_delete_secret_task.t", restoreAddr)
}

func TestAccMove_csmsSecretRestore(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mv")
	ids := seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})

	acctest.RunMoveTest(t, env, acctest.MoveSpec{
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
	})
}

func TestAccMove_csmsScheduledDeletionRefused(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name}})

	resource.Test(t, acctest.MoveTestCase(t, env, acctest.RefusedMoveSteps(env, secretTaskConfig(name, "create"), restoreTarget(name),
		regexp.MustCompile(`(?s)action = "create".*opposite.*removed`))...))
}
