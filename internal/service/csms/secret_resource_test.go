package csms_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

const secretAddr = "hwcloud_csms_secret.test"

// A KMS key id the emulator accepts as any other; live runs replace it.
const secretTestKMSKey = "0b3c5e7a-1d2f-4a6b-8c9d-0e1f2a3b4c5d"

// writeOnlyTerraform: write-only arguments need Terraform 1.11 or OpenTofu 1.11.
var writeOnlyTerraform = []tfversion.TerraformVersionCheck{acctest.Requires(acctest.FeatureWriteOnlyAttributes)}

// secretTest runs tc with the provider and Terraform 1.11 or later; unless
// tc says otherwise, CheckDestroy is that every secret is gone or pending deletion.
func secretTest(t *testing.T, env *acctest.Env, tc resource.TestCase) {
	t.Helper()
	if tc.ProtoV6ProviderFactories == nil {
		tc.ProtoV6ProviderFactories = acctest.ProtoV6ProviderFactories()
	}
	if tc.TerraformVersionChecks == nil {
		tc.TerraformVersionChecks = writeOnlyTerraform
	}
	if tc.CheckDestroy == nil {
		tc.CheckDestroy = secretsGone(env)
	}
	resource.Test(t, tc)
}

func secretCheck(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New(attr), v)
}

// secretOnService checks the secret as the service has it.
func secretOnService(env *acctest.Env, name string, check func(*hwc.Secret, map[string]string) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctx := context.Background()
		s, err := env.Client.ShowSecret(ctx, name)
		if err != nil {
			return fmt.Errorf("reading secret %q through the client: %w", name, err)
		}
		tags, _, err := env.Client.ListSecretTags(ctx, s.ID)
		if err != nil {
			return err
		}
		kv := map[string]string{}
		for _, t := range tags {
			kv[t.Key] = t.Value
		}
		return check(s, kv)
	}
}

// secretValueIs checks, through the emulator (live runs cannot read it
// without decrypt rights the tests do not assume), what SYSCURRENT holds.
func secretValueIs(env *acctest.Env, name, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Live {
			return nil
		}
		got, _, found := env.Emulator.SecretVersionValue(name, "")
		if !found || got != want {
			return fmt.Errorf("the current version of %q holds a different value (found: %v)", name, found)
		}
		return nil
	}
}

// secretsGone is CheckDestroy: every secret is gone or pending deletion.
func secretsGone(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "hwcloud_csms_secret" {
				continue
			}
			sec, err := env.Client.ShowSecret(context.Background(), rs.Primary.ID)
			switch {
			case errors.Is(err, hwc.ErrNotFound):
			case err != nil:
				return err
			case sec.State != "PENDING_DELETE":
				return fmt.Errorf("secret %q is %s after destroy", rs.Primary.ID, sec.State)
			}
		}
		return nil
	}
}

func TestAccCSMSSecret_basic(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc.sec")
	cfg := env.Config(fmt.Sprintf(`
resource "hwcloud_csms_secret" "test" {
  name             = %q
  secret_string_wo = "first-value"
}
`, name))

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("id", knownvalue.StringExact(name)),
					secretCheck("name", knownvalue.StringExact(name)),
					secretCheck("description", knownvalue.StringExact("")),
					secretCheck("kms_key_id", knownvalue.NotNull()),
					secretCheck("secret_type", knownvalue.StringExact("COMMON")),
					secretCheck("tags", knownvalue.MapExact(map[string]knownvalue.Check{})),
					secretCheck("event_subscriptions", knownvalue.SetExact([]knownvalue.Check{})),
					secretCheck("enterprise_project_id", knownvalue.StringExact("0")),
					secretCheck("secret_string_wo", knownvalue.Null()),
					secretCheck("secret_binary_wo", knownvalue.Null()),
					secretCheck("secret_wo_version", knownvalue.Int64Exact(1)),
					secretCheck("recovery_window_days", knownvalue.Int64Exact(7)),
					secretCheck("delete_without_recovery", knownvalue.Bool(false)),
					secretCheck("secret_id", knownvalue.StringRegexp(patterns.UUID)),
					secretCheck("state", knownvalue.StringExact("ENABLED")),
					secretCheck("latest_version_id", knownvalue.StringExact("v1")),
					secretCheck("created_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
					secretCheck("updated_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(emulator.OpCreateSecret, 1),
					env.CheckCalls(emulator.OpBatchSecretTags, 0),
					env.CheckCalls(emulator.OpShowSecretVersion, 0),
					secretValueIs(env, name, "first-value"),
				),
			},
			{
				// The same configuration: refresh reads metadata only and nothing is sent.
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(emulator.OpCreateSecret, 1),
					env.CheckCalls(emulator.OpShowSecretVersion, 0),
					env.CheckCalls(emulator.OpCreateSecretVersion, 0),
					env.CheckCalls(emulator.OpUpdateSecret, 0),
				),
			},
		},
	})
	// Destroy scheduled the deletion with the default window.
	s, err := env.Client.ShowSecret(context.Background(), name)
	const week, minute = 7 * 24 * 3600 * 1000, 60 * 1000
	if err != nil || s.State != "PENDING_DELETE" || s.ScheduledDeleteTime == nil ||
		*s.ScheduledDeleteTime-s.UpdateTime < week-minute || *s.ScheduledDeleteTime-s.UpdateTime > week+minute {
		t.Fatalf("after destroy: %+v, %v; want PENDING_DELETE seven days ahead", s, err)
	}
}

