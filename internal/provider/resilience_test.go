package provider_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/provider"
)

// Resilience tests: the provider under injected faults, lost
// responses, eventual consistency and throttling storms. They shape the
// emulator's failures, so they run against the emulator only.

func resilienceOnly(t *testing.T) {
	t.Helper()
	if acctest.Live() {
		t.Skip("injects faults into the emulator; a live account cannot be made to fail on demand")
	}
}

// resilFleet is a configuration of Events CSMS events and Notifications CTS
// notifications (the first Disabled of them disabled), all named after Prefix.
type resilFleet struct {
	Prefix                          string
	Events, Notifications, Disabled int
	Topic                           string
}

var resilEventTypes = []string{"SECRET_DELETED", "SECRET_ROTATED"}

func (f resilFleet) eventName(i int) string        { return fmt.Sprintf("%s_ev_%d", f.Prefix, i) }
func (f resilFleet) notificationName(i int) string { return fmt.Sprintf("%s_nt_%d", f.Prefix, i) }

func (f resilFleet) HCL() string {
	return fmt.Sprintf(`
resource "hwcloud_csms_event" "resil" {
  count       = %[2]d
  name        = "%[1]s_ev_${count.index}"
  event_types = ["SECRET_ROTATED", "SECRET_DELETED"]
  notification = {
    target_id = %[4]q
  }
}

resource "hwcloud_cts_notification" "resil" {
  count          = %[3]d
  name           = "%[1]s_nt_${count.index}"
  operation_type = "complete"
  topic_id       = %[4]q
  enabled        = count.index >= %[5]d
}
`, f.Prefix, f.Events, f.Notifications, f.Topic, f.Disabled)
}

// resilEvents lists every CSMS event whose name starts with prefix.
func resilEvents(env *acctest.Env, prefix string) ([]hwc.SecretEvent, error) {
	var out []hwc.SecretEvent
	for ev, err := range env.Client.AllSecretEvents(context.Background(), 50) {
		if err != nil {
			return nil, fmt.Errorf("listing CSMS events: %w", err)
		}
		if strings.HasPrefix(ev.Name, prefix) {
			out = append(out, ev)
		}
	}
	return out, nil
}

// resilNotifications lists every CTS notification, of either type, whose
// name starts with prefix.
func resilNotifications(env *acctest.Env, prefix string) ([]hwc.CTSNotification, error) {
	all, err := hwc.ListAllCTSNotifications(context.Background(), env.Client)
	if err != nil {
		return nil, err
	}
	var out []hwc.CTSNotification
	for _, n := range all {
		if strings.HasPrefix(n.NotificationName, prefix) {
			out = append(out, n)
		}
	}
	return out, nil
}

// onService checks that the service holds exactly the configured objects:
// each one once, with the configured settings, and nothing else.
func (f resilFleet) onService(env *acctest.Env) error {
	events, err := resilEvents(env, f.Prefix)
	if err != nil {
		return err
	}
	var problems []string
	if len(events) != f.Events {
		problems = append(problems, fmt.Sprintf("%d events on the service, want %d", len(events), f.Events))
	}
	byName := map[string]hwc.SecretEvent{}
	for _, ev := range events {
		byName[ev.Name] = ev
	}
	topicName := f.Topic[strings.LastIndex(f.Topic, ":")+1:]
	for i := range f.Events {
		ev, ok := byName[f.eventName(i)]
		types := slices.Sorted(slices.Values(ev.EventTypes))
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("event %s is missing", f.eventName(i)))
		case ev.State != "ENABLED" || !slices.Equal(types, resilEventTypes) ||
			ev.Notification != (hwc.EventNotification{TargetType: "SMN", TargetID: f.Topic, TargetName: topicName}):
			problems = append(problems, fmt.Sprintf("event %s differs from the configuration: %+v", ev.Name, ev))
		}
	}

	notifications, err := resilNotifications(env, f.Prefix)
	if err != nil {
		return err
	}
	if len(notifications) != f.Notifications {
		problems = append(problems, fmt.Sprintf("%d notifications on the service, want %d", len(notifications), f.Notifications))
	}
	seen := map[string]int{}
	for _, n := range notifications {
		seen[n.NotificationName]++
	}
	for i := range f.Notifications {
		name := f.notificationName(i)
		if seen[name] != 1 {
			problems = append(problems, fmt.Sprintf("notification %s exists %d times, want once", name, seen[name]))
			continue
		}
		n := notifications[slices.IndexFunc(notifications, func(n hwc.CTSNotification) bool { return n.NotificationName == name })]
		wantStatus := "enabled"
		if i < f.Disabled {
			wantStatus = "disabled"
		}
		if n.Status != wantStatus || n.OperationType != "complete" || n.TopicID != f.Topic {
			problems = append(problems, fmt.Sprintf("notification %s differs from the configuration: status %s, "+
				"operation_type %s, topic %s", name, n.Status, n.OperationType, n.TopicID))
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// gone checks that nothing of the fleet is left on the service.
func (f resilFleet) gone(env *acctest.Env) error {
	events, err := resilEvents(env, f.Prefix)
	if err != nil {
		return err
	}
	notifications, err := resilNotifications(env, f.Prefix)
	if err != nil {
		return err
	}
	if len(events)+len(notifications) > 0 {
		return fmt.Errorf("after destroy the service still has %d events and %d notifications named %s*",
			len(events), len(notifications), f.Prefix)
	}
	return nil
}

// resilWatch calls act once, from a goroutine, as soon as cond holds; it
// reports whether that happened. It stops with the test.
func resilWatch(t *testing.T, cond func() bool, act func()) *atomic.Bool {
	t.Helper()
	var fired atomic.Bool
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if cond() {
				act()
				fired.Store(true)
				return
			}
		}
	}()
	return &fired
}

