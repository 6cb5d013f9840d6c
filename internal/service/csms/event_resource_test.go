package csms_test

import (
	"context"
	"errors"
	"fmt"
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

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

const csmsEventAddr = "hwcloud_csms_event.test"

// csmsEventHCL renders one hwcloud_csms_event; empty fields are left out so
// the defaults are exercised. Types are written as given (tests pass bad ones).
type csmsEventHCL struct {
	Name       string
	Types      []string
	Enabled    string // "", "true" or "false"
	TargetID   string
	TargetName string
	TargetType string
	Timeouts   string // HCL object body, e.g. `create = "5m"`
}

func (c csmsEventHCL) String() string {
	quoted := make([]string, len(c.Types))
	for i, t := range c.Types {
		quoted[i] = fmt.Sprintf("%q", t)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"hwcloud_csms_event\" \"test\" {\n  name        = %q\n  event_types = [%s]\n",
		c.Name, strings.Join(quoted, ", "))
	if c.Enabled != "" {
		fmt.Fprintf(&b, "  enabled     = %s\n", c.Enabled)
	}
	fmt.Fprintf(&b, "  notification = {\n    target_id = %q\n", c.TargetID)
	switch c.TargetName {
	case "":
	case csmsEventEmptyString:
		b.WriteString("    target_name = \"\"\n")
	default:
		fmt.Fprintf(&b, "    target_name = %q\n", c.TargetName)
	}
	if c.TargetType != "" {
		fmt.Fprintf(&b, "    target_type = %q\n", c.TargetType)
	}
	b.WriteString("  }\n")
	if c.Timeouts != "" {
		fmt.Fprintf(&b, "  timeouts = { %s }\n", c.Timeouts)
	}
	b.WriteString("}\n")
	return b.String()
}

// csmsEventEmptyString asks csmsEventHCL for an attribute set to "" rather than left out.
const csmsEventEmptyString = "\x00empty"

func csmsEventTopicName(urn string) string { return urn[strings.LastIndex(urn, ":")+1:] }

// csmsEventOnService checks the event as the service has it.
func csmsEventOnService(env *acctest.Env, name string, check func(*hwc.SecretEvent) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ev, err := env.Client.ShowSecretEvent(context.Background(), name)
		if err != nil {
			return fmt.Errorf("reading event %q through the client: %w", name, err)
		}
		return check(ev)
	}
}

func csmsEventDestroyed(env *acctest.Env) resource.TestCheckFunc {
	return acctest.CheckDestroyed("hwcloud_csms_event", func(ctx context.Context, id string) error {
		_, err := env.Client.ShowSecretEvent(ctx, id)
		switch {
		case err == nil:
			return fmt.Errorf("CSMS event %q still exists after destroy", id)
		case !errors.Is(err, hwc.ErrNotFound):
			return fmt.Errorf("checking CSMS event %q: %w", id, err)
		}
		return nil
	})
}

func csmsEventCount(env *acctest.Env, name string) (int, error) {
	n := 0
	for ev, err := range env.Client.AllSecretEvents(context.Background(), 50) {
		if err != nil {
			return 0, err
		}
		if ev.Name == name {
			n++
		}
	}
	return n, nil
}

