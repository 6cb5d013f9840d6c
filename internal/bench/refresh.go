package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

// RefreshSpec sizes benchmark 4: a workspace of every type the refresh
// batches (batch_reads), run with batching on and off against the same
// emulator, at Latency per call and at none.
type RefreshSpec struct {
	Events, Notifications, Secrets int
	Latency                        time.Duration
}

// RefreshRun is one Terraform command of benchmark 4.
type RefreshRun struct {
	Phase      string
	BatchReads bool
	Latency    time.Duration
	Wall       time.Duration
	Calls      map[string]int
	Total      int
}

// Targets for the no-change plan at the spec's latency.
const (
	refreshPlanMaxCalls = 130
	refreshPlanMaxRatio = 0.5
)

// BenchmarkRefresh applies the workspace, then runs the no-change plan with
// batch_reads on and off (at spec.Latency, then at 0 ms), then destroys it
// with batching on, applies it again (not measured) and destroys it with
// batching off.
func BenchmarkRefresh(ctx context.Context, bins Binaries, workDir string, spec RefreshSpec) ([]RefreshRun, error) {
	cloud, err := StartCloud(emulator.Options{
		MaxEvents:        max(spec.Events, 1),
		MaxNotifications: max(spec.Notifications, 1),
	})
	if err != nil {
		return nil, err
	}
	defer cloud.Close()
	ws, err := NewWorkspace(filepath.Join(workDir, "refresh"), bins, refreshConfig(cloud.ProviderConfig(), spec, cloud.TopicURN()))
	if err != nil {
		return nil, err
	}
	var out []RefreshRun
	step := func(phase string, batch bool, latency time.Duration, record bool, args ...string) error {
		cloud.Emulator().SetFaults(emulator.FaultConfig{Latency: latency})
		cloud.Emulator().ResetCounts()
		args = append(args, "-no-color", "-lock=false", "-var", "batch_reads="+strconv.FormatBool(batch))
		r, err := ws.Run(ctx, args...)
		if err != nil {
			return fmt.Errorf("%s (batch_reads = %t, %s): %w", phase, batch, latency, err)
		}
		if record {
			out = append(out, RefreshRun{Phase: phase, BatchReads: batch, Latency: latency, Wall: r.Wall,
				Calls: cloud.Emulator().Counts(), Total: cloud.Emulator().TotalCount()})
		}
		return nil
	}
	apply := []string{"apply", "-auto-approve"}
	plan := []string{"plan", "-detailed-exitcode"}
	destroy := []string{"destroy", "-auto-approve"}
	steps := []struct {
		phase   string
		batch   bool
		latency time.Duration
		record  bool
		args    []string
	}{
		{"apply (create)", true, spec.Latency, true, apply},
		{"no-change plan", true, spec.Latency, true, plan},
		{"no-change plan", false, spec.Latency, true, plan},
		{"no-change plan", true, 0, true, plan},
		{"no-change plan", false, 0, true, plan},
		{"destroy", true, spec.Latency, true, destroy},
		{"apply again", true, 0, false, apply},
		{"destroy", false, spec.Latency, true, destroy},
	}
	for _, s := range steps {
		if err := step(s.phase, s.batch, s.latency, s.record, s.args...); err != nil {
			return out, err
		}
	}
	return out, nil
}

// refreshConfig is the provider block with batch_reads from a variable, and the workspace.
func refreshConfig(provider string, spec RefreshSpec, topic string) string {
	provider = strings.Replace(provider, "provider \"hwcloud\" {\n", "provider \"hwcloud\" {\n  batch_reads = var.batch_reads\n", 1)
	return provider + `
variable "batch_reads" {
  type = bool
}
` + eventsAndNotifications(spec.Events, spec.Notifications, topic, "") + fmt.Sprintf(`
resource "hwcloud_csms_secret" "bench" {
  count                   = %d
  name                    = "bench-secret-${count.index}"
  secret_string_wo        = "value-${count.index}"
  secret_wo_version       = 1
  delete_without_recovery = true
  tags                    = { team = "t${count.index %% 7}" }
}
`, spec.Secrets)
}

// RefreshPlanMeetsTargets reports whether the batched no-change plan at the
// spec's latency made at most refreshPlanMaxCalls calls (scaled to a
// workspace of another size than 100 of each) in at most half the wall of
// batching off.
func RefreshPlanMeetsTargets(spec RefreshSpec, runs []RefreshRun) bool {
	on, off := findRun(runs, "no-change plan", true, spec.Latency), findRun(runs, "no-change plan", false, spec.Latency)
	if on == nil || off == nil {
		return false
	}
	objects := spec.Events + spec.Notifications + spec.Secrets
	maxCalls := refreshPlanMaxCalls * objects / 300
	return on.Total <= maxCalls && on.Wall.Seconds() <= refreshPlanMaxRatio*off.Wall.Seconds()
}

func findRun(runs []RefreshRun, phase string, batch bool, latency time.Duration) *RefreshRun {
	for i := range runs {
		if r := &runs[i]; r.Phase == phase && r.BatchReads == batch && r.Latency == latency {
			return r
		}
	}
	return nil
}

// RefreshTable renders benchmark 4.
func RefreshTable(spec RefreshSpec, runs []RefreshRun) Table {
	t := Table{
		Title: fmt.Sprintf("4. Refresh at the cost of a list: %d secret events + %d CTS notifications + %d secrets, "+
			"batch_reads on and off, %s and 0 ms emulator latency per call", spec.Events, spec.Notifications,
			spec.Secrets, spec.Latency),
		Header: []string{"phase", "batch_reads", "latency", "wall", "API calls", "by operation", "wall vs off",
			"wall vs 0 ms", "calls vs off"},
	}
	for _, r := range runs {
		vsOff, vsZero, callsOff := "—", "—", "—"
		if off := findRun(runs, r.Phase, false, r.Latency); off != nil && r.BatchReads {
			vsOff = Ratio(r.Wall.Seconds(), off.Wall.Seconds())
			callsOff = Ratio(float64(r.Total), float64(off.Total))
		}
		if zero := findRun(runs, r.Phase, r.BatchReads, 0); zero != nil && r.Latency != 0 {
			vsZero = Ratio(r.Wall.Seconds(), zero.Wall.Seconds())
		}
		t.AddRow(r.Phase, strconv.FormatBool(r.BatchReads), r.Latency.String(), Seconds(r.Wall), strconv.Itoa(r.Total),
			formatCounts(r.Calls), vsOff, vsZero, callsOff)
	}
	t.Note = fmt.Sprintf("One workspace, one emulator; each row is one command: `terraform apply -auto-approve`, "+
		"`terraform plan -detailed-exitcode` (exit 0: no changes), `terraform destroy -auto-approve`, with "+
		"`-var batch_reads=…` feeding the provider argument, at Terraform's default parallelism (10). The rows "+
		"of a phase are paired in the same run. Targets for the batched no-change plan at %s: at most %d calls "+
		"per 300 objects and at most %.1f× the wall of batching off: %s. \"wall vs 0 ms\" is how much of the "+
		"latency-free wall remains at %s.", spec.Latency, refreshPlanMaxCalls, refreshPlanMaxRatio,
		okMark(RefreshPlanMeetsTargets(spec, runs)), spec.Latency)
	return t
}