func resilInjected5xx(s emulator.FaultStats) int {
	return s.Injected[emulator.Fault500] + s.Injected[emulator.Fault502] + s.Injected[emulator.Fault503] + s.Injected[emulator.Fault504]
}

// resilFaults makes rate of env's calls fail with a throttle (Retry-After
// retryAfter) or a server error. A fixed seed fixes the sequence of fault
// decisions (which request, in arrival order, fails and how); which resource
// a fault hits still varies with Terraform's concurrency. The checks read the
// service through withoutFaults, which turns the faults off for the check and
// puts them back for the rest.
func resilFaults(env *acctest.Env, seed int64, rate float64, retryAfter time.Duration) (withoutFaults func(check func() error) error) {
	faults := emulator.FaultConfig{
		Seed: seed, Rate: rate, RetryAfter: retryAfter,
		Kinds: []string{emulator.FaultThrottle, emulator.Fault500, emulator.Fault502, emulator.Fault503, emulator.Fault504},
	}
	env.Emulator.SetFaults(faults)
	return func(check func() error) error {
		env.Emulator.SetFaults(emulator.FaultConfig{})
		defer env.Emulator.SetFaults(faults)
		return check()
	}
}

// Fifty resources applied and destroyed while 15% of all calls fail with a
// throttle (Retry-After) or a server error: no error, and the service ends up
// holding exactly the configuration, then nothing.
func TestAccResilience_faultsOnFifteenPercentOfCalls(t *testing.T) {
	resilienceOnly(t)
	env := acctest.New(t)
	withoutFaults := resilFaults(env, 8, 0.15, time.Second)
	fleet := resilFleet{Prefix: acctest.RandomName("tf_acc_faults"), Events: 25, Notifications: 25, Disabled: 5,
		Topic: env.TopicURN(t, "resilience")}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			env.Emulator.SetFaults(emulator.FaultConfig{})
			return fleet.gone(env)
		},
		Steps: []resource.TestStep{{
			Config: env.Config(fleet.HCL()),
			Check: func(*terraform.State) error {
				return withoutFaults(func() error { return fleet.onService(env) })
			},
		}},
	})
	// Over apply, plan and destroy (~250 calls) the seeded faults include both sorts.
	stats := env.Emulator.FaultStats()
	if stats.Injected[emulator.FaultThrottle] == 0 || resilInjected5xx(stats) == 0 {
		t.Errorf("want both throttles and server errors injected, got %v", stats.Injected)
	}
}

// A create whose write is applied but whose answer is lost is adopted (the
// object found by name matches what was sent): no orphan, no duplicate. The
// disabled notification then gets its one PUT.
func TestAccResilience_lostCreateResponseIsAdopted(t *testing.T) {
	resilienceOnly(t)
	env := acctest.New(t)
	env.Emulator.SetFaults(emulator.FaultConfig{LoseResponse: map[string]int{
		emulator.OpCreateSecretEvent: 1, emulator.OpCreateNotification: 1,
	}})
	fleet := resilFleet{Prefix: acctest.RandomName("tf_acc_lost"), Events: 1, Notifications: 1, Disabled: 1,
		Topic: env.TopicURN(t, "resilience")}

	resilAdoptsLostCreates(t, env, fleet,
		env.CheckCalls(emulator.OpCreateSecretEvent, 1),
		env.CheckCalls(emulator.OpCreateNotification, 1),
		env.CheckCalls(emulator.OpUpdateNotification, 1),
	)
}