type secretHCL struct {
	Name, Description, KMSKeyID, Event, Extra string
	Value                                     string
	Version                                   int
	Tags                                      map[string]string
}

func (c secretHCL) String() string {
	out := fmt.Sprintf("resource \"hwcloud_csms_secret\" \"test\" {\n  name = %q\n  secret_string_wo = %q\n", c.Name, c.Value)
	if c.Version != 0 {
		out += fmt.Sprintf("  secret_wo_version = %d\n", c.Version)
	}
	if c.Description != "" {
		out += fmt.Sprintf("  description = %q\n", c.Description)
	}
	if c.KMSKeyID != "" {
		out += fmt.Sprintf("  kms_key_id = %q\n", c.KMSKeyID)
	}
	if c.Event != "" {
		out += fmt.Sprintf("  event_subscriptions = [%s]\n", c.Event)
	}
	if c.Tags != nil {
		out += "  tags = {\n"
		for k, v := range c.Tags {
			out += fmt.Sprintf("    %q = %q\n", k, v)
		}
		out += "  }\n"
	}
	return out + c.Extra + "}\n"
}

func TestAccCSMSSecret_update(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	first := secretHCL{Name: name, Value: "v-one", Description: "first", Tags: map[string]string{"keep": "1", "drop": "x", "change": "a"}}
	second := first
	second.Description, second.KMSKeyID = "second", secretTestKMSKey
	second.Tags = map[string]string{"keep": "1", "change": "b", "add": "new"}
	second.Value = "ignored-while-the-version-stays" // a changed value alone sends nothing

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.Config(first.String()),
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(emulator.OpBatchSecretTags, 1), // all tags in one create call
				),
			},
			{
				Config: env.Config(second.String()),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(secretAddr, tfjsonpath.New("latest_version_id"), knownvalue.StringExact("v1")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("description", knownvalue.StringExact("second")),
					secretCheck("kms_key_id", knownvalue.StringExact(secretTestKMSKey)),
					secretCheck("tags", knownvalue.MapExact(map[string]knownvalue.Check{
						"keep": knownvalue.StringExact("1"), "change": knownvalue.StringExact("b"), "add": knownvalue.StringExact("new"),
					})),
					secretCheck("latest_version_id", knownvalue.StringExact("v1")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					env.CheckCalls(emulator.OpUpdateSecret, 1),
					// One delete (drop) and one create (change, add): a diff, not a rewrite.
					env.CheckCalls(emulator.OpBatchSecretTags, 3),
					env.CheckCalls(emulator.OpCreateSecretVersion, 0),
					secretValueIs(env, name, "v-one"),
					secretOnService(env, name, func(s *hwc.Secret, tags map[string]string) error {
						if s.Description != "second" || s.KMSKeyID != secretTestKMSKey || len(tags) != 3 || tags["change"] != "b" {
							return fmt.Errorf("service has %q, %q, %v", s.Description, s.KMSKeyID, tags)
						}
						return nil
					}),
				),
			},
			{
				Config:           env.Config(second.String()),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Bumping secret_wo_version stores the configured value as a new version:
// exactly one CreateSecretVersion and no other write; the secret is updated
// in place, not replaced.
func TestAccCSMSSecret_versionBump(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	v1 := secretHCL{Name: name, Value: "value-1", Tags: map[string]string{"a": "b"}}
	v2 := v1
	v2.Value, v2.Version = "value-2", 2
	sameID := statecheck.CompareValue(compare.ValuesSame())
	writes := []string{emulator.OpCreateSecret, emulator.OpUpdateSecret, emulator.OpBatchSecretTags,
		emulator.OpCreateSecretTag, emulator.OpDeleteSecretTag, emulator.OpDeleteSecret,
		emulator.OpScheduleSecretDeletion, emulator.OpUpdateSecretStage}

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            env.Config(v1.String()),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(secretAddr, tfjsonpath.New("secret_id"))},
				Check: func(*terraform.State) error {
					env.ResetCalls()
					return nil
				},
			},
			{
				Config: env.Config(v2.String()),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(secretAddr, tfjsonpath.New("latest_version_id")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(secretAddr, tfjsonpath.New("secret_id")),
					secretCheck("latest_version_id", knownvalue.StringExact("v2")),
					secretCheck("secret_wo_version", knownvalue.Int64Exact(2)),
				},
				Check: func(s *terraform.State) error {
					if err := env.CheckCalls(emulator.OpCreateSecretVersion, 1)(s); err != nil {
						return err
					}
					for _, op := range writes {
						if err := env.CheckCalls(op, 0)(s); err != nil {
							return err
						}
					}
					if err := env.CheckCalls(emulator.OpShowSecretVersion, 0)(s); err != nil {
						return err
					}
					return secretValueIs(env, name, "value-2")(s)
				},
			},
		},
	})
}

