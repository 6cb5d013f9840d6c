package cts_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

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

const ctsAddr = "hwcloud_cts_notification.test"

// ctsHCL renders one hwcloud_cts_notification. String fields are quoted;
// the *HCL fields are written as given (attribute bodies or expressions);
// empty fields are left out so defaults are exercised.
type ctsHCL struct {
	Name          string
	OperationType string
	OperationsHCL string // e.g. `[{ service_type = "CTS", ... }]`
	UsersHCL      string
	TopicID       string
	TopicHCL      string // an expression, used instead of TopicID
	Enabled       string // "", "true" or "false"
	FilterHCL     string // e.g. `{ rules = ["code = 200"] }`
	AgencyName    string
	Timeouts      string // timeouts object body, e.g. `update = "5m"`
	Extra         string // more HCL before the resource (e.g. a terraform_data)
	Label         string // the resource's label; "" is "test"
}

func (c ctsHCL) String() string {
	var b strings.Builder
	b.WriteString(c.Extra)
	label := c.Label
	if label == "" {
		label = "test"
	}
	fmt.Fprintf(&b, `resource "hwcloud_cts_notification" %q {
  name           = %q
  operation_type = %q
`, label, c.Name, c.OperationType)
	optional := func(name, value string, quote bool) {
		switch {
		case value == "":
		case quote:
			fmt.Fprintf(&b, "  %s = %q\n", name, value)
		default:
			fmt.Fprintf(&b, "  %s = %s\n", name, value)
		}
	}
	optional("operations", c.OperationsHCL, false)
	optional("notify_users", c.UsersHCL, false)
	optional("topic_id", c.TopicID, true)
	optional("topic_id", c.TopicHCL, false)
	optional("enabled", c.Enabled, false)
	optional("filter", c.FilterHCL, false)
	optional("agency_name", c.AgencyName, true)
	if c.Timeouts != "" {
		fmt.Fprintf(&b, "  timeouts = { %s }\n", c.Timeouts)
	}
	b.WriteString("}\n")
	return b.String()
}

const (
	ctsTwoOperations = `[
    { service_type = "CTS", resource_type = "tracker", trace_names = ["createTracker", "deleteTracker"] },
    { service_type = "AOM", resource_type = "pe", trace_names = ["deletePolicyGroup"] },
  ]`
	ctsTwoGroups = `[
    { user_group = "admin", users = ["alice", "bob"] },
    { user_group = "auditors", users = ["carol"] },
  ]`
)

// ctsOnService checks the notification as the service has it.
func ctsOnService(env *acctest.Env, name string, check func(*hwc.CTSNotification) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		n, err := hwc.FindCTSNotificationByName(context.Background(), env.Client, name)
		if err != nil {
			return err
		}
		return check(n)
	}
}

func ctsDestroyed(env *acctest.Env) resource.TestCheckFunc {
	return acctest.CheckDestroyed("hwcloud_cts_notification", func(ctx context.Context, id string) error {
		n, err := hwc.FindCTSNotificationByID(ctx, env.Client, id, "", "")
		switch {
		case err == nil:
			return fmt.Errorf("CTS notification %s (%q) still exists after destroy", n.NotificationID, n.NotificationName)
		case !hwc.IsNotFound(err):
			return err
		}
		return nil
	})
}

func ctsCreateOutOfBand(t *testing.T, env *acctest.Env, req hwc.CreateCTSNotificationRequest) *hwc.CTSNotification {
	t.Helper()
	n, err := env.Client.CreateCTSNotification(context.Background(), req)
	if err != nil {
		t.Fatalf("creating notification %q out of band: %v", req.NotificationName, err)
	}
	t.Cleanup(func() {
		if err := env.Client.DeleteCTSNotifications(context.Background(), n.NotificationID); err != nil && !errors.Is(err, hwc.ErrNotFound) {
			t.Errorf("cleaning up notification %s: %v", n.NotificationID, err)
		}
	})
	return n
}

func TestAccCTSNotification_completeWithFilter(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	topic := env.TopicURN(t, "audit")
	cfg := env.Config(ctsHCL{Name: name, OperationType: "complete", TopicID: topic,
		FilterHCL: `{ rules = ["trace_rating = warning", "code != 200"] }`}.String())

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: acctest.Plans(ctsAddr, plancheck.ResourceActionCreate,
					plancheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notification_type"), knownvalue.StringExact("smn")),
					plancheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("filter").AtMapKey("condition"), knownvalue.StringExact("AND")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(patterns.UUID)),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("operation_type"), knownvalue.StringExact("complete")),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("operations"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notify_users"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("topic_id"), knownvalue.StringExact(topic)),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("filter"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"condition": knownvalue.StringExact("AND"),
						"rules": knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact("trace_rating = warning"), knownvalue.StringExact("code != 200"),
						}),
					})),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("agency_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notification_type"), knownvalue.StringExact("smn")),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("project_id"), knownvalue.StringExact(env.ProjectID)),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(patterns.RFC3339UTC)),
				},
				Check: resource.ComposeTestCheckFunc(
					// An enabled notification is one POST; no status PUT.
					env.CheckCalls(emulator.OpCreateNotification, 1),
					env.CheckCalls(emulator.OpUpdateNotification, 0),
					ctsOnService(env, name, func(n *hwc.CTSNotification) error {
						f := n.Filter
						if n.Status != "enabled" || f == nil || !f.IsSupportFilter || f.Condition != "AND" || len(f.Rule) != 2 {
							return fmt.Errorf("service has status %q, filter %+v", n.Status, f)
						}
						return nil
					}),
				),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: acctest.PlanEmpty(),
				Check:            env.CheckCalls(emulator.OpUpdateNotification, 0),
			},
		},
	})
}

