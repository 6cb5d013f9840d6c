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
	Plan       time.Duration // median wall time of `terraform plan`
	PlanRuns   int
	PlanCalls  map[string]int // calls of one plan, by operation
	PlanTotal  int
	Peak       PeakRSS
	Page1000   PagingResult // the client paging as the provider does (1000 per call)
	Page1      PagingResult // the client paging one secret per call (the official provider's way)
	TargetCall int          // ceil(N/1000)+1
}

// PagingResult is one client-side paging run.
type PagingResult struct {
	PageSize int
	Calls    int
	Found    int
	Wall     time.Duration
}

// BenchmarkDataSource seeds n matching secrets (plus noise), measures
// `terraform plan` of a hwcloud_csms_secrets query over them `runs` times,
// and pages the same query through the client at 1000 and at 1 per call.
func BenchmarkDataSource(ctx context.Context, bins Binaries, workDir string, n, runs int) (DataSourceResult, error) {
	res := DataSourceResult{N: n, TargetCall: PagedCalls(n, providerPageSize) + 1}
	cloud, err := StartCloud(emulator.Options{})
	if err != nil {
		return res, err
	}
	defer cloud.Close()
	if err := cloud.Emulator().Seed(emulator.Seed{Secrets: benchSecrets(n)}); err != nil {
		return res, err
	}

	ws, err := NewWorkspace(filepath.Join(workDir, fmt.Sprintf("datasource-%d", n)), bins, cloud.ProviderConfig()+dataSourceConfig)
	if err != nil {
		return res, err
	}
	var walls []time.Duration
	for range max(runs, 1) {
		cloud.Emulator().ResetCounts()
		out, err := ws.Run(ctx, "plan", "-no-color", "-lock=false")
		if err != nil {
			return res, err
		}
		if want := fmt.Sprintf("matched = %d", n); !strings.Contains(out.Stdout, want) {
			return res, fmt.Errorf("terraform plan over %d secrets did not report %q:\n%s", n, want, tail(out.Stdout, 20))
		}
		walls = append(walls, out.Wall)
		res.PlanCalls, res.PlanTotal = cloud.Emulator().Counts(), cloud.Emulator().TotalCount()
	}
	res.Plan, res.PlanRuns = Median(walls), len(walls)
	if res.Peak, err = ws.PeakRSS(); err != nil {
		return res, err
	}

	filter := []hwc.TagFilter{{Key: benchTagKey, Values: []string{benchTagMatch}}}
	for _, size := range []int{providerPageSize, 1} {
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
		Header: []string{"N", "plan: API calls", "target ≤ ceil(N/1000)+1", "plan: wall (median)",
			"provider peak RSS", "client, 1000/call: calls · time", "client, 1/call: calls · time", "ratio (calls · time)"},
	}
	for _, r := range results {
		t.AddRow(strconv.Itoa(r.N),
			fmt.Sprintf("%d (%s)", r.PlanTotal, formatCounts(r.PlanCalls)),
			fmt.Sprintf("%d %s", r.TargetCall, okMark(r.PlanTotal <= r.TargetCall)),
			fmt.Sprintf("%s (%d runs)", Seconds(r.Plan), r.PlanRuns),
			r.Peak.String(),
			fmt.Sprintf("%d · %s", r.Page1000.Calls, Seconds(r.Page1000.Wall)),
			fmt.Sprintf("%d · %s", r.Page1.Calls, Seconds(r.Page1.Wall)),
			fmt.Sprintf("%s · %s", Ratio(float64(r.Page1.Calls), float64(r.Page1000.Calls)),
				Ratio(float64(r.Page1.Wall), float64(r.Page1000.Wall))),
		)
	}
	t.Note = "Plan: `terraform plan` of one `hwcloud_csms_secrets` data source filtered by one tag, " +
		"against the emulator holding N matching and " + strconv.Itoa(noiseSecrets) + " non-matching secrets; " +
		"calls counted by the emulator, peak RSS of the provider process (largest over all provider processes " +
		"Terraform started). Client columns: the same query through the API client, paged sequentially at the " +
		"API maximum (1000 per call) and one secret per call (as the official provider pages it); the ratio is " +
		"1/call over 1000/call."
	return t
}
