package csms_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"regexp"
	"strings"
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
	return acctest.CheckDestroyed("hwcloud_csms_secret", func(ctx context.Context, id string) error {
		sec, err := env.Client.ShowSecret(ctx, id)
		switch {
		case errors.Is(err, hwc.ErrNotFound):
		case err != nil:
			return err
		case sec.State != "PENDING_DELETE":
			return fmt.Errorf("secret %q is %s after destroy", id, sec.State)
		}
		return nil
	})
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
				Config:           cfg,
				ConfigPlanChecks: acctest.Plans(secretAddr, plancheck.ResourceActionCreate),
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
				ConfigPlanChecks: acctest.PlanEmpty(),
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
	if err := deletionScheduled(env, name, 7)(nil); err != nil {
		t.Fatalf("after destroy: %v", err)
	}
}

// deletionScheduled checks that the secret is pending deletion, scheduled
// days after its last update (give or take a minute).
func deletionScheduled(env *acctest.Env, name string, days int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := env.Client.ShowSecret(context.Background(), name)
		if err != nil {
			return err
		}
		window, minute := days*24*3600*1000, int64(60*1000)
		if s.State != "PENDING_DELETE" || s.ScheduledDeleteTime == nil ||
			*s.ScheduledDeleteTime-s.UpdateTime < window-minute || *s.ScheduledDeleteTime-s.UpdateTime > window+minute {
			return fmt.Errorf("want deletion scheduled %d days ahead, got %s at %v", days, s.State, s.ScheduledDeleteTime)
		}
		return nil
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
				ConfigPlanChecks: acctest.Plans(secretAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(secretAddr, tfjsonpath.New("latest_version_id"), knownvalue.StringExact("v1")),
				),
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
			acctest.NoChangeStep(env.Config(second.String())),
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
	sameID := acctest.TrackValue(secretAddr, "secret_id", compare.ValuesSame())
	writes := []string{emulator.OpCreateSecret, emulator.OpUpdateSecret, emulator.OpBatchSecretTags,
		emulator.OpCreateSecretTag, emulator.OpDeleteSecretTag, emulator.OpDeleteSecret,
		emulator.OpScheduleSecretDeletion, emulator.OpUpdateSecretStage}

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            env.Config(v1.String()),
				ConfigStateChecks: []statecheck.StateCheck{sameID()},
				Check: func(*terraform.State) error {
					env.ResetCalls()
					return nil
				},
			},
			{
				Config: env.Config(v2.String()),
				ConfigPlanChecks: acctest.Plans(secretAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectUnknownValue(secretAddr, tfjsonpath.New("latest_version_id")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID(),
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

// testAccCSMSSecretRemovedOutside: right after its apply the secret is
// removed outside Terraform by remove; the refresh drops it from the state, so
// the plan creates it again. Every refresh reads singly, then from a list: the
// answers must be the same.
func testAccCSMSSecretRemovedOutside(t *testing.T, remove func(ctx context.Context, env *acctest.Env, name string) error) {
	t.Parallel()
	acctest.ForEachReadMode(t, func(t *testing.T, providers acctest.Factories) {
		t.Parallel()
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_sec")
		secretTest(t, env, resource.TestCase{
			ProtoV6ProviderFactories: providers,
			Steps: []resource.TestStep{acctest.ChangedOutOfBandStep(env.Config(secretHCL{Name: name, Value: "v"}.String()),
				secretAddr, func(*terraform.State) error { return remove(context.Background(), env, name) },
				plancheck.ResourceActionCreate)},
		})
	})
}

func TestAccCSMSSecret_disappears(t *testing.T) {
	testAccCSMSSecretRemovedOutside(t, func(ctx context.Context, env *acctest.Env, name string) error {
		return env.Client.DeleteSecret(ctx, name)
	})
}

// A secret scheduled for deletion outside Terraform drops out of the state
// with a warning; the plan then wants to create it.
func TestAccCSMSSecret_scheduledOutside(t *testing.T) {
	testAccCSMSSecretRemovedOutside(t, func(ctx context.Context, env *acctest.Env, name string) error {
		_, err := env.Client.ScheduleSecretDeletion(ctx, name, 7)
		return err
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
			// Terraform-side settings: the import cannot know the configured handle or timeouts.
			acctest.ImportStep(secretAddr, name, "secret_wo_version", "timeouts"),
			acctest.ImportFailsStep(secretAddr, "not a name!", `Import a CSMS secret by its name`),
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
			Config:            env.Config(fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n\n%s", secretAddr, name, cfg)),
			ConfigPlanChecks:  acctest.Plans(secretAddr, plancheck.ResourceActionUpdate),
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
				Config:           expirySecretConfig(env, name, second, 1),
				ConfigPlanChecks: acctest.Plans(secretAddr, plancheck.ResourceActionUpdate),
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
				ConfigPlanChecks: acctest.Plans(secretAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(secretAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact(want.Format(time.RFC3339))),
				),
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

// secretMovedAddr is where secretMove moves a secret to.
const secretMovedAddr = "hwcloud_csms_secret.s"

// secretMove moves the secret name (of id secretID) to secretMovedAddr,
// configured with the arguments targetArgs (HCL lines) besides its name. The
// official provider's state comes from an import: the stand-in, like the
// official provider, reads the value's hash into secret_text.
func secretMove(secretID, name, targetArgs string) acctest.MoveSpec {
	return acctest.MoveSpec{
		Official: fmt.Sprintf(`import {
  to = huaweicloud_csms_secret.s
  id = "%s/%s"
}

resource "huaweicloud_csms_secret" "s" {
  name = %q
}
`, secretID, name, name),
		Target: fmt.Sprintf("resource \"hwcloud_csms_secret\" \"s\" {\n  name = %q\n%s}\n", name, targetArgs) +
			acctest.MovedBlock("huaweicloud_csms_secret.s", secretMovedAddr),
		Moves:    acctest.ExpectOnlyMoves{secretMovedAddr: "huaweicloud_csms_secret.s"},
		Requires: []acctest.Feature{acctest.FeatureWriteOnlyAttributes},
	}
}

func TestAccMove_csmsSecret(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mv")
	const value = "acceptance-test-value" // what seedTestSecret stores
	ids := seedTestSecrets(t, env, []testSecret{{name: name, tags: map[string]string{"env": "prod"}}})
	hash := sha1.Sum([]byte(value)) //nolint:gosec // the official provider's hash, looked for in the state
	officialHash := hex.EncodeToString(hash[:])
	const addr = secretMovedAddr

	move := secretMove(ids[name], name, fmt.Sprintf("  secret_string_wo = %q\n  tags = {\n    env = \"prod\"\n  }\n", value))
	move.AfterOfficial = resource.TestCheckResourceAttr("huaweicloud_csms_secret.s", "secret_text", officialHash)
	move.StateChecks = []statecheck.StateCheck{
		acctest.StateValue(addr, "secret_id", knownvalue.StringExact(ids[name])),
		acctest.StateValue(addr, "tags", knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})),
		acctest.StateValue(addr, "secret_wo_version", knownvalue.Int64Exact(1)),
		acctest.StateValue(addr, "secret_string_wo", knownvalue.Null()),
		// Not in the official state: read by the refresh that follows the move.
		acctest.StateValue(addr, "latest_version_id", knownvalue.NotNull()),
		acctest.StateValue(addr, "updated_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
	}
	move.Check = resource.ComposeAggregateTestCheckFunc(
		noStateValueIs(officialHash),
		env.CheckCalls(emulator.OpCreateSecretVersion, 0), // the move sent no value
		env.CheckCalls(emulator.OpUpdateSecret, 0),
	)
	acctest.RunMoveTest(t, env, move)
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

	move := secretMove(ids[name], name, fmt.Sprintf("  secret_string_wo = \"unused\"\n  expires_at       = %q\n", expires.Format(time.RFC3339)))
	move.AfterOfficial = resource.TestCheckResourceAttr("huaweicloud_csms_secret.s", "expire_time", fmt.Sprint(expires.UnixMilli()))
	move.StateChecks = []statecheck.StateCheck{
		acctest.StateValue(secretMovedAddr, "expires_at", knownvalue.StringExact(expires.Format(time.RFC3339))),
	}
	move.Check = resource.ComposeAggregateTestCheckFunc(
		env.CheckCalls(emulator.OpUpdateVersion, 1), // the seeding call only: the expiry came along
		env.CheckCalls(emulator.OpCreateSecretVersion, 0),
	)
	acctest.RunMoveTest(t, env, move)
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

// secretWithEventHCL is a secret subscribed to an event of the same configuration.
func secretWithEventHCL(name, topic, extra string) string {
	return fmt.Sprintf(`
resource "hwcloud_csms_event" "ev" {
  name        = "%[1]s_ev"
  event_types = ["SECRET_VERSION_CREATED", "SECRET_DELETED"]
  notification = { target_id = %[2]q }
}

resource "hwcloud_csms_secret" "test" {
  name                = %[1]q
  secret_string_wo    = "v"
  event_subscriptions = [hwcloud_csms_event.ev.name]
  description         = "d"
  kms_key_id          = %[3]q
  tags                = { team = "core", env = "dev" }
%[4]s}
`, name, topic, secretTestKMSKey, extra)
}

// Each metadata field changed outside Terraform shows up as an in-place
// update in the next plan, and the apply puts it back.
func TestAccCSMSSecret_drift(t *testing.T) {
	t.Parallel()
	// Every refresh of this test reads singly, then from a list: the answers must be the same.
	acctest.ForEachReadMode(t, func(t *testing.T, providers acctest.Factories) {
		t.Parallel()
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_sec")
		cfg := env.Config(secretWithEventHCL(name, env.TopicURN(t, "drift"), ""))
		other := "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
		var secretID string
		drift := func(field string, mutate func(ctx context.Context) error) resource.TestStep {
			return acctest.ChangedOutOfBandStep(cfg, secretAddr, func(s *terraform.State) error {
				secretID = s.RootModule().Resources[secretAddr].Primary.Attributes["secret_id"]
				if err := mutate(context.Background()); err != nil {
					return fmt.Errorf("changing %s out of band: %w", field, err)
				}
				return nil
			}, plancheck.ResourceActionUpdate)
		}
		update := func(in hwc.UpdateSecretRequest) func(context.Context) error {
			return func(ctx context.Context) error {
				_, err := env.Client.UpdateSecret(ctx, name, in)
				return err
			}
		}
		none := []string{}
		secretTest(t, env, resource.TestCase{
			ProtoV6ProviderFactories: providers,
			Steps: []resource.TestStep{
				drift("description", update(hwc.UpdateSecretRequest{Description: ptrTo("changed")})),
				drift("kms_key_id", update(hwc.UpdateSecretRequest{KMSKeyID: &other})),
				drift("event_subscriptions", update(hwc.UpdateSecretRequest{EventSubscriptions: &none})),
				drift("a tag value", func(ctx context.Context) error {
					return env.Client.BatchSecretTags(ctx, secretID, hwc.TagActionCreate, []hwc.Tag{{Key: "team", Value: "other"}})
				}),
				drift("an added tag", func(ctx context.Context) error {
					return env.Client.CreateSecretTag(ctx, secretID, hwc.Tag{Key: "intruder", Value: "x"})
				}),
				drift("a removed tag", func(ctx context.Context) error {
					return env.Client.DeleteSecretTag(ctx, secretID, "env")
				}),
				{
					// The last drift is put back like every other.
					Config: cfg,
					Check: secretOnService(env, name, func(s *hwc.Secret, tags map[string]string) error {
						if s.Description != "d" || s.KMSKeyID != secretTestKMSKey || len(s.EventSubscriptions) != 1 ||
							len(tags) != 2 || tags["team"] != "core" || tags["env"] != "dev" {
							return fmt.Errorf("not converged: %+v, tags %v", s, tags)
						}
						return nil
					}),
				},
				acctest.NoChangeStep(cfg),
			},
		})
	})
}

func ptrTo[T any](v T) *T { return &v }

// Destroying a secret and the event it subscribes to in one run works: the
// secret is unsubscribed before its deletion is scheduled.
func TestAccCSMSSecret_destroyWithEvent(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	secretTest(t, env, resource.TestCase{
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			secretsGone(env), csmsEventDestroyed(env),
			func(*terraform.State) error {
				s, err := env.Client.ShowSecret(context.Background(), name)
				if err != nil {
					return err
				}
				if s.State != "PENDING_DELETE" || len(s.EventSubscriptions) != 0 {
					return fmt.Errorf("secret after destroy: state %s, subscriptions %v", s.State, s.EventSubscriptions)
				}
				return nil
			},
		),
		Steps: []resource.TestStep{{
			Config: env.Config(secretWithEventHCL(name, env.TopicURN(t, "destroy"), "")),
			ConfigStateChecks: []statecheck.StateCheck{
				secretCheck("event_subscriptions", knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(name + "_ev")})),
			},
		}},
	})
}

func TestAccCSMSSecret_recoveryWindow(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	secretTest(t, env, resource.TestCase{
		CheckDestroy: deletionScheduled(env, name, 30),
		Steps: []resource.TestStep{{
			Config: env.Config(secretHCL{Name: name, Value: "v", Extra: "  recovery_window_days = 30\n"}.String()),
			Check:  env.CheckCalls(emulator.OpScheduleSecretDeletion, 0),
		}},
	})
}

func TestAccCSMSSecret_deleteWithoutRecovery(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	secretTest(t, env, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			_, err := env.Client.ShowSecret(context.Background(), name)
			if !errors.Is(err, hwc.ErrNotFound) {
				return fmt.Errorf("want the secret deleted at once, ShowSecret says %w", err)
			}
			if n, ok := env.Calls(emulator.OpScheduleSecretDeletion); ok && n != 0 {
				return fmt.Errorf("a deletion was scheduled (%d calls) instead of an immediate one", n)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config:            env.Config(secretHCL{Name: name, Value: "v", Extra: "  delete_without_recovery = true\n"}.String()),
			ConfigStateChecks: []statecheck.StateCheck{secretCheck("delete_without_recovery", knownvalue.Bool(true))},
		}},
	})
}

// A binary value goes to the service as given (base64) and the state holds nothing of it.
func TestAccCSMSSecret_binary(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "hwcloud_csms_secret" "test" {
  name             = %q
  secret_binary_wo = base64encode("binary-bytes")
}
`, name)),
			ConfigStateChecks: []statecheck.StateCheck{secretCheck("secret_binary_wo", knownvalue.Null())},
			Check: func(*terraform.State) error {
				if env.Live {
					return nil
				}
				got, binary, _ := env.Emulator.SecretVersionValue(name, "")
				if !binary || got != "YmluYXJ5LWJ5dGVz" {
					return fmt.Errorf("the service holds a different binary value (binary: %v)", binary)
				}
				return nil
			},
		}},
	})
}

// Where Huawei's sources disagree the wider rule wins (docs-dev/validation-rules.md): a 64 KiB
// value (the console guide; the API pages say 32 KB), a description of 2,048
// characters however many bytes they take, tags with separators and numbers
// of any script. A key id in the API Explorer's [0-9a-z] form and an
// enterprise project id that is not a UUID pass the plan (they would not
// exist in a real account, so they are only planned).
func TestAccCSMSSecret_lenientRules(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	desc := strings.Repeat("秘", 2048)
	tagKey, tagValue := "環境\u3000x²", "Ⅳ\u00a0b"
	cfg := func(extra string) string {
		return env.Config(fmt.Sprintf(`
resource "hwcloud_csms_secret" "test" {
  name             = %q
  description      = %q
  tags             = { %q = %q }
  secret_string_wo = %q
%s}
`, name, desc, tagKey, tagValue, strings.Repeat("x", 64*1024), extra))
	}
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg(""),
				Check: secretOnService(env, name, func(s *hwc.Secret, tags map[string]string) error {
					if s.Description != desc || tags[tagKey] != tagValue {
						return fmt.Errorf("description of %d characters, tags %q", len([]rune(s.Description)), tags)
					}
					return nil
				}),
			},
			{
				Config:             cfg("  kms_key_id = \"zzzzzzzz-gggg-hhhh-iiii-jjjjjjjjjjjj\"\n  enterprise_project_id = \"default\"\n"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// Every plan-time rule fails before any request reaches the API.
func TestAccCSMSSecret_validation(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	manyTags := "  tags = {\n"
	for i := range 21 {
		manyTags += fmt.Sprintf("    k%d = \"v\"\n", i)
	}
	manyTags += "  }\n"
	cases := []struct{ body, want string }{
		{`name = "bad name!"` + "\n  secret_string_wo = \"v\"",
			`(?s)name\s+must\s+be\s+1\s+to\s+64\s+letters,\s+digits,\s+'\.',\s+'_'\s+or\s+'-'`},
		{`description = "` + strings.Repeat("秘", 2049) + `"`, `(?s)description\s+UTF-8\s+character\s+count\s+must\s+be\s+at\s+most\s+2048`},
		{`kms_key_id = "alias/default"`, `(?s)kms_key_id\s+must\s+be\s+a\s+KMS\s+key\s+ID`},
		{`secret_type = "RDS-FG"`, `(?s)secret_type\s+value\s+must\s+be\s+one\s+of:\s+\["COMMON"\]`},
		{manyTags, `(?s)tags\s+map\s+must\s+contain\s+at\s+most\s+20\s+elements`},
		{`tags = { "_sys_owner" = "x" }`, `(?s)must\s+not\s+start\s+with\s+"_sys_"`},
		{`tags = { " lead" = "x" }`, `(?s)must\s+not\s+start\s+or\s+end\s+with\s+a\s+space`},
		{`tags = { ok = "a#b" }`, `(?s)may\s+contain\s+only\s+letters,\s+numbers,\s+spaces\s+\(any\s+script\)\s+and\s+the\s+characters\s+_\s+\.\s+:\s+/`},
		{`event_subscriptions = ["a", "b"]`, `(?s)event_subscriptions\s+set\s+must\s+contain\s+at\s+most\s+1\s+elements`},
		{`event_subscriptions = ["bad.name"]`, `(?s)must\s+be\s+an\s+event\s+name`},
		{`enterprise_project_id = "` + strings.Repeat("e", 37) + `"`, `(?s)enterprise_project_id\s+must\s+be\s+1\s+to\s+36\s+characters`},
		{`secret_binary_wo = "dg=="`, `(?s)Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[secret_string_wo,secret_binary_wo\]`},
		{`recovery_window_days = 6`, `(?s)recovery_window_days\s+value\s+must\s+be\s+between\s+7\s+and\s+30,\s+got:\s+6`},
		{`recovery_window_days = 31`, `(?s)recovery_window_days\s+value\s+must\s+be\s+between\s+7\s+and\s+30,\s+got:\s+31`},
		{`recovery_window_days = 7` + "\n  delete_without_recovery = true",
			`(?s)These\s+attributes\s+cannot\s+be\s+configured\s+together:\s+\[delete_without_recovery,recovery_window_days\]`},
		{`secret_wo_version = 0`, `(?s)secret_wo_version\s+value\s+must\s+be\s+at\s+least\s+1,\s+got:\s+0`},
	}
	valueCases := []struct{ value, want string }{
		{`secret_string_wo = "` + strings.Repeat("x", 64*1024+1) + `"`, `(?s)secret_string_wo\s+string\s+length\s+must\s+be\s+at\s+most\s+65536,\s+got:\s+65537`},
		{`secret_binary_wo = "not base64!"`, `(?s)secret_binary_wo\s+must\s+be\s+standard\s+base64\s+of\s+at\s+most\s+65536\s+bytes`},
		{`secret_description = "x"`, `(?s)An\s+argument\s+named\s+"secret_description"\s+is\s+not\s+expected\s+here`},
		{``, `(?s)Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		body := tc.body
		if !strings.HasPrefix(body, "name") {
			body = fmt.Sprintf("name = %q\n  secret_string_wo = \"v\"\n  %s", name, body)
		}
		steps = append(steps, acctest.FailsStep(env.Config("resource \"hwcloud_csms_secret\" \"test\" {\n  "+body+"\n}\n"), tc.want))
	}
	for _, tc := range valueCases {
		steps = append(steps, acctest.FailsStep(
			env.Config(fmt.Sprintf("resource \"hwcloud_csms_secret\" \"test\" {\n  name = %q\n  %s\n}\n", name, tc.value)), tc.want))
	}
	secretTest(t, env, resource.TestCase{
		Steps: steps,
	})
	env.RequireNoAPICalls(t)
}

// defaultTagsArg is the provider's default_tags block.
func defaultTagsArg(tags map[string]string) string {
	out := "default_tags {\n    tags = {\n"
	for k, v := range tags {
		out += fmt.Sprintf("      %q = %q\n", k, v)
	}
	return out + "    }\n  }"
}

func stringMapCheck(kv map[string]string) knownvalue.Check {
	m := map[string]knownvalue.Check{}
	for k, v := range kv {
		m[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(m)
}

// serviceTagsAre checks the secret's tags as the service has them.
func serviceTagsAre(env *acctest.Env, name string, want map[string]string) resource.TestCheckFunc {
	return secretOnService(env, name, func(_ *hwc.Secret, tags map[string]string) error {
		if !maps.Equal(tags, want) {
			return fmt.Errorf("service has tags %v, want %v", tags, want)
		}
		return nil
	})
}

// Default tags are sent and shown in tags_all, while tags stays what the
// configuration says; a resource tag wins over a default; changing only the
// defaults updates the secret in place.
func TestAccCSMSSecret_defaultTags(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	hcl := secretHCL{Name: name, Value: "v", Tags: map[string]string{"team": "b", "app": "web"}}.String()
	first := map[string]string{"env": "prod", "team": "a"}
	second := map[string]string{"env": "staging", "team": "a"}

	// With defaults, tags stays as configured while tags_all and the service have all of them.
	appliedWith := func(defaults, all map[string]string, action plancheck.ResourceActionType, tagCalls int) resource.TestStep {
		return resource.TestStep{
			Config: env.ConfigWith([]string{defaultTagsArg(defaults)}, hcl),
			ConfigPlanChecks: acctest.Plans(secretAddr, action,
				plancheck.ExpectKnownValue(secretAddr, tfjsonpath.New("tags_all"), stringMapCheck(all))),
			ConfigStateChecks: []statecheck.StateCheck{
				secretCheck("tags", stringMapCheck(map[string]string{"team": "b", "app": "web"})),
				secretCheck("tags_all", stringMapCheck(all)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				env.CheckCalls(emulator.OpBatchSecretTags, tagCalls),
				serviceTagsAre(env, name, all),
			),
		}
	}

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			appliedWith(first, map[string]string{"env": "prod", "team": "b", "app": "web"}, plancheck.ResourceActionCreate, 1),
			// One upsert of env, nothing removed.
			appliedWith(second, map[string]string{"env": "staging", "team": "b", "app": "web"}, plancheck.ResourceActionUpdate, 2),
			acctest.NoChangeStep(env.ConfigWith([]string{defaultTagsArg(second)}, hcl)),
			{
				// An import splits the service's tags the same way: defaults only in tags_all.
				Config:                  env.ConfigWith([]string{defaultTagsArg(second)}, hcl),
				ResourceName:            secretAddr,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret_wo_version", "timeouts"},
			},
			{
				// Without defaults, the default tags are removed and tags stays as configured.
				Config: env.Config(hcl),
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("tags", stringMapCheck(map[string]string{"team": "b", "app": "web"})),
					secretCheck("tags_all", stringMapCheck(map[string]string{"team": "b", "app": "web"})),
				},
				Check: serviceTagsAre(env, name, map[string]string{"team": "b", "app": "web"}),
			},
		},
	})
}