func TestAccCTSNotification_customized(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	c := ctsHCL{Name: name, OperationType: "customized", OperationsHCL: ctsTwoOperations, UsersHCL: ctsTwoGroups,
		TopicID: env.TopicURN(t, "audit"), AgencyName: "cts_admin_trust",
		FilterHCL: `{ condition = "OR", rules = ["trace_type = ApiCall", "resource_name = my bucket"] }`}
	withTimeouts := c
	withTimeouts.Timeouts = `update = "5m"`
	sameID := acctest.TrackValue(ctsAddr, "id", compare.ValuesSame())

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.Config(c.String()),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID(),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("operations"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"service_type":  knownvalue.StringExact("CTS"),
							"resource_type": knownvalue.StringExact("tracker"),
							"trace_names": knownvalue.SetExact([]knownvalue.Check{
								knownvalue.StringExact("createTracker"), knownvalue.StringExact("deleteTracker"),
							}),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"service_type":  knownvalue.StringExact("AOM"),
							"resource_type": knownvalue.StringExact("pe"),
							"trace_names":   knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("deletePolicyGroup")}),
						}),
					})),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notify_users"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"user_group": knownvalue.StringExact("admin"),
							"users":      knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("alice"), knownvalue.StringExact("bob")}),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"user_group": knownvalue.StringExact("auditors"),
							"users":      knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("carol")}),
						}),
					})),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("filter").AtMapKey("condition"), knownvalue.StringExact("OR")),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("agency_name"), knownvalue.StringExact("cts_admin_trust")),
				},
				Check: ctsOnService(env, name, func(n *hwc.CTSNotification) error {
					if n.OperationType != "customized" || len(n.Operations) != 2 || len(n.NotifyUserList) != 2 ||
						n.Filter == nil || n.Filter.Condition != "OR" || n.AgencyName != "cts_admin_trust" {
						return fmt.Errorf("service has %+v", n)
					}
					return nil
				}),
			},
			acctest.NoChangeStep(env.Config(c.String())),
			{
				// Only a Terraform-side setting changes: an update is planned, nothing is sent.
				Config:            env.Config(withTimeouts.String()),
				ConfigPlanChecks:  acctest.Plans(ctsAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{sameID()},
				Check:             env.CheckCalls(emulator.OpUpdateNotification, 0),
			},
		},
	})
}

func TestAccCTSNotification_enableDisable(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	c := ctsHCL{Name: name, OperationType: "complete", TopicID: env.TopicURN(t, "audit"), Enabled: "false"}
	enabled := c
	enabled.Enabled = ""
	status := func(want string) resource.TestCheckFunc {
		return ctsOnService(env, name, func(n *hwc.CTSNotification) error {
			if n.Status != want {
				return fmt.Errorf("service has status %q, want %q", n.Status, want)
			}
			return nil
		})
	}

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				// Created disabled: the POST cannot carry a status, so exactly one PUT follows.
				Config: env.Config(c.String()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
				Check: resource.ComposeTestCheckFunc(
					env.CheckCalls(emulator.OpCreateNotification, 1),
					env.CheckCalls(emulator.OpUpdateNotification, 1),
					status("disabled"),
				),
			},
			{
				Config:           env.Config(enabled.String()),
				ConfigPlanChecks: acctest.Plans(ctsAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(env.CheckCalls(emulator.OpUpdateNotification, 2), status("enabled")),
			},
			{
				Config: env.Config(c.String()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
				Check: resource.ComposeTestCheckFunc(env.CheckCalls(emulator.OpUpdateNotification, 3), status("disabled")),
			},
		},
	})
}

// A disabled notification needs no topic; the service creates it disabled, so no PUT follows.
func TestAccCTSNotification_disabledWithoutTopic(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	cfg := env.Config(ctsHCL{Name: name, OperationType: "complete", Enabled: "false"}.String())

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("topic_id"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					env.CheckCalls(emulator.OpCreateNotification, 1),
					env.CheckCalls(emulator.OpUpdateNotification, 0),
				),
			},
			acctest.NoChangeStep(cfg),
		},
	})
}

