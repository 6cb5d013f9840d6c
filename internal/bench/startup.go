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
}

// BenchmarkStartup measures the provider binary's size and the median time
// of `terraform validate` on a configuration that uses every resource and
// data source type.
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
	ws, err := NewWorkspace(filepath.Join(workDir, "startup"), bins, cloud.ProviderConfig()+startupConfig(cloud.TopicURN()))
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
	res.Peak, err = ws.PeakRSS()
	return res, err
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
	t.Note = "Binary built as for a release: `" + buildCommand + "`. Validate runs on a configuration with one " +
		"of each resource and the data source, the provider installed through `dev_overrides` (no `terraform init`)."
	return t
}
