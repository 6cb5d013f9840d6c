package csms_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

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
			return resource.TestStep{
				Config: cfg,
				Check: func(s *terraform.State) error {
					secretID = s.RootModule().Resources[secretAddr].Primary.Attributes["secret_id"]
					if err := mutate(context.Background()); err != nil {
						return fmt.Errorf("changing %s out of band: %w", field, err)
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
				}},
			}
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
				{
					Config:           cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
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
		CheckDestroy: func(*terraform.State) error {
			s, err := env.Client.ShowSecret(context.Background(), name)
			if err != nil {
				return err
			}
			const days30, minute = 30 * 24 * 3600 * 1000, 60 * 1000
			if s.State != "PENDING_DELETE" || s.ScheduledDeleteTime == nil ||
				*s.ScheduledDeleteTime-s.UpdateTime < days30-minute || *s.ScheduledDeleteTime-s.UpdateTime > days30+minute {
				return fmt.Errorf("want deletion scheduled 30 days ahead, got %s at %v", s.State, s.ScheduledDeleteTime)
			}
			return nil
		},
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
		steps = append(steps, resource.TestStep{
			Config:      env.Config("resource \"hwcloud_csms_secret\" \"test\" {\n  " + body + "\n}\n"),
			ExpectError: regexp.MustCompile(tc.want),
		})
	}
	for _, tc := range valueCases {
		steps = append(steps, resource.TestStep{
			Config:      env.Config(fmt.Sprintf("resource \"hwcloud_csms_secret\" \"test\" {\n  name = %q\n  %s\n}\n", name, tc.value)),
			ExpectError: regexp.MustCompile(tc.want),
		})
	}
	secretTest(t, env, resource.TestCase{
		Steps: steps,
	})
	env.RequireNoAPICalls(t)
}