func TestAccCSMSEvent_basic(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	topic := env.TopicURN(t, "alerts")
	cfg := csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED", "SECRET_VERSION_EXPIRED"}, TargetID: topic}

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.Config(cfg.String()),
				ConfigPlanChecks: acctest.Plans(csmsEventAddr, plancheck.ResourceActionCreate,
					// The derived topic name is known at plan time.
					plancheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("notification").AtMapKey("target_name"),
						knownvalue.StringExact(csmsEventTopicName(topic))),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("event_types"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("SECRET_ROTATED"), knownvalue.StringExact("SECRET_VERSION_EXPIRED"),
					})),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("notification"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"target_type": knownvalue.StringExact("SMN"),
						"target_id":   knownvalue.StringExact(topic),
						"target_name": knownvalue.StringExact(csmsEventTopicName(topic)),
					})),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("event_id"), knownvalue.StringRegexp(patterns.UUID)),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(patterns.RFC3339UTC)),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("updated_at"), knownvalue.StringRegexp(patterns.RFC3339UTC)),
				},
				Check: resource.ComposeTestCheckFunc(
					// Create is one POST and state comes from its answer: no read yet.
					env.CheckCalls(emulator.OpCreateSecretEvent, 1),
					env.CheckCalls(emulator.OpShowSecretEvent, 0),
					csmsEventOnService(env, name, func(ev *hwc.SecretEvent) error {
						want := hwc.EventNotification{TargetType: "SMN", TargetID: topic, TargetName: csmsEventTopicName(topic)}
						if ev.State != "ENABLED" || ev.Notification != want {
							return fmt.Errorf("service has state %q, notification %+v; want ENABLED, %+v", ev.State, ev.Notification, want)
						}
						return nil
					}),
				),
			},
			{
				// Same configuration again: the read converges and nothing is sent.
				Config:           env.Config(cfg.String()),
				ConfigPlanChecks: acctest.PlanEmpty(),
				Check: resource.ComposeTestCheckFunc(
					env.CheckCalls(emulator.OpCreateSecretEvent, 1),
					env.CheckCalls(emulator.OpUpdateSecretEvent, 0),
				),
			},
		},
	})
}

func TestAccCSMSEvent_import(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	cfg := csmsEventHCL{Name: name, Types: []string{"SECRET_DELETED"}, Enabled: "false",
		TargetID: env.TopicURN(t, "alerts"), TargetName: "Alerts"}

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.Config(cfg.String())},
			acctest.ImportStep(csmsEventAddr, name),
			{
				ResourceName:    csmsEventAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   name,
			},
			{
				// import {} with -generate-config-out: the generated block must plan as a pure import.
				ResourceName:    csmsEventAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   name,
				GenerateConfig:  true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue("hwcloud_csms_event.generated", tfjsonpath.New("enabled"), knownvalue.Bool(false)),
					plancheck.ExpectKnownValue("hwcloud_csms_event.generated", tfjsonpath.New("notification").AtMapKey("target_name"),
						knownvalue.StringExact("Alerts")),
				}},
			},
			acctest.ImportFailsStep(csmsEventAddr, "not a name!", `(?s)Invalid\s+import\s+ID.*by\s+its\s+name`),
		},
	})
}

func TestAccCSMSEvent_update(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	before := csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: env.TopicURN(t, "alerts")}
	after := csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED", "SECRET_ROTATED_FAILED", "SECRET_DELETED"},
		TargetID: env.TopicURN(t, "security"), TargetName: "Security team"}
	withTimeouts := after
	withTimeouts.Timeouts = `create = "5m", update = "5m"`
	sameEventID := acctest.TrackValue(csmsEventAddr, "event_id", compare.ValuesSame())

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.Config(before.String()),
				ConfigStateChecks: []statecheck.StateCheck{
					sameEventID(),
				},
			},
			{
				Config:           env.Config(after.String()),
				ConfigPlanChecks: acctest.Plans(csmsEventAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					sameEventID(),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("event_types"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("SECRET_ROTATED"), knownvalue.StringExact("SECRET_ROTATED_FAILED"),
						knownvalue.StringExact("SECRET_DELETED"),
					})),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("notification").AtMapKey("target_id"),
						knownvalue.StringExact(after.TargetID)),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("notification").AtMapKey("target_name"),
						knownvalue.StringExact("Security team")),
				},
				Check: resource.ComposeTestCheckFunc(
					env.CheckCalls(emulator.OpCreateSecretEvent, 1),
					env.CheckCalls(emulator.OpUpdateSecretEvent, 1),
					csmsEventOnService(env, name, func(ev *hwc.SecretEvent) error {
						if len(ev.EventTypes) != 3 || ev.Notification.TargetName != "Security team" {
							return fmt.Errorf("service has types %v, target_name %q", ev.EventTypes, ev.Notification.TargetName)
						}
						return nil
					}),
				),
			},
			{
				// Only Terraform-side settings change: an update is planned, nothing is sent.
				Config:           env.Config(withTimeouts.String()),
				ConfigPlanChecks: acctest.Plans(csmsEventAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					sameEventID(),
				},
				Check: env.CheckCalls(emulator.OpUpdateSecretEvent, 1),
			},
		},
	})
}