func TestAccCTSNotification_renameInPlace(t *testing.T) {
	env := acctest.New(t)
	// The new name is Chinese: it must survive URL-escaping in the list call that finds it.
	oldName, newName := acctest.RandomName("tf_acc_cts"), acctest.RandomName("审计通知")
	topic := env.TopicURN(t, "audit")
	sameID := acctest.TrackValue(ctsAddr, "id", compare.ValuesSame())

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            env.Config(ctsHCL{Name: oldName, OperationType: "complete", TopicID: topic}.String()),
				ConfigStateChecks: []statecheck.StateCheck{sameID()},
			},
			{
				Config:           env.Config(ctsHCL{Name: newName, OperationType: "complete", TopicID: topic}.String()),
				ConfigPlanChecks: acctest.Plans(ctsAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID(),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("name"), knownvalue.StringExact(newName)),
				},
				Check: resource.ComposeTestCheckFunc(
					env.CheckCalls(emulator.OpCreateNotification, 1),
					env.CheckCalls(emulator.OpUpdateNotification, 1),
					ctsOnService(env, newName, func(*hwc.CTSNotification) error { return nil }),
					func(*terraform.State) error {
						if _, err := hwc.FindCTSNotificationByName(context.Background(), env.Client, oldName); !errors.Is(err, hwc.ErrNotFound) {
							return fmt.Errorf("old name %q should be gone, got %w", oldName, err)
						}
						return nil
					},
				),
			},
			acctest.ImportStep(ctsAddr, newName),
		},
	})
}

// Removing filter, operations and notify_users from the configuration clears
// them on the service, and the cleared notification reads back without a
// diff. The emulator refuses a switched-off filter without rules, so an
// update that clears the filter that way fails here.
func TestAccCTSNotification_removeBlocks(t *testing.T) {
	testAccCTSNotificationRemoveBlocks(t)
}

// The same, against a service that answers "no filter" in the empty-object
// form {"condition":"","is_support_filter":false,"rule":null} instead of null.
// Live runs ignore the emulator option and repeat the test above.
func TestAccCTSNotification_removeBlocksEmptyFilterObject(t *testing.T) {
	testAccCTSNotificationRemoveBlocks(t, func(o *emulator.Options) { o.CTSEmptyFilterObject = true })
}

func testAccCTSNotificationRemoveBlocks(t *testing.T, opts ...acctest.EnvOption) {
	env := acctest.New(t, opts...)
	name := acctest.RandomName("tf_acc_cts")
	topic := env.TopicURN(t, "audit")
	full := ctsHCL{Name: name, OperationType: "customized", OperationsHCL: ctsTwoOperations, UsersHCL: ctsTwoGroups,
		TopicID: topic, FilterHCL: `{ rules = ["trace_rating = incident"] }`}
	bare := ctsHCL{Name: name, OperationType: "complete", TopicID: topic}

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.Config(full.String())},
			{
				Config:           env.Config(bare.String()),
				ConfigPlanChecks: acctest.Plans(ctsAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("filter"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("operations"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notify_users"), knownvalue.Null()),
				},
				Check: ctsOnService(env, name, func(n *hwc.CTSNotification) error {
					if n.Filter.Enabled() || len(n.Operations) != 0 || len(n.NotifyUserList) != 0 {
						return fmt.Errorf("not cleared on the service: filter %+v, operations %v, users %v",
							n.Filter, n.Operations, n.NotifyUserList)
					}
					return nil
				}),
			},
			// The service's answer for "no filter" is no filter: no perpetual diff.
			acctest.NoChangeStep(env.Config(bare.String())),
			{
				// And back: the blocks are set again in place.
				Config:           env.Config(full.String()),
				ConfigPlanChecks: acctest.Plans(ctsAddr, plancheck.ResourceActionUpdate),
				Check: ctsOnService(env, name, func(n *hwc.CTSNotification) error {
					if !n.Filter.Enabled() || len(n.Operations) != 2 || len(n.NotifyUserList) != 2 {
						return fmt.Errorf("not set again on the service: filter %+v, operations %v, users %v",
							n.Filter, n.Operations, n.NotifyUserList)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccCTSNotification_switchToFunction(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	smn := ctsHCL{Name: name, OperationType: "complete", TopicID: env.TopicURN(t, "audit")}
	fun := smn
	fun.TopicID = env.FunctionURN(t, "audit_handler")
	sameID := acctest.TrackValue(ctsAddr, "id", compare.ValuesSame())

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.Config(smn.String()),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID(),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notification_type"), knownvalue.StringExact("smn")),
				},
			},
			{
				Config: env.Config(fun.String()),
				ConfigPlanChecks: acctest.Plans(ctsAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notification_type"), knownvalue.StringExact("fun")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID(),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notification_type"), knownvalue.StringExact("fun")),
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("topic_id"), knownvalue.StringExact(fun.TopicID)),
				},
				Check: ctsOnService(env, name, func(n *hwc.CTSNotification) error {
					if n.NotificationType != "fun" || n.TopicID != fun.TopicID {
						return fmt.Errorf("service has type %q, topic %q", n.NotificationType, n.TopicID)
					}
					return nil
				}),
			},
			acctest.NoChangeStep(env.Config(fun.String())),
		},
	})
}

