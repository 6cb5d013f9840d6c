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

func restoreConfig(env *acctest.Env, secretName string) string {
	return env.Config(fmt.Sprintf(`
resource "hwcloud_csms_secret_restore" "guard" {
  secret_name = %q
}
`, secretName))
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
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.restore")
	ids := seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: restoreConfig(env, name),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(restoreAddr, plancheck.ResourceActionCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				restoreCheck("secret_name", knownvalue.StringExact(name)),
				restoreCheck("secret_id", knownvalue.StringExact(ids[name])),
				restoreCheck("state", knownvalue.StringExact("ENABLED")),
				restoreCheck("restored", knownvalue.Bool(true)),
				restoreCheck("restored_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				secretUsable(env, name),
				env.CheckCalls(emulator.OpRestoreSecret, 1),
			),
		}},
	})
}

func TestAccCSMSSecretRestore_enabledSecretIsNoOp(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	ids := seedTestSecrets(t, env, []testSecret{{name: name}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
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
		}},
	})
}

func TestAccCSMSSecretRestore_rescheduledOutOfBand(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:            restoreConfig(env, name),
				ConfigStateChecks: []statecheck.StateCheck{restoreCheck("restored", knownvalue.Bool(false))},
			},
			{
				PreConfig: func() {
					if _, err := env.Client.ScheduleSecretDeletion(context.Background(), name, 7); err != nil {
						t.Fatalf("scheduling deletion out of band: %v", err)
					}
				},
				Config: restoreConfig(env, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(restoreAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					restoreCheck("state", knownvalue.StringExact("ENABLED")),
					restoreCheck("restored", knownvalue.Bool(true)),
					restoreCheck("restored_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					secretUsable(env, name),
					env.CheckCalls(emulator.OpRestoreSecret, 1),
				),
			},
		},
	})
}

func TestAccCSMSSecretRestore_missingSecret(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc_missing")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      restoreConfig(env, name),
			ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)CSMS\s+secret\s+does\s+not\s+exist.*Secret\s+%q\s+does\s+not\s+exist`, name)),
		}},
	})
}

func TestAccCSMSSecretRestore_deletedOutOfBand(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: restoreConfig(env, name)},
			{
				// Gone for good: the guard leaves the state and its re-creation reports why it cannot hold.
				PreConfig: func() {
					if err := env.Client.DeleteSecret(context.Background(), name); err != nil {
						t.Fatalf("deleting secret out of band: %v", err)
					}
				},
				Config:      restoreConfig(env, name),
				ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Secret\s+%q\s+does\s+not\s+exist`, name)),
			},
		},
	})
}

func TestAccCSMSSecretRestore_destroyLeavesSecret(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})

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
	t.Parallel()
	env := acctest.New(t)
	first, second := acctest.RandomName("tfacc_first"), acctest.RandomName("tfacc_second")
	ids := seedTestSecrets(t, env, []testSecret{{name: first}, {name: second, pending: true}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: restoreConfig(env, first)},
			{
				Config: restoreConfig(env, second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(restoreAddr, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					restoreCheck("secret_id", knownvalue.StringExact(ids[second])),
					restoreCheck("restored", knownvalue.Bool(true)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(secretUsable(env, first), secretUsable(env, second)),
			},
		},
	})
}