func TestAccCSMSEvent_rename(t *testing.T) {
	env := acctest.New(t)
	oldName, newName := acctest.RandomName("tf_acc_ev"), acctest.RandomName("tf_acc_ev")
	topic := env.TopicURN(t, "alerts")
	differentEventID := acctest.TrackValue(csmsEventAddr, "event_id", compare.ValuesDiffer())

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.Config(csmsEventHCL{Name: oldName, Types: []string{"SECRET_ROTATED"}, TargetID: topic}.String()),
				ConfigStateChecks: []statecheck.StateCheck{
					differentEventID(),
				},
			},
			{
				Config:           env.Config(csmsEventHCL{Name: newName, Types: []string{"SECRET_ROTATED"}, TargetID: topic}.String()),
				ConfigPlanChecks: acctest.Plans(csmsEventAddr, plancheck.ResourceActionReplace),
				ConfigStateChecks: []statecheck.StateCheck{
					differentEventID(),
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("id"), knownvalue.StringExact(newName)),
				},
				Check: func(*terraform.State) error {
					if _, err := env.Client.ShowSecretEvent(context.Background(), oldName); !errors.Is(err, hwc.ErrNotFound) {
						return fmt.Errorf("the old event %q should be gone, got %w", oldName, err)
					}
					return nil
				},
			},
		},
	})
}

func TestAccCSMSEvent_enableDisable(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	cfg := csmsEventHCL{Name: name, Types: []string{"SECRET_VERSION_CREATED"}, TargetID: env.TopicURN(t, "alerts")}
	withEnabled := func(v string) string { c := cfg; c.Enabled = v; return env.Config(c.String()) }
	serviceState := func(want string) resource.TestCheckFunc {
		return csmsEventOnService(env, name, func(ev *hwc.SecretEvent) error {
			if ev.State != want {
				return fmt.Errorf("service state is %q, want %q", ev.State, want)
			}
			return nil
		})
	}

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: withEnabled("false"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
				Check: serviceState("DISABLED"),
			},
			{
				Config:           withEnabled("true"),
				ConfigPlanChecks: acctest.Plans(csmsEventAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: serviceState("ENABLED"),
			},
			// Leaving enabled out means the default, true: nothing to change.
			acctest.NoChangeStep(withEnabled("")),
			{
				Config: withEnabled("false"),
				Check:  serviceState("DISABLED"),
			},
		},
	})
}

func TestAccCSMSEvent_disappears(t *testing.T) {
	// Every refresh of this test reads singly, then from a list: the answers must be the same.
	acctest.ForEachReadMode(t, func(t *testing.T, providers acctest.Factories) {
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_ev")
		cfg := env.Config(csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: env.TopicURN(t, "alerts")}.String())

		acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
			ProtoV6ProviderFactories: providers,
			Steps: acctest.DisappearsSteps(t, cfg, csmsEventAddr,
				func(ctx context.Context) error { return env.Client.DeleteSecretEvent(ctx, name) },
				resource.ComposeTestCheckFunc(
					env.CheckCalls(emulator.OpCreateSecretEvent, 2),
					csmsEventOnService(env, name, func(*hwc.SecretEvent) error { return nil }),
				)),
		})
	})
}