// The same, while reads lag behind writes: the lookup after the lost answer
// misses the object, the next create is refused as a duplicate, and the
// provider waits for the object to show before adopting it (no orphan).
func TestAccResilience_lostCreateResponseWhileReadsLag(t *testing.T) {
	resilienceOnly(t)
	env := acctest.New(t)
	env.Emulator.SetFaults(emulator.FaultConfig{
		LoseResponse:    map[string]int{emulator.OpCreateSecretEvent: 1, emulator.OpCreateNotification: 1},
		VisibilityDelay: 2 * time.Second,
	})
	fleet := resilFleet{Prefix: acctest.RandomName("tf_acc_lag"), Events: 1, Notifications: 1,
		Topic: env.TopicURN(t, "resilience")}

	resilAdoptsLostCreates(t, env, fleet,
		// The lost create, then the one refused because the first was applied.
		env.CheckCalls(emulator.OpCreateSecretEvent, 2),
		env.CheckCalls(emulator.OpCreateNotification, 2),
	)
}

// resilAdoptsLostCreates applies fleet, whose two creates (one event, one
// notification) lose their answers, and checks that both answers were lost,
// then calls, then that the service holds the configuration and state tracks
// those very objects.
func resilAdoptsLostCreates(t *testing.T, env *acctest.Env, fleet resilFleet, calls ...resource.TestCheckFunc) {
	t.Helper()
	checks := []resource.TestCheckFunc{func(*terraform.State) error {
		if lost := env.Emulator.FaultStats().ResponsesLost; lost != 2 {
			return fmt.Errorf("%d responses were lost, want 2 (the test did not exercise the fault)", lost)
		}
		return nil
	}}
	checks = append(checks, calls...)
	checks = append(checks, func(*terraform.State) error { return fleet.onService(env) }, resilStateMatchesService(env, fleet))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             func(*terraform.State) error { return fleet.gone(env) },
		Steps: []resource.TestStep{{
			Config: env.Config(fleet.HCL()),
			Check:  resource.ComposeTestCheckFunc(checks...),
		}},
	})
}

// resilStateMatchesService checks that state tracks the very objects the
// service holds (the adopted ones, not some other copy).
func resilStateMatchesService(env *acctest.Env, f resilFleet) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for i := range f.Events {
			ev, err := env.Client.ShowSecretEvent(context.Background(), f.eventName(i))
			if err != nil {
				return err
			}
			rs := s.RootModule().Resources[fmt.Sprintf("hwcloud_csms_event.resil.%d", i)]
			if rs == nil || rs.Primary.Attributes["event_id"] != ev.EventID {
				return fmt.Errorf("state does not track event %s (event_id %s)", ev.Name, ev.EventID)
			}
		}
		notifications, err := resilNotifications(env, f.Prefix)
		if err != nil {
			return err
		}
		for i := range f.Notifications {
			rs := s.RootModule().Resources[fmt.Sprintf("hwcloud_cts_notification.resil.%d", i)]
			if rs == nil || !slices.ContainsFunc(notifications, func(n hwc.CTSNotification) bool {
				return n.NotificationID == rs.Primary.ID && n.NotificationName == f.notificationName(i)
			}) {
				return fmt.Errorf("state does not track notification %s", f.notificationName(i))
			}
		}
		return nil
	}
}

