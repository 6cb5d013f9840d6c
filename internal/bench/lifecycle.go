package bench

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

// LifecycleSpec sizes benchmark 2.
type LifecycleSpec struct {
	Events        int           // hwcloud_csms_event resources
	Notifications int           // hwcloud_cts_notification resources
	Disabled      int           // how many of the notifications are disabled (create = POST + PUT)
	Latency       time.Duration // added by the emulator to every call
}

// PhaseResult is one Terraform command of the life cycle.
type PhaseResult struct {
	Phase   string
	Command string
	Wall    time.Duration
	Calls   map[string]int
	Total   int
	Want    map[string]int // the minimum: exactly these calls
	Peak    PeakRSS
}

// Minimal reports whether the phase made exactly the minimum calls.
func (p PhaseResult) Minimal() bool {
	return maps.Equal(p.Calls, p.Want) && p.Total == sum(p.Want)
}

// BenchmarkLifecycle applies, re-plans (refresh, expecting no changes) and
// destroys spec's resources against an emulator that adds spec.Latency to
// every call.
func BenchmarkLifecycle(ctx context.Context, bins Binaries, workDir string, spec LifecycleSpec) ([]PhaseResult, error) {
	cloud, err := StartCloud(emulator.Options{
		MaxEvents:        max(spec.Events, 1),
		MaxNotifications: max(spec.Notifications, 1),
		Faults:           emulator.FaultConfig{Latency: spec.Latency},
	})
	if err != nil {
		return nil, err
	}
	defer cloud.Close()
	ws, err := NewWorkspace(filepath.Join(workDir, "lifecycle"), bins, cloud.ProviderConfig()+lifecycleConfig(spec, cloud.TopicURN()))
	if err != nil {
		return nil, err
	}

	e, m, d := spec.Events, spec.Notifications, spec.Disabled
	phases := []struct {
		phase string
		args  []string
		want  map[string]int
	}{
		{"apply (create)", []string{"apply", "-auto-approve", "-no-color", "-lock=false"},
			map[string]int{emulator.OpCreateSecretEvent: e, emulator.OpCreateNotification: m, emulator.OpUpdateNotification: d}},
		{"no-change plan (refresh)", []string{"plan", "-detailed-exitcode", "-no-color", "-lock=false"},
			refreshWant(e, m)},
		{"destroy (refresh + delete)", []string{"destroy", "-auto-approve", "-no-color", "-lock=false"},
			with(refreshWant(e, m), map[string]int{emulator.OpDeleteSecretEvent: e, emulator.OpDeleteNotification: m})},
	}
	var out []PhaseResult
	for _, ph := range phases {
		for op, n := range ph.want {
			if n == 0 {
				delete(ph.want, op)
			}
		}
		cloud.Emulator().ResetCounts()
		if err := ws.ResetPeakRSS(); err != nil {
			return out, err
		}
		// plan -detailed-exitcode exits 2 when there are changes: an error here.
		r, err := ws.Run(ctx, ph.args...)
		if err != nil {
			return out, fmt.Errorf("%s: %w", ph.phase, err)
		}
		peak, err := ws.PeakRSS()
		if err != nil {
			return out, err
		}
		out = append(out, PhaseResult{
			Phase: ph.phase, Command: "terraform " + strings.Join(ph.args, " "), Wall: r.Wall,
			Calls: cloud.Emulator().Counts(), Total: cloud.Emulator().TotalCount(), Want: ph.want, Peak: peak,
		})
	}
	return out, nil
}

// refreshWant is what refreshing e events and m notifications (all of one
// type) costs with batch_reads on: the first two of each type are read
// singly, then one list answers the rest (events in pages of 50: the
// emulator, like the service, sends no next_marker after the last page).
func refreshWant(e, m int) map[string]int {
	want := map[string]int{emulator.OpShowSecretEvent: min(e, 2), emulator.OpListNotifications: min(m, 2)}
	if e > 2 {
		want[emulator.OpListSecretEvents] = (e + 49) / 50
	}
	if m > 2 {
		want[emulator.OpListNotifications]++
	}
	return want
}