func TestAccCSMSEvent_drift(t *testing.T) {
	// Every refresh of this test reads singly, then from a list: the answers must be the same.
	acctest.ForEachReadMode(t, func(t *testing.T, providers acctest.Factories) {
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_ev")
		topic := env.TopicURN(t, "alerts")
		cfg := env.Config(csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED", "SECRET_DELETED"}, TargetID: topic}.String())

		acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
			ProtoV6ProviderFactories: providers,
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					PreConfig: func() {
						disabled := "DISABLED"
						_, err := env.Client.UpdateSecretEvent(context.Background(), name, hwc.UpdateSecretEventRequest{
							State:      &disabled,
							EventTypes: []string{"SECRET_VERSION_CREATED"},
							Notification: &hwc.EventNotification{
								TargetType: "SMN", TargetID: topic, TargetName: "renamed-by-hand",
							},
						})
						if err != nil {
							t.Fatalf("changing the event out of band: %v", err)
						}
					},
					Config:           cfg,
					ConfigPlanChecks: acctest.Plans(csmsEventAddr, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("notification").AtMapKey("target_name"),
							knownvalue.StringExact(csmsEventTopicName(topic))),
					},
					Check: csmsEventOnService(env, name, func(ev *hwc.SecretEvent) error {
						if ev.State != "ENABLED" || len(ev.EventTypes) != 2 || ev.Notification.TargetName != csmsEventTopicName(topic) {
							return fmt.Errorf("not converged: state %q, types %v, target_name %q",
								ev.State, ev.EventTypes, ev.Notification.TargetName)
						}
						return nil
					}),
				},
			},
		})
	})
}

// Every plan-time validation fails before any request reaches the API.
func TestAccCSMSEvent_validation(t *testing.T) {
	env := acctest.New(t)
	thirteen := []string{"SECRET_VERSION_CREATED", "SECRET_VERSION_EXPIRED", "SECRET_ROTATED", "SECRET_DELETED",
		"SECRET_ROTATED_FAILED", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13"}
	cases := []struct {
		change func(*csmsEventHCL)
		want   string
	}{
		{func(c *csmsEventHCL) { c.Name = "bad name!" },
			`(?s)name\s+must\s+be\s+1-64\s+characters\s+of\s+letters,\s+digits.*got:\s+bad\s+name!`},
		{func(c *csmsEventHCL) { c.Name = strings.Repeat("a", 65) },
			`(?s)name\s+must\s+be\s+1-64\s+characters.*got:\s+a{65}`},
		{func(c *csmsEventHCL) { c.Types = nil },
			`(?s)event_types\s+set\s+must\s+contain\s+at\s+least\s+1\s+elements\s+and\s+at\s+most\s+12\s+elements,\s+got:\s+0`},
		{func(c *csmsEventHCL) { c.Types = thirteen },
			`(?s)event_types\s+set\s+must\s+contain\s+at\s+least\s+1\s+elements\s+and\s+at\s+most\s+12\s+elements,\s+got:\s+13`},
		{func(c *csmsEventHCL) { c.Types = []string{"SECRET_ROTATED", "SECRET_READ"} },
			`(?s)value\s+must\s+be\s+one\s+of:.*SECRET_ROTATED_FAILED.*got:\s+"SECRET_READ"`},
		{func(c *csmsEventHCL) { c.Types = []string{"secret_rotated"} },
			`(?s)value\s+must\s+be\s+one\s+of:.*got:\s+"secret_rotated"`},
		{func(c *csmsEventHCL) { c.TargetType = "FUNCTIONGRAPH" },
			`(?s)target_type\s+value\s+must\s+be\s+one\s+of:\s+\["SMN"\],\s+got:\s+"FUNCTIONGRAPH"`},
		{func(c *csmsEventHCL) { c.TargetName = csmsEventEmptyString },
			`(?s)target_name\s+string\s+length\s+must\s+be\s+at\s+least\s+1`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		cfg := csmsEventHCL{Name: acctest.RandomName("tf_acc_ev"), Types: []string{"SECRET_ROTATED"},
			TargetID: emulator.TopicURN(env.Region, env.ProjectID, "alerts")}
		tc.change(&cfg)
		steps = append(steps, acctest.FailsStep(env.Config(cfg.String()), tc.want))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    steps,
	})
	env.RequireNoAPICalls(t)
}

// CSMS does not check an event's target (its event pages say so): a
// target_id that is not an SMN topic URN is a plan-time warning, not an
// error, and a topic URN that names no topic is accepted; notifications to
// it fail when the event fires. target_name then defaults to the whole
// non-URN value or the URN's last segment.
func TestAccCSMSEvent_targetNotChecked(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	missing := emulator.TopicURN(env.Region, env.ProjectID, acctest.RandomName("no_such_topic"))
	cfg := func(target string) string {
		return env.Config(csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: target}.String())
	}
	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:             cfg("arn:aws:sns:us-east-1:123456789012:alerts"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg(missing),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("notification").AtMapKey("target_name"),
						knownvalue.StringExact(csmsEventTopicName(missing))),
				},
			},
		},
	})
}