// A create whose answer is lost while an object of that name but different
// settings exists (created outside Terraform) must not adopt it: the error
// names the object and the import command, and the object is left alone.
func TestAccResilience_lostCreateResponseWithDifferentObjectFails(t *testing.T) {
	resilienceOnly(t)
	t.Run("csms_event", func(t *testing.T) {
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_differs")
		topic := env.TopicURN(t, "resilience")
		existing, err := env.Client.CreateSecretEvent(context.Background(), hwc.CreateSecretEventRequest{
			Name: name, EventTypes: []string{"SECRET_DELETED"}, State: "ENABLED",
			Notification: hwc.EventNotification{TargetType: "SMN", TargetID: topic, TargetName: "resilience"},
		})
		if err != nil {
			t.Fatal(err)
		}

		resilLostCreateFails(t, env, emulator.OpCreateSecretEvent, fmt.Sprintf(`
resource "hwcloud_csms_event" "test" {
  name        = %q
  event_types = ["SECRET_ROTATED"]
  notification = { target_id = %q }
}
`, name, topic),
			regexp.MustCompile(`(?s)CSMS\s+event\s+"`+name+`".*differ.*terraform\s+import\s+hwcloud_csms_event\.\S+\s+`+name))
		events, err := resilEvents(env, name)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 1 || events[0].EventID != existing.EventID || !slices.Equal(events[0].EventTypes, []string{"SECRET_DELETED"}) {
			t.Errorf("the existing event was changed or duplicated: %+v", events)
		}
	})
	t.Run("cts_notification", func(t *testing.T) {
		env := acctest.New(t)
		name := acctest.RandomName("tf_acc_differs")
		existing, err := env.Client.CreateCTSNotification(context.Background(), hwc.CreateCTSNotificationRequest{
			NotificationName: name, OperationType: "complete", TopicID: env.TopicURN(t, "other"),
		})
		if err != nil {
			t.Fatal(err)
		}

		resilLostCreateFails(t, env, emulator.OpCreateNotification, fmt.Sprintf(`
resource "hwcloud_cts_notification" "test" {
  name           = %q
  operation_type = "complete"
  topic_id       = %q
}
`, name, env.TopicURN(t, "resilience")),
			regexp.MustCompile(`(?s)CTS\s+notification\s+"`+name+`".*differ.*terraform\s+import\s+hwcloud_cts_notification\..*\s+`+name))
		notifications, err := resilNotifications(env, name)
		if err != nil {
			t.Fatal(err)
		}
		if len(notifications) != 1 || notifications[0].NotificationID != existing.NotificationID ||
			notifications[0].TopicID != existing.TopicID {
			t.Errorf("the existing notification was changed or duplicated: %+v", notifications)
		}
	})
}

// resilLostCreateFails applies hcl, whose one create (op) loses its answer,
// and expects the error want; the lost answer is checked, the rest is the
// caller's.
func resilLostCreateFails(t *testing.T, env *acctest.Env, op, hcl string, want *regexp.Regexp) {
	t.Helper()
	env.Emulator.SetFaults(emulator.FaultConfig{LoseResponse: map[string]int{op: 1}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    []resource.TestStep{{Config: env.Config(hcl), ExpectError: want}},
	})
	if lost := env.Emulator.FaultStats().ResponsesLost; lost != 1 {
		t.Errorf("%d responses were lost, want 1", lost)
	}
}

// resilClock is the emulator's clock, moved forward by the test.
type resilClock struct{ offset atomic.Int64 }