func TestAccCSMSSecret_disappears(t *testing.T) {
	t.Parallel()
	// Every refresh of this test reads singly, then from a list: the answers must be the same.
	acctest.ForEachReadMode(t, func(t *testing.T, providers acctest.Factories) {
		t.Parallel()
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_sec")
		cfg := env.Config(secretHCL{Name: name, Value: "v"}.String())
		gone := func(del func(context.Context) error) resource.TestStep {
			return resource.TestStep{
				Config: cfg,
				Check: func(*terraform.State) error {
					return del(context.Background())
				},
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionCreate),
				}},
			}
		}
		secretTest(t, env, resource.TestCase{
			ProtoV6ProviderFactories: providers,
			Steps: []resource.TestStep{
				// Deleted outside Terraform: the plan creates it again.
				gone(func(ctx context.Context) error { return env.Client.DeleteSecret(ctx, name) }),
			},
		})
	})
}

// A secret scheduled for deletion outside Terraform drops out of the state
// with a warning; the plan then wants to create it.
func TestAccCSMSSecret_scheduledOutside(t *testing.T) {
	t.Parallel()
	// Every refresh of this test reads singly, then from a list: the answers must be the same.
	acctest.ForEachReadMode(t, func(t *testing.T, providers acctest.Factories) {
		t.Parallel()
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_sec")
		cfg := env.Config(secretHCL{Name: name, Value: "v"}.String())
		secretTest(t, env, resource.TestCase{
			ProtoV6ProviderFactories: providers,
			Steps: []resource.TestStep{{
				Config: cfg,
				Check: func(*terraform.State) error {
					_, err := env.Client.ScheduleSecretDeletion(context.Background(), name, 7)
					return err
				},
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionCreate),
				}},
			}},
		})
	})
}

func TestAccCSMSSecret_import(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc.sec")
	cfg := env.Config(secretHCL{Name: name, Value: "v", Description: "d", Tags: map[string]string{"k": "v"}}.String())
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				ResourceName:      secretAddr,
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
				// Terraform-side settings: the import cannot know the configured handle or timeouts.
				ImportStateVerifyIgnore: []string{"secret_wo_version", "timeouts"},
			},
			{
				ResourceName:  secretAddr,
				ImportState:   true,
				ImportStateId: "not a name!",
				ExpectError:   regexp.MustCompile(`Import a CSMS secret by its name`),
			},
		},
	})
}