func TestAccCTSNotification_import(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	cfg := env.Config(ctsHCL{Name: name, OperationType: "customized", OperationsHCL: ctsTwoOperations,
		UsersHCL: ctsTwoGroups, TopicID: env.FunctionURN(t, "audit_handler"), Enabled: "false",
		FilterHCL: `{ condition = "OR", rules = ["api_version = v1.0", "resource_id = abc"] }`}.String())

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{Config: cfg},
			// By id (the default: the id attribute of the resource in state).
			acctest.ImportStep(ctsAddr, ""),
			{
				// By name. A newer notification whose name contains this one is listed first by the
				// service's name filter: only the exact match may be imported.
				PreConfig: func() {
					ctsCreateOutOfBand(t, env, hwc.CreateCTSNotificationRequest{
						NotificationName: name + "_2", OperationType: "complete", TopicID: env.TopicURN(t, "audit"),
					})
				},
				ResourceName:      ctsAddr,
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
			},
			acctest.ImportFailsStep(ctsAddr, "not a name!", `(?s)Invalid\s+import\s+ID.*by\s+its\s+id.*or\s+by\s+its\s+name`),
			acctest.ImportFailsStep(ctsAddr, name+"_missing", `(?s)CTS\s+notification\s+not\s+found.*`+name+`_missing`),
			acctest.ImportFailsStep(ctsAddr, "00000000-0000-4000-8000-000000000000",
				`(?s)CTS\s+notification\s+not\s+found.*00000000-0000-4000-8000-000000000000`),
		},
	})
}

func TestAccCTSNotification_disappears(t *testing.T) {
	// Every refresh of this test reads singly, then from a list: the answers must be the same.
	acctest.ForEachReadMode(t, func(t *testing.T, providers acctest.Factories) {
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_cts")
		cfg := env.Config(ctsHCL{Name: name, OperationType: "complete", TopicID: env.TopicURN(t, "audit")}.String())

		acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
			ProtoV6ProviderFactories: providers,
			Steps: acctest.DisappearsSteps(t, cfg, ctsAddr,
				func(ctx context.Context) error {
					n, err := hwc.FindCTSNotificationByName(ctx, env.Client, name)
					if err != nil {
						return err
					}
					return env.Client.DeleteCTSNotifications(ctx, n.NotificationID)
				},
				resource.ComposeTestCheckFunc(
					env.CheckCalls(emulator.OpCreateNotification, 2),
					ctsOnService(env, name, func(*hwc.CTSNotification) error { return nil }),
				)),
		})
	})
}

func TestAccCTSNotification_drift(t *testing.T) {
	// Every refresh of this test reads singly, then from a list: the answers must be the same.
	acctest.ForEachReadMode(t, func(t *testing.T, providers acctest.Factories) {
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_cts")
		topic := env.TopicURN(t, "audit")
		function := env.FunctionURN(t, "audit_handler")
		cfg := env.Config(ctsHCL{Name: name, OperationType: "complete", TopicID: topic,
			FilterHCL: `{ rules = ["trace_rating = warning"] }`}.String())
		sameID := acctest.TrackValue(ctsAddr, "id", compare.ValuesSame())
		changeOutOfBand := func(change func(*hwc.UpdateCTSNotificationRequest)) func() {
			return func() {
				n, err := hwc.FindCTSNotificationByName(context.Background(), env.Client, name)
				if err != nil {
					t.Fatalf("finding the notification: %v", err)
				}
				req := hwc.UpdateCTSNotificationRequest{NotificationID: n.NotificationID, Status: n.Status,
					CreateCTSNotificationRequest: hwc.CreateCTSNotificationRequest{NotificationName: n.NotificationName,
						OperationType: n.OperationType, TopicID: n.TopicID, Filter: n.Filter}}
				change(&req)
				if _, err := env.Client.UpdateCTSNotification(context.Background(), req); err != nil {
					t.Fatalf("changing the notification out of band: %v", err)
				}
			}
		}
		converged := ctsOnService(env, name, func(n *hwc.CTSNotification) error {
			if n.Status != "enabled" || n.TopicID != topic || n.NotificationType != "smn" || !n.Filter.Enabled() {
				return fmt.Errorf("not converged: %+v", n)
			}
			return nil
		})

		acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
			ProtoV6ProviderFactories: providers,
			Steps: []resource.TestStep{
				{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{sameID()}},
				{
					PreConfig: changeOutOfBand(func(r *hwc.UpdateCTSNotificationRequest) {
						r.Status = "disabled"
						r.Filter = nil // the PUT replaces everything: this removes the filter
					}),
					Config:            cfg,
					ConfigPlanChecks:  acctest.Plans(ctsAddr, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{sameID()},
					Check:             converged,
				},
				{
					// The topic was switched to a function outside Terraform: the notification moved from the smn
					// list to the fun list, and is still found by id there.
					PreConfig: changeOutOfBand(func(r *hwc.UpdateCTSNotificationRequest) { r.TopicID = function }),
					Config:    cfg,
					ConfigPlanChecks: acctest.Plans(ctsAddr, plancheck.ResourceActionUpdate,
						plancheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notification_type"), knownvalue.StringExact("smn")),
					),
					ConfigStateChecks: []statecheck.StateCheck{sameID()},
					Check:             resource.ComposeTestCheckFunc(converged, env.CheckCalls(emulator.OpCreateNotification, 1)),
				},
			},
		})
	})
}