func (c *resilClock) Now() time.Time          { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *resilClock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

// A read right after create that answers not-found (the service's index has
// not caught up) is retried instead of dropping the new resource. The new
// objects stay invisible until the emulator has seen each resource's read
// retried after a not-found; only then does its clock move past the delay,
// so the test does not depend on how fast anything runs.
func TestAccResilience_notFoundRightAfterCreateIsRetried(t *testing.T) {
	resilienceOnly(t)
	const delay = 5 * time.Minute // far longer than the test; the clock jump ends it
	clock := &resilClock{}
	env := acctest.New(t, func(o *emulator.Options) {
		o.Now = clock.Now
		o.Faults = emulator.FaultConfig{VisibilityDelay: delay}
	})
	fleet := resilFleet{Prefix: acctest.RandomName("tf_acc_visible"), Events: 1, Notifications: 1,
		Topic: env.TopicURN(t, "resilience")}

	// The event's read is one Show; the notification's read lists both types.
	// Create costs no reads, so these counts mean "a read after not-found".
	released := resilWatch(t, func() bool {
		return env.Emulator.Count(emulator.OpShowSecretEvent) >= 2 && env.Emulator.Count(emulator.OpListNotifications) >= 3
	}, func() {
		clock.Advance(delay + time.Minute) // still within the 15-minute signature skew
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             func(*terraform.State) error { return fleet.gone(env) },
		Steps: []resource.TestStep{{
			// After apply, the harness plans: the refresh meets not-found and
			// must wait; had it dropped the resources, that plan would not be empty.
			Config: env.Config(fleet.HCL()),
		}, {
			Config: env.Config(fleet.HCL()),
			Check: func(*terraform.State) error {
				if !released.Load() {
					return errors.New("the reads after create never retried a not-found answer")
				}
				return fleet.onService(env)
			},
		}},
	})
}

// A throttling storm: apply waits through it (Retry-After honoured, the
// retries bounded by max_retries) and creates each object once.
func TestAccResilience_throttlingStormIsWaitedOut(t *testing.T) {
	resilienceOnly(t)
	env := acctest.New(t)
	env.Emulator.SetFaults(emulator.FaultConfig{ThrottleUntil: time.Now().Add(time.Hour), RetryAfter: time.Second})
	fleet := resilFleet{Prefix: acctest.RandomName("tf_acc_storm"), Events: 1, Notifications: 1,
		Topic: env.TopicURN(t, "resilience")}
	// The storm ends once each create has been throttled three times.
	lifted := resilWatch(t, func() bool {
		return env.Emulator.Count(emulator.OpCreateSecretEvent) >= 3 && env.Emulator.Count(emulator.OpCreateNotification) >= 3
	}, func() { env.Emulator.SetFaults(emulator.FaultConfig{}) })

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             func(*terraform.State) error { return fleet.gone(env) },
		Steps: []resource.TestStep{{
			// The storm would throttle the configure-time credential check as well (tested on its
			// own); skipping it keeps this test about the creates.
			Config: env.ConfigWith([]string{"max_retries = 20", "skip_credentials_validation = true"}, fleet.HCL()),
			Check: func(*terraform.State) error {
				if !lifted.Load() {
					return errors.New("apply finished before the storm was lifted")
				}
				if n := env.Emulator.FaultStats().Injected[emulator.FaultThrottle]; n < 6 {
					return fmt.Errorf("%d calls were throttled, want at least 6", n)
				}
				return fleet.onService(env)
			},
		}},
	})
}

// A storm that outlasts max_retries: apply gives up after exactly
// max_retries+1 attempts per create, saying it was throttled and how often
// it tried, and nothing is created.
func TestAccResilience_throttlingStormGivesUpClearly(t *testing.T) {
	resilienceOnly(t)
	env := acctest.New(t)
	env.Emulator.SetFaults(emulator.FaultConfig{ThrottleUntil: time.Now().Add(time.Hour)})
	fleet := resilFleet{Prefix: acctest.RandomName("tf_acc_giveup"), Events: 1, Notifications: 1,
		Topic: env.TopicURN(t, "resilience")}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			// As above: the storm is for the creates, not for the credential check.
			Config:      env.ConfigWith([]string{"max_retries = 2", "skip_credentials_validation = true"}, fleet.HCL()),
			ExpectError: regexp.MustCompile(`(?s)HTTP\s+429\s+APIG\.0308.*\(after\s+3\s+attempts\)`),
		}},
	})
	for _, op := range []string{emulator.OpCreateSecretEvent, emulator.OpCreateNotification} {
		if n := env.Emulator.Count(op); n != 3 {
			t.Errorf("%s was attempted %d times, want 3 (1 + max_retries)", op, n)
		}
	}
	env.Emulator.SetFaults(emulator.FaultConfig{})
	if err := fleet.gone(env); err != nil {
		t.Error(err)
	}
}

// resilStorm makes every call fail with 429 and a Retry-After of an hour.
var resilStorm = emulator.FaultConfig{ThrottleUntil: time.Now().Add(24 * time.Hour), RetryAfter: time.Hour}

// resilWaitFor polls cond until it holds, failing the test after a generous
// bound (a guard against hanging, not a timing assertion).
func resilWaitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// Ctrl-C at the client level: cancelling the context ends a Retry-After wait
// of an hour at once, after exactly one attempt.
func TestResilience_cancelStopsClientRetryWait(t *testing.T) {
	resilienceOnly(t)
	t.Parallel()
	srv, err := emulator.Start(emulator.Options{Faults: resilStorm})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	client, err := hwc.New(hwc.Config{
		Region: emulator.DefaultRegion, ProjectID: emulator.DefaultProjectID,
		AccessKey: emulator.DefaultAccessKey, SecretKey: emulator.DefaultSecretKey,
		Endpoints:  hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL},
		MaxRetries: 10, RetryBaseDelay: time.Millisecond, RetryMaxDelay: 2 * time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := client.ShowSecretEvent(ctx, "any")
		done <- err
	}()
	resilWaitFor(t, "the first attempt", func() bool { return srv.Emulator.Count(emulator.OpShowSecretEvent) >= 1 })
	cancel()

	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the call kept waiting for Retry-After after its context was cancelled")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
	if err != nil && !strings.Contains(err.Error(), "429") {
		t.Errorf("error %q does not say the last attempt was throttled", err)
	}
	if n := srv.Emulator.Count(emulator.OpShowSecretEvent); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
}