// Terraform turns a set literal into a set before the provider sees it, so a
// repeated event type cannot be reported; it collapses to one value and the
// API receives each type once.
func TestAccCSMSEvent_repeatedTypeCollapses(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	cfg := csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED", "SECRET_ROTATED"}, TargetID: env.TopicURN(t, "alerts")}

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.Config(cfg.String()),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("event_types"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("SECRET_ROTATED")})),
			},
			Check: csmsEventOnService(env, name, func(ev *hwc.SecretEvent) error {
				if len(ev.EventTypes) != 1 || ev.EventTypes[0] != "SECRET_ROTATED" {
					return fmt.Errorf("service has types %v, want [SECRET_ROTATED]", ev.EventTypes)
				}
				return nil
			}),
		}},
	})
}

func TestAccCSMSEvent_duplicateName(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	topic := env.TopicURN(t, "alerts")
	existing, err := env.Client.CreateSecretEvent(context.Background(), hwc.CreateSecretEventRequest{
		Name: name, EventTypes: []string{"SECRET_DELETED"}, State: "ENABLED",
		Notification: hwc.EventNotification{TargetType: "SMN", TargetID: topic, TargetName: csmsEventTopicName(topic)},
	})
	if err != nil {
		t.Fatalf("creating the existing event: %v", err)
	}
	t.Cleanup(func() { _ = env.Client.DeleteSecretEvent(context.Background(), name) })

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: env.Config(csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: topic}.String()),
			ExpectError: regexp.MustCompile(fmt.Sprintf(
				`(?s)CSMS\s+event\s+"%[1]s"\s+already\s+exists.*terraform\s+import\s+hwcloud_csms_event\.<name>\s+%[1]s`, name)),
		}},
	})
	// The existing event is left exactly as it was.
	ev, err := env.Client.ShowSecretEvent(context.Background(), name)
	if err != nil {
		t.Fatalf("reading the existing event: %v", err)
	}
	if ev.EventID != existing.EventID || len(ev.EventTypes) != 1 || ev.EventTypes[0] != "SECRET_DELETED" {
		t.Errorf("existing event changed: %+v", ev)
	}
}

