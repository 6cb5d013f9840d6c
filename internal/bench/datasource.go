package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

const (
	benchTagKey   = "bench"
	benchTagMatch = "match"
	// noiseSecrets do not match the query, so the filter has work to do.
	noiseSecrets = 100
	// providerPageSize is the page the provider asks for (the API maximum).
	providerPageSize = 1000
)

// DataSourceResult is benchmark 1 for one N.
type DataSourceResult struct {
	N          int
	Plan       time.Duration  // median wall time of `terraform plan` with hwcloud
	Floor      time.Duration  // the same with the floor provider
	Ratio      float64        // median over the pairs of hwcloud's wall over the floor's
	PlanRuns   int            // pairs of runs (one hwcloud, one floor each)
	PlanCalls  map[string]int // calls of one plan, by operation
	PlanTotal  int
	Peak       PeakRSS
	FloorPeak  PeakRSS
	Page1000   PagingResult // the client paging as the provider does (1000 per call)
	Page1      PagingResult // the client paging one secret per call (the official provider's way); Calls 0 = not run
	TargetCall int          // ceil(N/1000)+1
}

// PagingResult is one client-side paging run.
type PagingResult struct {
	PageSize int
	Calls    int
	Found    int
	Wall     time.Duration
}

// DataSourceSpec is what benchmark 1 runs for one N.
type DataSourceSpec struct {
	N     int
	Pairs int // alternating hwcloud/floor plan runs
	// Page1Max is the largest N the one-per-call client paging runs for
	// (it costs N sequential calls); 0 runs it always.
	Page1Max int
}

// BenchmarkDataSource seeds n matching secrets (plus noise), measures
// `terraform plan` of a hwcloud_csms_secrets query over them with hwcloud
// and with the floor provider in alternating runs (so both see the same
// machine load), and pages the same query through the client at 1000 and
// at 1 per call.
func BenchmarkDataSource(ctx context.Context, bins Binaries, workDir string, spec DataSourceSpec) (DataSourceResult, error) {
	n := spec.N
	res := DataSourceResult{N: n, TargetCall: PagedCalls(n, providerPageSize) + 1}
	cloud, err := StartCloud(emulator.Options{})
	if err != nil {
		return res, err
	}
	defer cloud.Close()
	if err := cloud.Emulator().Seed(emulator.Seed{Secrets: benchSecrets(n)}); err != nil {
		return res, err
	}

	config := cloud.ProviderConfig() + dataSourceConfig
	ws, err := NewWorkspace(filepath.Join(workDir, fmt.Sprintf("datasource-%d", n)), bins, config)
	if err != nil {
		return res, err
	}
	fws, err := newFloorWorkspace(filepath.Join(workDir, fmt.Sprintf("datasource-%d-floor", n)), bins, config, n)
	if err != nil {
		return res, err
	}
	plan := func(w *Workspace) (time.Duration, error) {
		out, err := w.Run(ctx, "plan", "-no-color", "-lock=false")
		if err != nil {
			return 0, err
		}
		if want := fmt.Sprintf("matched = %d", n); !strings.Contains(out.Stdout, want) {
			return 0, fmt.Errorf("terraform plan over %d secrets did not report %q:\n%s", n, want, tail(out.Stdout, 20))
		}
		return out.Wall, nil
	}
	var walls, floors, ratios []time.Duration
	for i := range max(spec.Pairs, 1) {
		cloud.Emulator().ResetCounts()
		var hw, fl time.Duration
		// Alternate which goes first, so a load trend favours neither.
		if i%2 == 0 {
			hw, err = plan(ws)
			if err == nil {
				fl, err = plan(fws)
			}
		} else {
			fl, err = plan(fws)
			if err == nil {
				hw, err = plan(ws)
			}
		}
		if err != nil {
			return res, err
		}
		walls, floors = append(walls, hw), append(floors, fl)
		ratios = append(ratios, time.Duration(float64(hw)/float64(fl)*float64(time.Second)))
		res.PlanCalls, res.PlanTotal = cloud.Emulator().Counts(), cloud.Emulator().TotalCount()
	}
	res.Plan, res.Floor, res.PlanRuns = Median(walls), Median(floors), len(walls)
	res.Ratio = Median(ratios).Seconds()
	if res.Peak, err = ws.PeakRSS(); err != nil {
		return res, err
	}
	if res.FloorPeak, err = fws.PeakRSS(); err != nil {
		return res, err
	}

	filter := []hwc.TagFilter{{Key: benchTagKey, Values: []string{benchTagMatch}}}
	for _, size := range []int{providerPageSize, 1} {
		if size == 1 && spec.Page1Max > 0 && n > spec.Page1Max {
			continue
		}
		cloud.Emulator().ResetCounts()
		p, err := PageSecrets(ctx, cloud.Client, filter, size)
		if err != nil {
			return res, err
		}
		p.Calls = cloud.Emulator().TotalCount()
		if p.Found != n {
			return res, fmt.Errorf("paging %d per call found %d secrets, want %d", size, p.Found, n)
		}
		if size == 1 {
			res.Page1 = p
		} else {
			res.Page1000 = p
		}
	}
	return res, nil
}