// Ctrl-C at the provider level: Terraform answers Ctrl-C with StopProvider,
// which must end a create that is waiting out an hour-long Retry-After, at
// once and after exactly one attempt. The provider is driven through its
// plugin protocol server, as Terraform drives it.
func TestResilience_stopProviderStopsApplyWaitingOnThrottle(t *testing.T) {
	resilienceOnly(t)
	t.Parallel()
	env := acctest.New(t)
	ctx := context.Background()

	// The provider's own retry settings, except a cap that lets Retry-After be an hour.
	server, err := providerserver.NewProtocol6WithError(provider.New("test", provider.WithRetryDelays(time.Millisecond, 2*time.Hour))())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	resilNoErrors(t, "GetProviderSchema", schemas.Diagnostics)

	eff := env.Emulator.Options()
	provType := schemas.Provider.ValueType().(tftypes.Object)
	provConfig := provider.ObjectWith(provType, map[string]tftypes.Value{
		"region":      resilString(eff.Region),
		"project_id":  resilString(eff.ProjectID),
		"access_key":  resilString(eff.AccessKey),
		"secret_key":  resilString(eff.SecretKey),
		"max_retries": tftypes.NewValue(tftypes.Number, 10),
		"endpoints": provider.ObjectWith(provType.AttributeTypes["endpoints"].(tftypes.Object), map[string]tftypes.Value{
			"csms": resilString(env.URL), "cts": resilString(env.URL), "iam": resilString(env.URL),
		}),
	})
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.0", Config: resilDynamic(t, provType, provConfig),
	})
	if err != nil {
		t.Fatal(err)
	}
	resilNoErrors(t, "ConfigureProvider", configured.Diagnostics)
	// The storm starts after the configuration's credential check: it is the create that must wait.
	env.Emulator.SetFaults(resilStorm)

	const typeName = "hwcloud_csms_event"
	evType := schemas.ResourceSchemas[typeName].ValueType().(tftypes.Object)
	config := provider.ObjectWith(evType, map[string]tftypes.Value{
		"name": resilString(acctest.RandomName("tf_stop")),
		"event_types": tftypes.NewValue(evType.AttributeTypes["event_types"],
			[]tftypes.Value{resilString("SECRET_ROTATED")}),
		"notification": provider.ObjectWith(evType.AttributeTypes["notification"].(tftypes.Object), map[string]tftypes.Value{
			"target_id": resilString(env.TopicURN(t, "resilience")),
		}),
	})
	null := resilDynamic(t, evType, tftypes.NewValue(evType, nil))
	planned, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: null, ProposedNewState: resilDynamic(t, evType, config),
		Config: resilDynamic(t, evType, config),
	})
	if err != nil {
		t.Fatal(err)
	}
	resilNoErrors(t, "PlanResourceChange", planned.Diagnostics)

	type result struct {
		resp *tfprotov6.ApplyResourceChangeResponse
		err  error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
			TypeName: typeName, PriorState: null, PlannedState: planned.PlannedState,
			Config: resilDynamic(t, evType, config), PlannedPrivate: planned.PlannedPrivate,
		})
		done <- result{resp, err}
	}()
	resilWaitFor(t, "the first create attempt", func() bool { return env.Emulator.Count(emulator.OpCreateSecretEvent) >= 1 })
	if _, err := server.StopProvider(ctx, &tfprotov6.StopProviderRequest{}); err != nil {
		t.Fatal(err)
	}

	var r result
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("apply kept waiting for Retry-After after StopProvider")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	var text []string
	for _, d := range r.resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			text = append(text, d.Summary+": "+d.Detail)
		}
	}
	if joined := strings.Join(text, "\n"); !strings.Contains(joined, "context canceled") {
		t.Errorf("want an error saying the create was cancelled, got %q", joined)
	}
	if n := env.Emulator.Count(emulator.OpCreateSecretEvent); n != 1 {
		t.Errorf("%d create attempts, want 1", n)
	}
}

func resilString(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func resilDynamic(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func resilNoErrors(t *testing.T, call string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: %s: %s", call, d.Summary, d.Detail)
		}
	}
}
