package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

// StartupResult is benchmark 3.
type StartupResult struct {
	BinaryBytes int64
	Validate    time.Duration // median wall time of `terraform validate`
	Runs        int
	Peak        PeakRSS
	Calls       int // API calls made by validate (expected 0)
	// IAM calls of one `terraform plan` (one provider configuration), by
	// operation: with project_id set (the credential check) and without it
	// (the project lookup, which is the check then).
	PlanIAM, LookupPlanIAM map[string]int
}

// BenchmarkStartup measures the provider binary's size and the median time
// of `terraform validate` on a configuration that uses every resource and
// data source type, then counts the IAM calls of one `terraform plan` (one
// provider configuration) with and without project_id.
func BenchmarkStartup(ctx context.Context, bins Binaries, workDir string, runs int) (StartupResult, error) {
	var res StartupResult
	fi, err := os.Stat(bins.Provider)
	if err != nil {
		return res, err
	}
	res.BinaryBytes = fi.Size()

	cloud, err := StartCloud(emulator.Options{})
	if err != nil {
		return res, err
	}
	defer cloud.Close()
	ws, err := NewWorkspace(filepath.Join(workDir, "startup"), bins, cloud.CheckedProviderConfig(false)+startupConfig(cloud.TopicURN()))
	if err != nil {
		return res, err
	}
	cloud.Emulator().ResetCounts()
	var walls []time.Duration
	for range max(runs, 1) {
		r, err := ws.Run(ctx, "validate", "-no-color")
		if err != nil {
			return res, err
		}
		walls = append(walls, r.Wall)
	}
	res.Validate, res.Runs = Median(walls), len(walls)
	res.Calls = cloud.Emulator().TotalCount()
	if res.Peak, err = ws.PeakRSS(); err != nil {
		return res, err
	}

	if res.PlanIAM, err = planIAMCalls(ctx, cloud, ws); err != nil {
		return res, err
	}
	lws, err := NewWorkspace(filepath.Join(workDir, "startup-lookup"), bins, cloud.CheckedProviderConfig(true)+startupConfig(cloud.TopicURN()))
	if err != nil {
		return res, err
	}
	res.LookupPlanIAM, err = planIAMCalls(ctx, cloud, lws)
	return res, err
}

// planIAMCalls runs one `terraform plan` in ws and returns its IAM calls.
func planIAMCalls(ctx context.Context, cloud *Cloud, ws *Workspace) (map[string]int, error) {
	cloud.Emulator().ResetCounts()
	if _, err := ws.Run(ctx, "plan", "-no-color", "-lock=false"); err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, op := range []string{emulator.OpIAMListAuthProjects, emulator.OpIAMListProjects} {
		if n := cloud.Emulator().Count(op); n > 0 {
			out[op] = n
		}
	}
	return out, nil
}

func startupConfig(topic string) string {
	return fmt.Sprintf(`
resource "hwcloud_csms_event" "example" {
  name        = "example"
  event_types = ["SECRET_ROTATED"]
  notification = {
    target_id = %q
  }
}

resource "hwcloud_cts_notification" "example" {
  name           = "example"
  operation_type = "customized"
  operations = [
    { service_type = "CTS", resource_type = "tracker", trace_names = ["createTracker"] },
  ]
  topic_id = %q
  filter = {
    rules = ["code = 400", "trace_type != SystemAction"]
  }
}

resource "hwcloud_csms_secret_restore" "example" {
  secret_name = "example"
}

data "hwcloud_csms_secrets" "example" {
  tags = { env = ["prod"] }
}
`, topic, topic)
}

// StartupTable renders benchmark 3.
func StartupTable(r StartupResult, buildCommand string) Table {
	t := Table{
		Title:  "3. Provider start-up",
		Header: []string{"measure", "value"},
	}
	t.AddRow("binary size", fmt.Sprintf("%s (%s bytes)", MiB(r.BinaryBytes), strconv.FormatInt(r.BinaryBytes, 10)))
	t.AddRow("`terraform validate`, median", fmt.Sprintf("%s (%d runs)", Seconds(r.Validate), r.Runs))
	t.AddRow("provider peak RSS during validate", r.Peak.String())
	t.AddRow("API calls during validate", strconv.Itoa(r.Calls))
	t.AddRow("IAM calls of one `terraform plan`: credential check", iamCalls(r.PlanIAM))
	t.AddRow("IAM calls of one `terraform plan`, `project_id` unset", iamCalls(r.LookupPlanIAM))
	t.Note = "Binary built as for a release: `" + buildCommand + "`. Validate runs on a configuration with one " +
		"of each resource and the data source, the provider installed through `dev_overrides` (no `terraform init`). " +
		"A plan configures the provider once, and the provider proves its credentials with one IAM call " +
		"(`GET /v3/auth/projects`), or with the project lookup when `project_id` is unset; the other tables " +
		"set `skip_credentials_validation` so that they count only the work they measure."
	return t
}

// iamCalls reads like `1 (IAMListAuthProjects 1)`.
func iamCalls(byOp map[string]int) string {
	total := 0
	for _, n := range byOp {
		total += n
	}
	if total == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%s)", total, formatCounts(byOp))
}