func TestAccCSMSSecretRestore_import(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.restore")
	pending := acctest.RandomName("tfacc_pending")
	missing := acctest.RandomName("tfacc_missing")
	seedTestSecrets(t, env, []testSecret{{name: name}, {name: pending, pending: true}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: restoreConfig(env, name)},
			{
				ResourceName:                         restoreAddr,
				ImportState:                          true,
				ImportStateId:                        name,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "secret_name",
			},
			{
				Config:        restoreConfig(env, name) + restoreImportOf("pending_guard", pending),
				ResourceName:  "hwcloud_csms_secret_restore.pending_guard",
				ImportState:   true,
				ImportStateId: pending,
				ExpectError: regexp.MustCompile(fmt.Sprintf(
					`(?s)Cannot\s+import.*Secret\s+%q\s+is\s+scheduled\s+for\s+deletion`, pending)),
			},
			{
				Config:        restoreConfig(env, name) + restoreImportOf("missing_guard", missing),
				ResourceName:  "hwcloud_csms_secret_restore.missing_guard",
				ImportState:   true,
				ImportStateId: missing,
				ExpectError:   regexp.MustCompile(fmt.Sprintf(`(?s)Secret\s+%q\s+does\s+not\s+exist`, missing)),
			},
			{
				Config:        restoreConfig(env, name) + restoreImportOf("bad_guard", acctest.RandomName("tfacc_bad")),
				ResourceName:  "hwcloud_csms_secret_restore.bad_guard",
				ImportState:   true,
				ImportStateId: "bad/name",
				ExpectError:   regexp.MustCompile(`(?s)Invalid\s+import\s+ID.*Expected\s+a\s+CSMS\s+secret\s+name`),
			},
		},
	})
}

func restoreImportOf(label, secretName string) string {
	return fmt.Sprintf(`
resource "hwcloud_csms_secret_restore" %q {
  secret_name = %q
}
`, label, secretName)
}

func TestAccCSMSSecretRestore_importAfterRestore(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: restoreConfig(env, name)},
			{
				// restored/restored_at describe the apply that created the guard; an import made none.
				ResourceName:                         restoreAddr,
				ImportState:                          true,
				ImportStateId:                        name,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "secret_name",
				ImportStateVerifyIgnore:              []string{"restored", "restored_at"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].Attributes["restored"] != "false" ||
						states[0].Attributes["restored_at"] != "" {
						return fmt.Errorf("imported state %v: want restored=false and no restored_at", states)
					}
					return nil
				},
			},
		},
	})
}

func TestAccCSMSSecretRestore_invalidSecretName(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	var steps []resource.TestStep
	for _, bad := range []string{"", "has space", "slash/name", fmt.Sprintf("%065d", 0)} {
		steps = append(steps, resource.TestStep{
			Config:      restoreConfig(env, bad),
			ExpectError: regexp.MustCompile(`(?s)secret_name.*must\s+be\s+1\s+to\s+64\s+letters`),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
	env.RequireNoAPICalls(t)
}

// A restore whose response is lost was applied anyway: reading the secret back
// proves it, so the apply succeeds without a second call.
func TestAccCSMSSecretRestore_lostResponseIsRecovered(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if env.Live {
		t.Skip("needs the emulator's fault injection")
	}
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})
	env.Emulator.SetFaults(emulator.FaultConfig{LoseResponse: map[string]int{emulator.OpRestoreSecret: 1}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: restoreConfig(env, name),
			ConfigStateChecks: []statecheck.StateCheck{
				restoreCheck("restored", knownvalue.Bool(true)),
				restoreCheck("state", knownvalue.StringExact("ENABLED")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				secretUsable(env, name),
				env.CheckCalls(emulator.OpRestoreSecret, 1),
			),
		}},
	})
}

// Reads that lag behind the restore still see PENDING_DELETE for a while: the
// guard must not drop out of the state (a non-empty plan) because of that.
func TestAccCSMSSecretRestore_staleReadAfterRestore(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if env.Live {
		t.Skip("needs the emulator's visibility delay")
	}
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})
	// Set after seeding: only the restore itself becomes visible late.
	env.Emulator.SetFaults(emulator.FaultConfig{VisibilityDelay: 3 * time.Second})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: restoreConfig(env, name),
			ConfigStateChecks: []statecheck.StateCheck{
				restoreCheck("restored", knownvalue.Bool(true)),
				restoreCheck("state", knownvalue.StringExact("ENABLED")),
			},
			Check: env.CheckCalls(emulator.OpRestoreSecret, 1),
		}},
	})
}

func TestAccCSMSSecretRestore_identity(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.restore")
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_csms_secret_restore", Key: "secret_name", StateAttr: "secret_name",
		KeyValue: knownvalue.StringExact(name),
		HCL:      fmt.Sprintf("resource \"hwcloud_csms_secret_restore\" \"test\" {\n  secret_name = %q\n}\n", name)}

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