// A topic that comes from another resource is unknown at plan time: the
// rule "enabled needs a topic" must not mistake it for a missing one.
func TestAccCTSNotification_unknownTopicAtPlan(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	topic := env.TopicURN(t, "audit")
	cfg := env.Config(ctsHCL{Name: name, OperationType: "complete", TopicHCL: "terraform_data.topic.output",
		Extra: fmt.Sprintf("resource \"terraform_data\" \"topic\" {\n  input = %q\n}\n\n", topic)}.String())

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue(ctsAddr, tfjsonpath.New("topic_id")),
				plancheck.ExpectUnknownValue(ctsAddr, tfjsonpath.New("notification_type")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("topic_id"), knownvalue.StringExact(topic)),
				statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("notification_type"), knownvalue.StringExact("smn")),
			},
		}},
	})
}

// Every plan-time rule fails before any request reaches the API.
func TestAccCTSNotification_validation(t *testing.T) {
	env := acctest.New(t)
	topic := emulator.TopicURN(env.Region, env.ProjectID, "audit")
	group := func(i, users int) string {
		names := make([]string, users)
		for j := range names {
			names[j] = fmt.Sprintf("%q", fmt.Sprintf("user%d_%d", i, j))
		}
		return fmt.Sprintf(`{ user_group = "g%d", users = [%s] }`, i, strings.Join(names, ", "))
	}
	groups := func(n, usersEach int) string {
		out := make([]string, n)
		for i := range out {
			out[i] = group(i, usersEach)
		}
		return "[" + strings.Join(out, ", ") + "]"
	}
	rule := func(r string) func(*ctsHCL) {
		return func(c *ctsHCL) { c.FilterHCL = fmt.Sprintf(`{ rules = [%q] }`, r) }
	}
	cases := []struct {
		change func(*ctsHCL)
		want   string
	}{
		{func(c *ctsHCL) { c.OperationType = "customized" },
			`(?s)operations\s+required\s+with\s+operation_type\s+customized`},
		{func(c *ctsHCL) { c.OperationType = "partial" },
			`(?s)operation_type\s+value\s+must\s+be\s+one\s+of:.*got:\s+"partial"`},
		{func(c *ctsHCL) { c.TopicID = "" },
			`(?s)topic_id\s+required\s+when\s+enabled`},
		{func(c *ctsHCL) { c.TopicID = ""; c.Enabled = "true" },
			`(?s)topic_id\s+required\s+when\s+enabled`},
		{func(c *ctsHCL) { c.TopicID = "arn:aws:sns:us-east-1:123456789012:alerts" },
			`(?s)must\s+be\s+an\s+SMN\s+topic\s+URN.*FunctionGraph\s+function\s+URN.*got:\s+arn:aws:sns`},
		{func(c *ctsHCL) { c.Name = "bad-name" }, `(?s)must\s+be\s+1-64\s+characters,\s+each\s+an\s+English\s+letter.*got:\s+bad-name`},
		{func(c *ctsHCL) { c.Name = strings.Repeat("名", 65) }, `(?s)must\s+be\s+1-64\s+characters`},
		// Any Unicode letter used to pass; the service takes English letters and Chinese characters only.
		{func(c *ctsHCL) { c.Name = "café_audit" }, `(?s)must\s+be\s+1-64\s+characters,\s+each\s+an\s+English\s+letter.*Chinese\s+character.*got:\s+café_audit`},
		{func(c *ctsHCL) { c.Name = "журнал" }, `(?s)must\s+be\s+1-64\s+characters.*got:\s+журнал`},
		{func(c *ctsHCL) { c.AgencyName = "my_agency" },
			`(?s)agency_name\s+value\s+must\s+be\s+one\s+of:\s+\["cts_admin_trust"\]`},
		{func(c *ctsHCL) {
			c.OperationType = "customized"
			c.OperationsHCL = `[{ service_type = "", resource_type = "tracker", trace_names = ["createTracker"] }]`
		}, `(?s)service_type\s+string\s+length\s+must\s+be\s+at\s+least\s+1`},
		{func(c *ctsHCL) {
			c.OperationType = "customized"
			ops := make([]string, 101)
			for i := range ops {
				ops[i] = fmt.Sprintf(`{ service_type = "S%d", resource_type = "r", trace_names = ["t"] }`, i)
			}
			c.OperationsHCL = "[" + strings.Join(ops, ", ") + "]"
		}, `(?s)Too\s+many\s+services.*101\s+distinct\s+service\s+types.*at\s+most\s+100`},
		{func(c *ctsHCL) {
			c.UsersHCL = fmt.Sprintf(`[{ user_group = %q, users = ["u"] }]`, strings.Repeat("g", 129))
		},
			`(?s)user_group\s+UTF-8\s+character\s+count\s+must\s+be\s+between\s+1\s+and\s+128,\s+got:\s+129`},
		{func(c *ctsHCL) {
			c.OperationType = "customized"
			c.OperationsHCL = `[{ service_type = "CTS", resource_type = "tracker", trace_names = [] }]`
		}, `(?s)trace_names\s+set\s+must\s+contain\s+at\s+least\s+1\s+elements`},
		{func(c *ctsHCL) { c.UsersHCL = groups(11, 1) },
			`(?s)notify_users\s+list\s+must\s+contain\s+at\s+least\s+1\s+elements\s+and\s+at\s+most\s+10\s+elements,\s+got:\s+11`},
		{func(c *ctsHCL) { c.UsersHCL = "[" + group(0, 26) + ", " + group(1, 25) + "]" },
			`(?s)Too\s+many\s+users.*51\s+users.*at\s+most\s+50`},
		{func(c *ctsHCL) { c.UsersHCL = `[{ user_group = "admin", users = [] }]` },
			`(?s)users\s+set\s+must\s+contain\s+at\s+least\s+1\s+elements`},
		{func(c *ctsHCL) { c.FilterHCL = `{ rules = [] }` },
			`(?s)rules\s+set\s+must\s+contain\s+at\s+least\s+1\s+elements`},
		{func(c *ctsHCL) { c.FilterHCL = `{ condition = "XOR", rules = ["code = 1"] }` },
			`(?s)condition\s+value\s+must\s+be\s+one\s+of:.*got:\s+"XOR"`},
		{rule("status = ok"), `(?s)Invalid\s+CTS\s+filter\s+rule.*"status\s+=\s+ok".*unknown\s+field\s+"status"`},
		{rule("code == 200"), `(?s)Invalid\s+CTS\s+filter\s+rule.*"code\s+==\s+200".*operator\s+"=="\s+is\s+not`},
		{rule("code=200"), `(?s)Invalid\s+CTS\s+filter\s+rule.*"code=200".*field,\s+an\s+operator\s+and\s+a\s+value`},
		{rule("trace_rating = critical"), `(?s)Invalid\s+CTS\s+filter\s+rule.*trace_rating\s+must\s+be\s+one\s+of\s+normal,\s+warning,\s+incident`},
		{rule("trace_type = apicall"), `(?s)Invalid\s+CTS\s+filter\s+rule.*trace_type\s+must\s+be\s+one\s+of\s+ConsoleAction`},
		{rule("api_version = v1/2"), `(?s)Invalid\s+CTS\s+filter\s+rule.*api_version\s+must\s+be\s+1-64\s+letters`},
		{rule("code = " + strings.Repeat("x", 257)), `(?s)Invalid\s+CTS\s+filter\s+rule.*code\s+must\s+be\s+1-256\s+characters`},
		{rule("resource_id = " + strings.Repeat("x", 351)), `(?s)Invalid\s+CTS\s+filter\s+rule.*resource_id\s+must\s+be\s+1-350\s+characters`},
		{rule("resource_name = " + strings.Repeat("x", 257)), `(?s)Invalid\s+CTS\s+filter\s+rule.*resource_name\s+must\s+be\s+1-256\s+characters`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		cfg := ctsHCL{Name: acctest.RandomName("tf_acc_cts"), OperationType: "complete", TopicID: topic}
		tc.change(&cfg)
		steps = append(steps, acctest.FailsStep(env.Config(cfg.String()), tc.want))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    steps,
	})
	env.RequireNoAPICalls(t)
}