// dataSourceConfig queries the matching secrets; the output proves the plan
// saw all of them without printing thousands of objects.
const dataSourceConfig = `
data "hwcloud_csms_secrets" "bench" {
  tags = { ` + benchTagKey + ` = ["` + benchTagMatch + `"] }
}

output "matched" {
  value = data.hwcloud_csms_secrets.bench.total_count
}
`

func benchSecrets(n int) []emulator.SeedSecret {
	out := make([]emulator.SeedSecret, 0, n+noiseSecrets)
	for i := range n {
		out = append(out, emulator.SeedSecret{
			Name: "bench-" + strconv.Itoa(i), Description: "benchmark secret",
			Tags: map[string]string{benchTagKey: benchTagMatch, "team": "t" + strconv.Itoa(i%7)},
		})
	}
	for i := range noiseSecrets {
		out = append(out, emulator.SeedSecret{
			Name: "noise-" + strconv.Itoa(i), Tags: map[string]string{benchTagKey: "other"},
		})
	}
	return out
}

// SecretPager is the client call paging needs.
type SecretPager interface {
	ListResourceInstances(ctx context.Context, req hwc.ListResourceInstancesRequest) ([]hwc.ResourceInstance, int, error)
}

// PageSecrets lists every secret matching tags, pageSize per call, one call
// after another, until total_count secrets have been seen or a page comes
// back empty. Calls counts the requests this made (the emulator's counter is
// the authority in the benchmark; this one lets the function be tested alone).
func PageSecrets(ctx context.Context, api SecretPager, tags []hwc.TagFilter, pageSize int) (PagingResult, error) {
	res := PagingResult{PageSize: pageSize}
	start := time.Now()
	seen := map[string]bool{}
	for offset := 0; ; offset += pageSize {
		page, total, err := api.ListResourceInstances(ctx, hwc.ListResourceInstancesRequest{
			Limit: pageSize, Offset: offset, Tags: tags,
		})
		res.Calls++
		if err != nil {
			return res, fmt.Errorf("listing secrets at offset %d: %w", offset, err)
		}
		for _, r := range page {
			seen[r.ResourceID] = true
		}
		if len(page) == 0 || offset+len(page) >= total {
			break
		}
	}
	res.Found, res.Wall = len(seen), time.Since(start)
	return res, nil
}

// DataSourceTable renders benchmark 1.
func DataSourceTable(results []DataSourceResult) Table {
	t := Table{
		Title: "1. Data source `hwcloud_csms_secrets` over N matching secrets",
		Header: []string{"N", "plan: API calls", "target ≤ ceil(N/1000)+1", "plan wall: hwcloud", "plan wall: floor",
			"ratio hwcloud/floor", "peak RSS: hwcloud · floor", "client, 1000/call: calls · time",
			"client, 1/call: calls · time", "ratio (calls · time)"},
	}
	for _, r := range results {
		page1, page1Ratio := "not run", "n/a"
		if r.Page1.Calls > 0 {
			page1 = fmt.Sprintf("%d · %s", r.Page1.Calls, Seconds(r.Page1.Wall))
			page1Ratio = fmt.Sprintf("%s · %s", Ratio(float64(r.Page1.Calls), float64(r.Page1000.Calls)),
				Ratio(float64(r.Page1.Wall), float64(r.Page1000.Wall)))
		}
		t.AddRow(strconv.Itoa(r.N),
			fmt.Sprintf("%d (%s)", r.PlanTotal, formatCounts(r.PlanCalls)),
			fmt.Sprintf("%d %s", r.TargetCall, okMark(r.PlanTotal <= r.TargetCall)),
			fmt.Sprintf("%s (median of %d)", Seconds(r.Plan), r.PlanRuns),
			Seconds(r.Floor),
			fmt.Sprintf("%.2f", r.Ratio),
			r.Peak.String()+" · "+r.FloorPeak.String(),
			fmt.Sprintf("%d · %s", r.Page1000.Calls, Seconds(r.Page1000.Wall)),
			page1, page1Ratio,
		)
	}
	t.Note = "Plan: `terraform plan` of one `hwcloud_csms_secrets` data source filtered by one tag, " +
		"against the emulator holding N matching and " + strconv.Itoa(noiseSecrets) + " non-matching secrets; " +
		"calls counted by the emulator, peak RSS of the provider process (largest over all provider processes " +
		"Terraform started). Floor: the same plan with a provider built on terraform-plugin-go alone, with the " +
		"data source's schema and its answer built before Terraform asks (no API, no framework), i.e. what " +
		"Terraform itself costs. hwcloud and floor runs alternate; the ratio is the median of the per-pair " +
		"ratios. Client columns: the same query through the API client, paged sequentially at the API maximum " +
		"(1000 per call) and one secret per call (as the official provider pages it); the ratio is 1/call over " +
		"1000/call."
	return t
}