// Tags added outside Terraform under ignored keys (exact or prefix) are not
// drift, are never removed, and do not show in tags or tags_all.
func TestAccCSMSSecret_ignoreTags(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_sec")
	ignore := "ignore_tags {\n    keys = [\"owner\"]\n    key_prefixes = [\"policy:\"]\n  }"
	first := secretHCL{Name: name, Value: "v", Tags: map[string]string{"app": "web"}}
	second := first
	second.Tags = map[string]string{"app": "api"}
	outOfBand := []hwc.Tag{{Key: "owner", Value: "bob"}, {Key: "policy:cost", Value: "cc-1"}}

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.ConfigWith([]string{ignore}, first.String())},
			{
				PreConfig: func() {
					ctx := context.Background()
					s, err := env.Client.ShowSecret(ctx, name)
					if err == nil {
						err = env.Client.BatchSecretTags(ctx, s.ID, hwc.TagActionCreate, outOfBand)
					}
					if err != nil {
						t.Fatalf("tagging the secret out of band: %v", err)
					}
				},
				Config:           env.ConfigWith([]string{ignore}, first.String()),
				ConfigPlanChecks: acctest.PlanEmpty(),
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("tags", stringMapCheck(map[string]string{"app": "web"})),
					secretCheck("tags_all", stringMapCheck(map[string]string{"app": "web"})),
				},
			},
			{
				Config: env.ConfigWith([]string{ignore}, second.String()),
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("tags_all", stringMapCheck(map[string]string{"app": "api"})),
				},
				Check: serviceTagsAre(env, name, map[string]string{"app": "api", "owner": "bob", "policy:cost": "cc-1"}),
			},
			{
				// The data source leaves the ignored tags out of its results too.
				Config: env.ConfigWith([]string{ignore}, second.String()+fmt.Sprintf(`
data "hwcloud_csms_secrets" "found" {
  name_match = %q
  tags       = { app = ["api"] }
  depends_on = [hwcloud_csms_secret.test]
}
`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.hwcloud_csms_secrets.found", tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("tags"),
						stringMapCheck(map[string]string{"app": "api"})),
				},
			},
		},
	})
}