// The lenient readings, where a user meets them: a group name of 128
// characters (IAM's newer pages), operation entries that share a service
// (the limit counts services), long resource types and trace names (no
// source caps them). Shapes no source refuses but the service may not
// expect only warn, so they are planned, not applied: a lower-case service
// type, operations with complete, other whitespace in a filter rule.
func TestAccCTSNotification_lenientRules(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	group := strings.Repeat("g", 128)
	long := strings.Repeat("t", 300)
	cfg := ctsHCL{Name: name, OperationType: "customized", TopicID: env.TopicURN(t, "audit"),
		OperationsHCL: fmt.Sprintf(`[
    { service_type = "CTS", resource_type = "tracker", trace_names = ["createTracker"] },
    { service_type = "CTS", resource_type = %q, trace_names = [%q] },
  ]`, long, long),
		UsersHCL: fmt.Sprintf(`[{ user_group = %q, users = ["alice"] }]`, group)}
	warned := []func(*ctsHCL){
		func(c *ctsHCL) {
			c.OperationsHCL = `[{ service_type = "cts", resource_type = "tracker", trace_names = ["createTracker"] }]`
		},
		func(c *ctsHCL) { c.OperationType = "complete" },
		func(c *ctsHCL) { c.FilterHCL = `{ rules = ["code  =\t200 "] }` },
	}
	steps := []resource.TestStep{{
		Config: env.Config(cfg.String()),
		Check: ctsOnService(env, name, func(n *hwc.CTSNotification) error {
			if len(n.Operations) != 2 || len(n.NotifyUserList) != 1 || n.NotifyUserList[0].UserGroup != group {
				return fmt.Errorf("operations %+v, users %+v", n.Operations, n.NotifyUserList)
			}
			return nil
		}),
	}}
	for _, change := range warned {
		c := cfg
		change(&c)
		steps = append(steps, resource.TestStep{Config: env.Config(c.String()), PlanOnly: true, ExpectNonEmptyPlan: true})
	}
	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: steps,
	})
}

