package csms_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// recordsOnService counts, through the client, the records of a secret of one type.
func recordsOnService(env *acctest.Env, secret, eventType string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		n := 0
		for r, err := range env.Client.AllNotificationRecords(context.Background(), 0) {
			if err != nil {
				return err
			}
			if r.SecretName == secret && r.TriggerEventType == eventType {
				n++
			}
		}
		if n != want {
			return fmt.Errorf("%d %s records of %q on the service, want %d", n, eventType, secret, want)
		}
		return nil
	}
}

// A secret subscribed to an enabled event, given a new version by a
// secret_wo_version bump, yields exactly one SECRET_VERSION_CREATED record,
// which the data source shows.
func TestAccCSMSNotificationRecords_versionCreated(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	event := acctest.RandomName("tf_acc_rec")
	name := acctest.RandomName("tf_acc_recs")
	topic := env.TopicURN(t, "alerts")
	eventHCL := csmsEventHCL{Name: event, Types: []string{"SECRET_VERSION_CREATED"}, TargetID: topic}.String()
	secret := func(subscribed bool, version int) string {
		subs := "[]"
		if subscribed {
			subs = "[hwcloud_csms_event.test.name]"
		}
		return fmt.Sprintf(`
resource "hwcloud_csms_secret" "test" {
  name                = %q
  secret_string_wo    = "value-%d"
  secret_wo_version   = %d
  event_subscriptions = %s
}
`, name, version, version, subs)
	}
	records := `
data "hwcloud_csms_notification_records" "test" {
  secret_name = hwcloud_csms_secret.test.name
  event_type  = "SECRET_VERSION_CREATED"
}
`
	const dsAddr = "data.hwcloud_csms_notification_records.test"
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			// Created before it subscribes: its first version notifies nothing.
			{Config: env.Config(eventHCL + secret(false, 1))},
			{Config: env.Config(eventHCL + secret(true, 1)), Check: recordsOnService(env, name, "SECRET_VERSION_CREATED", 0)},
			{Config: env.Config(eventHCL + secret(true, 2)), Check: recordsOnService(env, name, "SECRET_VERSION_CREATED", 1)},
			{
				Config: env.Config(eventHCL + secret(true, 2) + records),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New("records"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"event_name":  knownvalue.StringExact(event),
							"event_type":  knownvalue.StringExact("SECRET_VERSION_CREATED"),
							"secret_name": knownvalue.StringExact(name),
							"secret_type": knownvalue.StringExact("COMMON"),
							"target_id":   knownvalue.StringExact(topic),
							"status":      knownvalue.NotNull(),
							"created_at":  knownvalue.StringRegexp(patterns.RFC3339UTC),
						}),
					})),
				},
				Check: recordsOnService(env, name, "SECRET_VERSION_CREATED", 1),
			},
		},
	})
}

// Filters: a filter that matches nothing gives an empty list; bad values are plan-time errors.
func TestAccCSMSNotificationRecords_filters(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	acctest.Test(t,
		resource.TestStep{
			Config:      env.Config(`data "hwcloud_csms_notification_records" "bad" { since = "yesterday" }`),
			ExpectError: regexp.MustCompile(`must be an RFC 3339 time`),
		},
		resource.TestStep{
			Config:      env.Config(`data "hwcloud_csms_notification_records" "bad" { event_type = "SECRET_READ" }`),
			ExpectError: regexp.MustCompile(`(?s)event_type.*value must be one of`),
		},
		resource.TestStep{
			Config: env.Config(`
data "hwcloud_csms_notification_records" "all" {}
data "hwcloud_csms_notification_records" "none" {
  event_name = "no_such_event"
  since      = "2020-01-01T08:00:00+08:00"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.hwcloud_csms_notification_records.none", tfjsonpath.New("records"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.hwcloud_csms_notification_records.all", tfjsonpath.New("records"), knownvalue.NotNull()),
			},
		},
	)
}