// After an import the first apply records secret_wo_version without sending
// a value, so adopting a secret never overwrites what it holds.
func TestAccCSMSSecret_importThenApplySendsNoValue(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	if _, err := env.Client.CreateSecret(context.Background(), hwc.CreateSecretRequest{Name: name, SecretString: "original"}); err != nil {
		t.Fatal(err)
	}
	cfg := secretHCL{Name: name, Value: "from-config", Version: 3}.String()
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n\n%s", secretAddr, name, cfg)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{secretCheck("secret_wo_version", knownvalue.Int64Exact(3))},
			Check: resource.ComposeAggregateTestCheckFunc(
				env.CheckCalls(emulator.OpCreateSecretVersion, 0),
				secretValueIs(env, name, "original"),
			),
		}},
	})
}

// versionExpiresAt checks, through the client, the expiry of a version of a
// secret ("" = none).
func versionExpiresAt(env *acctest.Env, name, versionID, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for v, err := range env.Client.AllSecretVersions(context.Background(), name, 0) {
			if err != nil {
				return err
			}
			if v.ID != versionID {
				continue
			}
			got := ""
			if v.ExpireTime != nil {
				got = time.UnixMilli(*v.ExpireTime).UTC().Format(time.RFC3339)
			}
			if got != want {
				return fmt.Errorf("version %s of %q expires at %q, want %q", versionID, name, got, want)
			}
			return nil
		}
		return fmt.Errorf("secret %q has no version %s", name, versionID)
	}
}

func expirySecretConfig(env *acctest.Env, name, expiresAt string, version int) string {
	expiry := ""
	if expiresAt != "" {
		expiry = fmt.Sprintf("  expires_at        = %q\n", expiresAt)
	}
	return env.Config(fmt.Sprintf(`
resource "hwcloud_csms_secret" "test" {
  name              = %q
  secret_string_wo  = "value-%d"
  secret_wo_version = %d
%s}
`, name, version, version, expiry))
}

// The expiry of the current version: set on create, changed in place, given
// to a new version, and removed only together with a new version; every step
// re-plans empty (the framework plans again after each apply).
func TestAccCSMSSecret_expiry(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_exp")
	first := time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Second).Format(time.RFC3339)
	second := time.Now().Add(60 * 24 * time.Hour).UTC().Truncate(time.Second).Format(time.RFC3339)
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            expirySecretConfig(env, name, first, 1),
				ConfigStateChecks: []statecheck.StateCheck{secretCheck("expires_at", knownvalue.StringExact(first))},
				Check:             versionExpiresAt(env, name, "v1", first),
			},
			{
				Config: expirySecretConfig(env, name, second, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("expires_at", knownvalue.StringExact(second)),
					secretCheck("latest_version_id", knownvalue.StringExact("v1")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(versionExpiresAt(env, name, "v1", second),
					env.CheckCalls(emulator.OpCreateSecretVersion, 0)),
			},
			{
				Config: expirySecretConfig(env, name, second, 2),
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("expires_at", knownvalue.StringExact(second)),
					secretCheck("latest_version_id", knownvalue.StringExact("v2")),
				},
				Check: versionExpiresAt(env, name, "v2", second),
			},
			{
				Config:      expirySecretConfig(env, name, "2030-01-02T03:04:05+08:00", 3),
				ExpectError: regexp.MustCompile(`(?s)must be an RFC 3339 time in UTC with whole\s+seconds`),
			},
			{
				Config:      expirySecretConfig(env, name, "", 2),
				ExpectError: regexp.MustCompile(`(?s)Cannot remove the expiry.*secret_wo_version`),
			},
			{
				Config: expirySecretConfig(env, name, "", 3),
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("expires_at", knownvalue.Null()),
					secretCheck("latest_version_id", knownvalue.StringExact("v3")),
				},
				Check: versionExpiresAt(env, name, "v3", ""),
			},
		},
	})
}

// An expiry changed outside Terraform is drift: the plan sets it back in place.
func TestAccCSMSSecret_expiryDrift(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_expd")
	want := time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Second)
	cfg := expirySecretConfig(env, name, want.Format(time.RFC3339), 1)
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					if _, err := env.Client.UpdateVersion(context.Background(), name, "v1", want.Add(time.Hour).UnixMilli()); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(secretAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact(want.Format(time.RFC3339))),
				}},
				Check: versionExpiresAt(env, name, "v1", want.Format(time.RFC3339)),
			},
		},
	})
}