func with(a, b map[string]int) map[string]int {
	maps.Copy(a, b)
	return a
}

func lifecycleConfig(spec LifecycleSpec, topic string) string {
	// Every tenth notification (up to spec.Disabled of them) is disabled.
	return eventsAndNotifications(spec.Events, spec.Notifications, topic,
		fmt.Sprintf("  enabled        = !(count.index < %d)\n", spec.Disabled))
}

// eventsAndNotifications is the events and notifications of the lifecycle and
// refresh workspaces, all of topic; notificationExtra ends each notification.
func eventsAndNotifications(events, notifications int, topic, notificationExtra string) string {
	return fmt.Sprintf(`
resource "hwcloud_csms_event" "bench" {
  count       = %d
  name        = "bench-event-${count.index}"
  event_types = ["SECRET_ROTATED", "SECRET_DELETED"]
  notification = {
    target_id = %q
  }
}

resource "hwcloud_cts_notification" "bench" {
  count          = %d
  name           = "bench_notification_${count.index}"
  operation_type = "complete"
  topic_id       = %q
%s}
`, events, topic, notifications, topic, notificationExtra)
}

// LifecycleTable renders benchmark 2.
func LifecycleTable(spec LifecycleSpec, phases []PhaseResult) Table {
	t := Table{
		Title: fmt.Sprintf("2. %d secret events + %d CTS notifications (%d disabled), %s emulator latency per call",
			spec.Events, spec.Notifications, spec.Disabled, spec.Latency),
		Header: []string{"phase", "wall", "API calls", "by operation", "per resource", "minimum", "provider peak RSS"},
	}
	for _, p := range phases {
		t.AddRow(p.Phase, Seconds(p.Wall), strconv.Itoa(p.Total), formatCounts(p.Calls),
			perResource(p, spec), okMark(p.Minimal()), p.Peak.String())
	}
	t.Note = "Each phase is one command in the same working directory: `terraform apply -auto-approve`, " +
		"`terraform plan -detailed-exitcode` (exit 0: no changes) and `terraform destroy -auto-approve` " +
		"(Terraform refreshes before destroying), at Terraform's default parallelism (10). " +
		"Minimum per resource: create 1 (a disabled notification 2: POST then PUT, the create API has no " +
		"status), delete 1; the refresh (batch_reads on) reads the first two of each type singly and the " +
		"rest from one list (events in pages of 50); ✅ means the counted calls equal exactly that."
	return t
}

func perResource(p PhaseResult, spec LifecycleSpec) string {
	var ev, nt []string
	for op, n := range p.Calls {
		switch op {
		case emulator.OpCreateSecretEvent, emulator.OpShowSecretEvent, emulator.OpDeleteSecretEvent,
			emulator.OpUpdateSecretEvent, emulator.OpListSecretEvents:
			ev = append(ev, perItem(op, n, spec.Events))
		case emulator.OpCreateNotification, emulator.OpListNotifications, emulator.OpDeleteNotification:
			nt = append(nt, perItem(op, n, spec.Notifications))
		case emulator.OpUpdateNotification:
			nt = append(nt, perItem(op, n, spec.Notifications)+
				fmt.Sprintf(" (%d per disabled)", n/max(spec.Disabled, 1)))
		}
	}
	sortStrings(ev)
	sortStrings(nt)
	return "event: " + joinOr(ev, "0") + "; notification: " + joinOr(nt, "0")
}

func perItem(op string, n, items int) string {
	if items == 0 {
		return fmt.Sprintf("%s %d", op, n)
	}
	if n%items == 0 {
		return fmt.Sprintf("%s %d", op, n/items)
	}
	return fmt.Sprintf("%s %.2f", op, float64(n)/float64(items))
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
