package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/bench"
)

func TestParseFlagsDefaults(t *testing.T) {
	cfg, err := parseFlags([]string{"-provider", "p", "-wrapper", "w", "-floor", "f"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	l := cfg.lifecycle
	if len(cfg.sizes) != 3 || cfg.sizes[0] != 1000 || cfg.sizes[1] != 10000 || cfg.sizes[2] != 50000 ||
		cfg.planRuns != 5 || cfg.page1Max != 10000 ||
		l.Events != 100 || l.Notifications != 100 || l.Latency != 20*time.Millisecond ||
		!cfg.only["datasource"] || !cfg.only["lifecycle"] || !cfg.only["startup"] || !cfg.only["refresh"] ||
		cfg.refresh != (bench.RefreshSpec{Events: 100, Notifications: 100, Secrets: 100, Latency: 200 * time.Millisecond}) {
		t.Errorf("defaults = %+v", cfg)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-provider", "p"},
		{"-provider", "p", "-wrapper", "w", "-sizes", "10"}, // the data-source benchmark needs -floor
		{"-provider", "p", "-wrapper", "w", "-floor", "f", "-page1-max", "-1"},
		{"-provider", "p", "-wrapper", "w", "-sizes", "10,x"},
		{"-provider", "p", "-wrapper", "w", "-sizes", "-3"},
		{"-provider", "p", "-wrapper", "w", "-only", "datasource,nope"},
		{"-provider", "p", "-wrapper", "w", "-plan-runs", "0"},
		{"-provider", "p", "-wrapper", "w", "-disabled", "101"},
		{"-provider", "p", "-wrapper", "w", "-latency", "-1s"},
		{"-provider", "p", "-wrapper", "w", "extra"},
		{"-provider", "p", "-wrapper", "w", "-terraform", "/nonexistent/terraform"},
		{"-no-such-flag"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (stderr: %s)", args, code, exitUsage, stderr.String())
		}
		if stdout.Len() != 0 || stderr.Len() == 0 {
			t.Errorf("%v: want nothing on stdout and a reason on stderr, got %q / %q", args, stdout.String(), stderr.String())
		}
	}
}

func TestRunHelpExitsZero(t *testing.T) {
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, &bytes.Buffer{}, &stderr); code != exitOK {
		t.Errorf("exit %d, want 0", code)
	}
	if !strings.Contains(stderr.String(), "-sizes") {
		t.Errorf("help does not list the flags: %s", stderr.String())
	}
}