func TestAccCSMSEvent_deleteWhileSubscribed(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	secret := acctest.RandomName("tf_acc_secret")
	cfg := env.Config(csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: env.TopicURN(t, "alerts")}.String())
	t.Cleanup(func() { _ = env.Client.DeleteSecret(context.Background(), secret) })

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					_, err := env.Client.CreateSecret(context.Background(), hwc.CreateSecretRequest{
						Name: secret, SecretString: "not-a-real-secret", EventSubscriptions: []string{name},
					})
					return err
				},
			},
			{
				Config:  cfg,
				Destroy: true,
				ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Cannot\s+delete\s+CSMS\s+event\s+"%s":\s+secrets\s+still\s+subscribe.*`+
					`subscribed\s+by\s+these\s+secrets:\s+%s\..*event\s+subscriptions.*terraform\s+destroy\s+again`, name, secret)),
			},
			{
				// Once the secret is gone, the event is still managed and deletes cleanly.
				PreConfig: func() {
					if err := env.Client.DeleteSecret(context.Background(), secret); err != nil {
						t.Fatalf("deleting the subscribed secret: %v", err)
					}
				},
				Config:           cfg,
				ConfigPlanChecks: acctest.PlanEmpty(),
			},
		},
	})
}

// A create whose response is lost is found by name and adopted: one apply,
// one event, no orphan and no duplicate.
func TestAccCSMSEvent_lostCreateResponse(t *testing.T) {
	env := acctest.New(t)
	env.LoseResponse(emulator.OpCreateSecretEvent)
	name := acctest.RandomName("tf_acc_ev")
	cfg := csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: env.TopicURN(t, "alerts")}

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.Config(cfg.String()),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("event_id"), knownvalue.StringRegexp(patterns.UUID)),
			},
			Check: resource.ComposeTestCheckFunc(
				// One POST (its answer lost), then one lookup that found and adopted it.
				env.CheckCalls(emulator.OpCreateSecretEvent, 1),
				env.CheckCalls(emulator.OpShowSecretEvent, 1),
				func(*terraform.State) error {
					n, err := csmsEventCount(env, name)
					if err != nil {
						return err
					}
					if n != 1 {
						return fmt.Errorf("the service has %d events named %q, want exactly 1", n, name)
					}
					return nil
				},
			),
		}},
	})
}

// Right after a create the event may be invisible to reads for a while; the
// refresh waits for it instead of dropping it from state.
func TestAccCSMSEvent_visibilityDelay(t *testing.T) {
	env := acctest.New(t)
	const delay = 3 * time.Second
	if !env.Live {
		env.Emulator.SetFaults(emulator.FaultConfig{VisibilityDelay: delay})
	}
	name := acctest.RandomName("tf_acc_ev")
	cfg := env.Config(csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: env.TopicURN(t, "alerts")}.String())

	var beforeApply time.Time
	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				// The post-apply refresh and plan run while the event is hidden; an empty plan
				// (checked by the framework) proves it was not dropped.
				PreConfig: func() { beforeApply = time.Now() },
				Config:    cfg,
				Check: func(*terraform.State) error {
					if env.Live {
						return nil
					}
					// Guard against a vacuous pass: the event must really be hidden now. That is
					// certain only while less than the delay has passed since before the create.
					_, err := env.Client.ShowSecretEvent(context.Background(), name)
					if elapsed := time.Since(beforeApply); elapsed >= delay {
						t.Logf("apply took %s, longer than the %s delay: hidden state not asserted", elapsed, delay)
						return nil
					}
					if !errors.Is(err, hwc.ErrNotFound) {
						return fmt.Errorf("expected the new event to be hidden for %s, got %w", delay, err)
					}
					return nil
				},
			},
			{
				Config:           cfg,
				ConfigPlanChecks: acctest.PlanEmpty(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(csmsEventAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				},
				Check: env.CheckCalls(emulator.OpCreateSecretEvent, 1),
			},
		},
	})
}

func TestAccCSMSEvent_identity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	cfg := csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: env.TopicURN(t, "alerts")}
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_csms_event", Key: "name", StateAttr: "name",
		KeyValue: knownvalue.StringExact(name), HCL: cfg.String()}

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		TerraformVersionChecks: acctest.NeedsIdentity,
		Steps:                  c.Steps(),
	})
}

// csmsEventMove is the official configuration of an event of eventTypes (an
// HCL list) notifying topic, with regionLine (an HCL line, or ""), and the
// hwcloud configuration that moves it.
func csmsEventMove(name, eventTypes, topic, regionLine string) (official, target string) {
	official = fmt.Sprintf(`resource "huaweicloud_csms_event" "e" {
  %s
  name                     = %q
  event_types              = %s
  status                   = "ENABLED"
  notification_target_type = "SMN"
  notification_target_id   = %q
  notification_target_name = %q
}
`, regionLine, name, eventTypes, topic, csmsEventTopicName(topic))
	target = fmt.Sprintf(`resource "hwcloud_csms_event" "e" {
  name         = %q
  event_types  = %s
  notification = {
    target_id = %q
  }
}
`, name, eventTypes, topic) + acctest.MovedBlock("huaweicloud_csms_event.e", "hwcloud_csms_event.e")
	return official, target
}

func TestAccMove_csmsEvent(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_mv")
	official, target := csmsEventMove(name, `["SECRET_VERSION_CREATED", "SECRET_ROTATED"]`, env.TopicURN(t, "moves"), "")
	const addr = "hwcloud_csms_event.e"

	acctest.RunMoveTest(t, env, acctest.MoveSpec{
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
		CheckDestroy: csmsEventDestroyed(env),
	})
}

func TestAccMove_csmsEventOtherRegionRefused(t *testing.T) {
	env := acctest.New(t)
	// The stand-in creates through the test's client wherever region points;
	// only the region recorded in its state matters here.
	official, target := csmsEventMove(acctest.RandomName("tf_acc_mv"), `["SECRET_ROTATED"]`, env.TopicURN(t, "moves"),
		`region                   = "eu-west-101"`)

	resource.Test(t, acctest.MoveTestCase(t, env,
		acctest.RefusedMoveSteps(env, official, target, regexp.MustCompile(`(?s)region = "eu-west-101".*alias`))...))
}

func TestAccCSMSEventList_query(t *testing.T) {
	env := acctest.New(t)
	topic := env.TopicURN(t, "alerts")
	managed := acctest.RandomName("tf_acc_ev")
	seeded := []string{acctest.RandomName("tf_acc_ev"), acctest.RandomName("tf_acc_ev")}
	for i, name := range seeded {
		env.SeedCSMSEvent(t, name, topic, i == 0)
	}
	identityOf := func(name string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{
			"project_id": knownvalue.StringExact(env.ProjectID), "name": knownvalue.StringExact(name),
		}
	}
	// The query runs next to the first step's configuration, whose provider block it uses.
	query := `
list "hwcloud_csms_event" "all" {
  provider         = hwcloud
  include_resource = true
}
`
	checks := []querycheck.QueryResultCheck{querycheck.ExpectLengthAtLeast("hwcloud_csms_event.all", 3)}
	for _, name := range append([]string{managed}, seeded...) {
		checks = append(checks,
			querycheck.ExpectIdentity("hwcloud_csms_event.all", identityOf(name)),
			querycheck.ExpectResourceDisplayName("hwcloud_csms_event.all", queryfilter.ByResourceIdentity(identityOf(name)),
				knownvalue.StringExact(name)))
	}
	checks = append(checks, querycheck.ExpectResourceKnownValues("hwcloud_csms_event.all",
		queryfilter.ByResourceIdentity(identityOf(seeded[1])), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(false)},
			{Path: tfjsonpath.New("event_types"), KnownValue: knownvalue.SetExact([]knownvalue.Check{
				knownvalue.StringExact("SECRET_DELETED")})},
			{Path: tfjsonpath.New("notification").AtMapKey("target_id"), KnownValue: knownvalue.StringExact(topic)},
		}))

	acctest.ParallelTest(t, csmsEventDestroyed(env), resource.TestCase{
		TerraformVersionChecks: acctest.NeedsQuery,
		Steps: []resource.TestStep{
			{Config: env.Config(csmsEventHCL{Name: managed, Types: []string{"SECRET_ROTATED"}, TargetID: topic}.String())},
			{Query: true, Config: query, QueryResultChecks: checks},
		},
	})
}
