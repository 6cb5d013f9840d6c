package bench

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

func TestRefreshWantReadsTwoSinglyThenLists(t *testing.T) {
	for _, tc := range []struct {
		e, m int
		want map[string]int
	}{
		{1, 1, map[string]int{emulator.OpShowSecretEvent: 1, emulator.OpListNotifications: 1}},
		{2, 2, map[string]int{emulator.OpShowSecretEvent: 2, emulator.OpListNotifications: 2}},
		{30, 3, map[string]int{emulator.OpShowSecretEvent: 2, emulator.OpListSecretEvents: 1, emulator.OpListNotifications: 3}},
		{100, 100, map[string]int{emulator.OpShowSecretEvent: 2, emulator.OpListSecretEvents: 2, emulator.OpListNotifications: 3}},
	} {
		if got := refreshWant(tc.e, tc.m); !maps.Equal(got, tc.want) {
			t.Errorf("refreshWant(%d, %d) = %v, want %v", tc.e, tc.m, got, tc.want)
		}
	}
}

func TestRefreshConfigFeedsBatchReads(t *testing.T) {
	cfg := refreshConfig("provider \"hwcloud\" {\n  region = \"r\"\n}\n", RefreshSpec{Events: 1, Notifications: 2, Secrets: 3}, "urn:smn:r:p:t")
	for _, want := range []string{"batch_reads = var.batch_reads", `variable "batch_reads"`, "count                   = 3"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("config lacks %q:\n%s", want, cfg)
		}
	}
}

func TestRefreshPlanTargets(t *testing.T) {
	spec := RefreshSpec{Events: 100, Notifications: 100, Secrets: 100, Latency: 200 * time.Millisecond}
	runs := []RefreshRun{
		{Phase: "no-change plan", BatchReads: true, Latency: spec.Latency, Wall: 4 * time.Second, Total: 120},
		{Phase: "no-change plan", BatchReads: false, Latency: spec.Latency, Wall: 11 * time.Second, Total: 500},
	}
	if !RefreshPlanMeetsTargets(spec, runs) {
		t.Error("120 calls in 4 s against 11 s should meet the targets")
	}
	runs[0].Total = 131
	if RefreshPlanMeetsTargets(spec, runs) {
		t.Error("131 calls should miss the target")
	}
	if !strings.Contains(RefreshTable(spec, runs).Markdown(), "×0.4") {
		t.Error("the table should show the wall ratio against batching off")
	}
}