func TestAccCSMSSecret_identity(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc.sec")
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_csms_secret", Key: "name", StateAttr: "name",
		KeyValue: knownvalue.StringExact(name), HCL: secretHCL{Name: name, Value: "v"}.String(), ImportUpdates: true}
	secretTest(t, env, resource.TestCase{TerraformVersionChecks: acctest.NeedsIdentity, Steps: c.Steps()})
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

// The official provider's expire_time moves into expires_at, and the refresh
// after the move plans nothing.
func TestAccCSMSSecret_moveKeepsExpiry(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mvx")
	ids := seedTestSecrets(t, env, []testSecret{{name: name}})
	expires := time.Now().Add(90 * 24 * time.Hour).UTC().Truncate(time.Second)
	if _, err := env.Client.UpdateVersion(context.Background(), name, "v1", expires.UnixMilli()); err != nil {
		t.Fatal(err)
	}
	const addr = "hwcloud_csms_secret.s"
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
  secret_string_wo = "unused"
  expires_at       = %q
}
`, name, expires.Format(time.RFC3339)) + acctest.MovedBlock("huaweicloud_csms_secret.s", addr)

	tc := acctest.MoveTestCase(t, env, acctest.MoveSteps(env, acctest.MoveSpec{
		Official:      official,
		AfterOfficial: resource.TestCheckResourceAttr("huaweicloud_csms_secret.s", "expire_time", fmt.Sprint(expires.UnixMilli())),
		Target:        target,
		Moves:         acctest.ExpectOnlyMoves{addr: "huaweicloud_csms_secret.s"},
		StateChecks: []statecheck.StateCheck{
			acctest.StateValue(addr, "expires_at", knownvalue.StringExact(expires.Format(time.RFC3339))),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpUpdateVersion, 1), // the seeding call only: the expiry came along
			env.CheckCalls(emulator.OpCreateSecretVersion, 0),
		),
	})...)
	tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{
		acctest.Requires(acctest.FeatureMoveResourceState, acctest.FeatureWriteOnlyAttributes),
	}
	resource.Test(t, tc)
}

func TestAccCSMSSecretList_query(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	// A tag value unique to this test keeps the query to its own secrets, live too.
	run := acctest.RandomName("run")
	tagged, other := acctest.RandomName("tfacc.a"), acctest.RandomName("tfacc_b")
	seedTestSecrets(t, env, []testSecret{
		{name: tagged, tags: map[string]string{"run": run, "env": "prod"}},
		{name: other, tags: map[string]string{"run": run, "env": "dev"}},
	})
	managed := acctest.RandomName("tfacc_c")
	identityOf := func(name string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{
			"project_id": knownvalue.StringExact(env.ProjectID), "name": knownvalue.StringExact(name),
		}
	}

	secretTest(t, env, resource.TestCase{
		TerraformVersionChecks: acctest.NeedsQuery,
		Steps: []resource.TestStep{
			{Config: env.Config(secretHCL{Name: managed, Value: "v", Tags: map[string]string{"run": run, "env": "prod"}}.String())},
			{
				// The query runs next to the first step's configuration, whose provider block it uses.
				Query: true,
				Config: fmt.Sprintf(`
list "hwcloud_csms_secret" "prod" {
  provider         = hwcloud
  include_resource = true
  config {
    tags = { run = [%[1]q], env = ["prod"] }
  }
}

list "hwcloud_csms_secret" "named" {
  provider = hwcloud
  config {
    tags       = { run = [%[1]q] }
    name_match = %[2]q
  }
}
`, run, other),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("hwcloud_csms_secret.prod", 2),
					querycheck.ExpectIdentity("hwcloud_csms_secret.prod", identityOf(tagged)),
					querycheck.ExpectIdentity("hwcloud_csms_secret.prod", identityOf(managed)),
					querycheck.ExpectResourceKnownValues("hwcloud_csms_secret.prod",
						queryfilter.ByResourceIdentity(identityOf(tagged)), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{
								"run": knownvalue.StringExact(run), "env": knownvalue.StringExact("prod")})},
							{Path: tfjsonpath.New("secret_string_wo"), KnownValue: knownvalue.Null()},
						}),
					querycheck.ExpectLength("hwcloud_csms_secret.named", 1),
					querycheck.ExpectIdentity("hwcloud_csms_secret.named", identityOf(other)),
				},
			},
		},
	})
}