func TestAccCTSNotification_duplicateName(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_cts")
	topic := env.TopicURN(t, "audit")
	existing := ctsCreateOutOfBand(t, env, hwc.CreateCTSNotificationRequest{
		NotificationName: name, OperationType: "complete", TopicID: topic,
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: env.Config(ctsHCL{Name: name, OperationType: "complete", TopicID: topic, Enabled: "false"}.String()),
			ExpectError: regexp.MustCompile(fmt.Sprintf(
				`(?s)CTS\s+notification\s+"%[1]s"\s+already\s+exists.*CTS\.0400.*terraform\s+import\s+hwcloud_cts_notification\.<resource\s+name>\s+%[1]s`,
				name)),
		}},
	})
	// The existing notification is left exactly as it was.
	n, err := hwc.FindCTSNotificationByName(context.Background(), env.Client, name)
	if err != nil {
		t.Fatalf("reading the existing notification: %v", err)
	}
	if n.NotificationID != existing.NotificationID || n.Status != "enabled" {
		t.Errorf("existing notification changed: %+v", n)
	}
}

func TestAccCTSNotification_missingTopic(t *testing.T) {
	env := acctest.New(t)
	// A well-formed URN of a topic that does not exist.
	topic := emulator.TopicURN(env.Region, env.ProjectID, acctest.RandomName("tf_acc_missing"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: env.Config(ctsHCL{Name: acctest.RandomName("tf_acc_cts"), OperationType: "complete", TopicID: topic}.String()),
			ExpectError: regexp.MustCompile(`(?s)Cannot\s+create\s+CTS\s+notification.*CTS\.0402.*The\s+SMN\s+topic\s+` +
				regexp.QuoteMeta(topic) + `\s+does\s+not\s+exist.*Create\s+the\s+topic`),
		}},
	})
}

func TestAccCTSNotification_quotaExceeded(t *testing.T) {
	env := acctest.New(t, func(o *emulator.Options) { o.MaxNotifications = 1 })
	if env.Live {
		t.Skip("exhausting the notification quota of a real project is not safe")
	}
	topic := env.TopicURN(t, "audit")
	ctsCreateOutOfBand(t, env, hwc.CreateCTSNotificationRequest{
		NotificationName: acctest.RandomName("tf_acc_cts"), OperationType: "complete", TopicID: topic,
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      env.Config(ctsHCL{Name: acctest.RandomName("tf_acc_cts"), OperationType: "complete", TopicID: topic}.String()),
			ExpectError: regexp.MustCompile(`(?s)Cannot\s+create\s+CTS\s+notification.*CTS\.0407.*quota.*used\s+up.*Delete\s+notifications`),
		}},
	})
}

// The POST is applied but its answer is lost: the notification is found by
// name and adopted, neither orphaned nor created twice.
func TestAccCTSNotification_lostCreateResponse(t *testing.T) {
	env := acctest.New(t)
	env.LoseResponse(emulator.OpCreateNotification)
	name := acctest.RandomName("tf_acc_cts")
	cfg := env.Config(ctsHCL{Name: name, OperationType: "customized", OperationsHCL: ctsTwoOperations,
		TopicID: env.TopicURN(t, "audit"), FilterHCL: `{ rules = ["trace_type = ConsoleAction"] }`}.String())

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ctsAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(patterns.UUID)),
				},
				Check: resource.ComposeTestCheckFunc(
					env.CheckCalls(emulator.OpCreateNotification, 1),
					// The one that exists is the one in state (finding by name fails on two).
					func(s *terraform.State) error {
						n, err := hwc.FindCTSNotificationByName(context.Background(), env.Client, name)
						if err != nil {
							return err
						}
						if id := s.RootModule().Resources[ctsAddr].Primary.ID; id != n.NotificationID {
							return fmt.Errorf("state has id %s, the service %s", id, n.NotificationID)
						}
						return nil
					},
				),
			},
			acctest.NoChangeStep(cfg),
		},
	})
}