// The provider's enterprise project is used when a secret sets none, and the
// state records it; a secret's own enterprise project wins.
func TestAccCSMSSecret_providerEnterpriseProject(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	providerEP, ownEP := "3b0c7c8e-5f4a-4a64-9d0e-2a8f7f1d6c11", "0"
	if env.Live {
		// A live account needs a real enterprise project for the provider's.
		providerEP = os.Getenv("HW_ACC_ENTERPRISE_PROJECT_ID")
		if providerEP == "" {
			t.Skip("HW_ACC_ENTERPRISE_PROJECT_ID is not set: no enterprise project to use")
		}
	}
	name, own := acctest.RandomName("tf_acc_sec"), acctest.RandomName("tf_acc_sec")
	hcl := secretHCL{Name: name, Value: "v"}.String() + strings.Replace(
		secretHCL{Name: own, Value: "v", Extra: fmt.Sprintf("  enterprise_project_id = %q\n", ownEP)}.String(),
		`"test"`, `"own"`, 1)
	config := env.ConfigWith([]string{fmt.Sprintf("enterprise_project_id = %q", providerEP)}, hcl)
	epIs := func(secret, want string) resource.TestCheckFunc {
		return secretOnService(env, secret, func(s *hwc.Secret, _ map[string]string) error {
			if s.EnterpriseProjectID != want {
				return fmt.Errorf("secret %s is in enterprise project %q, want %q", secret, s.EnterpriseProjectID, want)
			}
			return nil
		})
	}

	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					secretCheck("enterprise_project_id", knownvalue.StringExact(providerEP)),
					statecheck.ExpectKnownValue("hwcloud_csms_secret.own", tfjsonpath.New("enterprise_project_id"),
						knownvalue.StringExact(ownEP)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(epIs(name, providerEP), epIs(own, ownEP)),
			},
			acctest.NoChangeStep(config),
		},
	})
}
