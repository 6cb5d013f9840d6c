package bench

import (
	"context"
	"strings"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func TestPageSecretsCountsCallsPerPageSize(t *testing.T) {
	t.Parallel()
	cloud, err := StartCloud(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cloud.Close() })
	if err := cloud.Emulator().Seed(emulator.Seed{Secrets: benchSecrets(25)}); err != nil {
		t.Fatal(err)
	}
	match := []hwc.TagFilter{{Key: benchTagKey, Values: []string{benchTagMatch}}}
	none := []hwc.TagFilter{{Key: benchTagKey, Values: []string{"absent"}}}

	for _, tc := range []struct {
		tags             []hwc.TagFilter
		size, calls, got int
	}{
		{match, 1, 25, 25},
		{match, 10, 3, 25},
		{match, 1000, 1, 25},
		{none, 1000, 1, 0},
	} {
		cloud.Emulator().ResetCounts()
		res, err := PageSecrets(context.Background(), cloud.Client, tc.tags, tc.size)
		if err != nil {
			t.Fatalf("page size %d: %v", tc.size, err)
		}
		if res.Calls != tc.calls || res.Found != tc.got || res.PageSize != tc.size {
			t.Errorf("page size %d: %+v, want %d calls finding %d", tc.size, res, tc.calls, tc.got)
		}
		if n := cloud.Emulator().Count(emulator.OpListResourceInstances); n != tc.calls {
			t.Errorf("page size %d: the emulator served %d calls, PageSecrets counted %d", tc.size, n, res.Calls)
		}
	}
}

func TestBenchSecretsMatchAndNoise(t *testing.T) {
	s := benchSecrets(3)
	if len(s) != 3+noiseSecrets {
		t.Fatalf("%d secrets, want %d", len(s), 3+noiseSecrets)
	}
	matching := 0
	for _, sec := range s {
		if sec.Tags[benchTagKey] == benchTagMatch {
			matching++
		}
	}
	if matching != 3 {
		t.Errorf("%d matching secrets, want 3", matching)
	}
}

func TestDataSourceTableMarksTheTarget(t *testing.T) {
	md := DataSourceTable([]DataSourceResult{
		{N: 1000, PlanTotal: 1, TargetCall: 2, Page1: PagingResult{Calls: 1000}, Page1000: PagingResult{Calls: 1}},
		{N: 10000, PlanTotal: 12, TargetCall: 11, Page1: PagingResult{Calls: 10000}, Page1000: PagingResult{Calls: 10}},
	}).Markdown()
	for _, want := range []string{"| 1000 | 1 (none) | 2 ✅ |", "| 10000 | 12 (none) | 11 ❌ |", "×1000 · n/a"} {
		if !strings.Contains(md, want) {
			t.Errorf("table lacks %q:\n%s", want, md)
		}
	}
}

func TestLifecycleConfigSizes(t *testing.T) {
	cfg := lifecycleConfig(LifecycleSpec{Events: 7, Notifications: 5, Disabled: 2}, "urn:smn:r:p:t")
	for _, want := range []string{"count       = 7", "count          = 5", "!(count.index < 2)", `"urn:smn:r:p:t"`} {
		if !strings.Contains(cfg, want) {
			t.Errorf("config lacks %q:\n%s", want, cfg)
		}
	}
}

func TestPhaseResultMinimal(t *testing.T) {
	want := map[string]int{emulator.OpCreateSecretEvent: 2, emulator.OpCreateNotification: 2, emulator.OpUpdateNotification: 1}
	exact := PhaseResult{Calls: map[string]int{emulator.OpCreateSecretEvent: 2, emulator.OpCreateNotification: 2, emulator.OpUpdateNotification: 1}, Total: 5, Want: want}
	if !exact.Minimal() {
		t.Error("exact counts not minimal")
	}
	extraOp := exact
	extraOp.Calls = map[string]int{emulator.OpCreateSecretEvent: 2, emulator.OpCreateNotification: 2, emulator.OpUpdateNotification: 1, emulator.OpShowSecretEvent: 1}
	extraOp.Total = 6
	unrouted := exact
	unrouted.Total = 6 // a request no operation matched
	for name, p := range map[string]PhaseResult{"extra operation": extraOp, "unrouted request": unrouted} {
		if p.Minimal() {
			t.Errorf("%s counted as minimal", name)
		}
	}
	got := perResource(exact, LifecycleSpec{Events: 2, Notifications: 2, Disabled: 1})
	if want := "event: CreateSecretEvent 1; notification: CreateNotification 1, UpdateNotification 0.50 (1 per disabled)"; got != want {
		t.Errorf("perResource = %q, want %q", got, want)
	}
}