func TestAccCTSNotification_identity(t *testing.T) {
	env := acctest.New(t)
	cfg := ctsHCL{Name: acctest.RandomName("tf_acc_cts"), OperationType: "customized", OperationsHCL: ctsTwoOperations,
		TopicID: env.TopicURN(t, "audit")}
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_cts_notification", Key: "notification_id", StateAttr: "id",
		KeyValue: knownvalue.StringRegexp(patterns.UUID), HCL: cfg.String()}

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		TerraformVersionChecks: acctest.NeedsIdentity,
		Steps:                  c.Steps(),
	})
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
	target := ctsHCL{Label: "complete", Name: complete, OperationType: "complete", TopicID: topic}.String() + "\n" +
		ctsHCL{Label: "customized", Name: customized, OperationType: "customized", TopicID: topic, AgencyName: "cts_admin_trust",
			OperationsHCL: `[{ service_type = "ECS", resource_type = "ecs", trace_names = ["createServer", "deleteServer"] }]`,
			UsersHCL:      `[{ user_group = "admin", users = ["alice", "bob"] }]`,
			FilterHCL:     `{ condition = "OR", rules = ["code = 200", "trace_rating = warning"] }`}.String() +
		acctest.MovedBlock("huaweicloud_cts_notification.complete", "hwcloud_cts_notification.complete") +
		acctest.MovedBlock("huaweicloud_cts_notification.customized", "hwcloud_cts_notification.customized")
	const completeAddr, customizedAddr = "hwcloud_cts_notification.complete", "hwcloud_cts_notification.customized"

	acctest.RunMoveTest(t, env, acctest.MoveSpec{
		Official: official,
		Target:   target,
		Moves: acctest.ExpectOnlyMoves{
			completeAddr:   "huaweicloud_cts_notification.complete",
			customizedAddr: "huaweicloud_cts_notification.customized",
		},
		StateChecks: []statecheck.StateCheck{
			acctest.StateValue(completeAddr, "id", knownvalue.StringRegexp(patterns.UUID)),
			acctest.StateValue(completeAddr, "filter", knownvalue.Null()),
			acctest.StateValue(completeAddr, "operations", knownvalue.Null()),
			acctest.StateValue(customizedAddr, "filter", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"condition": knownvalue.StringExact("OR"),
				"rules": knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("code = 200"), knownvalue.StringExact("trace_rating = warning"),
				}),
			})),
			// Not in the official state: read by the refresh that follows the move.
			acctest.StateValue(customizedAddr, "notification_type", knownvalue.StringExact("smn")),
			acctest.StateValue(customizedAddr, "project_id", knownvalue.StringExact(env.ProjectID)),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpCreateNotification, 2), // the stand-in's, in step 1
			env.CheckCalls(emulator.OpUpdateNotification, 0),
			env.CheckCalls(emulator.OpDeleteNotification, 0),
		),
		CheckDestroy: ctsDestroyed(env),
	})
}

func TestAccCTSNotificationList_query(t *testing.T) {
	env := acctest.New(t)
	smnName, funName := acctest.RandomName("tf_acc_cts"), acctest.RandomName("tf_acc_cts")
	function := env.FunctionURN(t, "audit")
	ids := map[string]string{
		smnName: env.SeedCTSNotification(t, smnName, env.TopicURN(t, "audit")),
		funName: env.SeedCTSNotification(t, funName, function),
	}
	managed := ctsHCL{Name: acctest.RandomName("tf_acc_cts"), OperationType: "customized",
		OperationsHCL: ctsTwoOperations, TopicID: env.TopicURN(t, "audit")}

	checks := []querycheck.QueryResultCheck{querycheck.ExpectLengthAtLeast("hwcloud_cts_notification.all", 3)}
	for name, id := range ids {
		identity := map[string]knownvalue.Check{
			"project_id": knownvalue.StringExact(env.ProjectID), "notification_id": knownvalue.StringExact(id),
		}
		checks = append(checks,
			querycheck.ExpectIdentity("hwcloud_cts_notification.all", identity),
			querycheck.ExpectResourceDisplayName("hwcloud_cts_notification.all",
				queryfilter.ByResourceIdentity(identity), knownvalue.StringExact(name)))
	}
	checks = append(checks,
		querycheck.ExpectResourceKnownValues("hwcloud_cts_notification.all",
			queryfilter.ByDisplayName(knownvalue.StringExact(funName)), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("topic_id"), KnownValue: knownvalue.StringExact(function)},
				{Path: tfjsonpath.New("notification_type"), KnownValue: knownvalue.StringExact("fun")},
				{Path: tfjsonpath.New("operation_type"), KnownValue: knownvalue.StringExact("complete")},
			}),
		querycheck.ExpectResourceKnownValues("hwcloud_cts_notification.all",
			queryfilter.ByDisplayName(knownvalue.StringExact(managed.Name)), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("operations"), KnownValue: knownvalue.ListSizeExact(2)},
			}))

	acctest.ParallelTest(t, ctsDestroyed(env), resource.TestCase{
		TerraformVersionChecks: acctest.NeedsQuery,
		Steps: []resource.TestStep{
			{Config: env.Config(managed.String())},
			{
				// The query runs next to the first step's configuration, whose provider block it uses.
				Query: true,
				Config: `
list "hwcloud_cts_notification" "all" {
  provider         = hwcloud
  include_resource = true
}
`,
				QueryResultChecks: checks,
			},
		},
	})
}
