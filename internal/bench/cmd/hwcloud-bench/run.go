package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/bench"
)

const (
	exitOK    = 0
	exitFail  = 1 // a benchmark failed or a minimum was missed
	exitUsage = 2
)

type config struct {
	bins         bench.Binaries
	sizes        []int
	planRuns     int
	page1Max     int
	lifecycle    bench.LifecycleSpec
	refresh      bench.RefreshSpec
	validateRuns int
	workDir      string
	buildCommand string
	benchCommand string
	only         map[string]bool
}

var scenarios = []string{"datasource", "lifecycle", "refresh", "startup"}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	cfg := config{only: map[string]bool{}}
	fs := flag.NewFlagSet("hwcloud-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.bins.Terraform, "terraform", "terraform", "terraform CLI (a path or a name on PATH)")
	fs.StringVar(&cfg.bins.Provider, "provider", "", "provider binary under test (required)")
	fs.StringVar(&cfg.bins.Wrapper, "wrapper", "", "peakrss-provider binary (required)")
	fs.StringVar(&cfg.bins.Floor, "floor", "", "floor-provider binary (required for the data-source benchmark)")
	sizes := fs.String("sizes", "1000,10000,50000", "comma-separated numbers of matching secrets for the data-source benchmark")
	fs.IntVar(&cfg.planRuns, "plan-runs", 5, "pairs of terraform plan runs (hwcloud, floor) per data-source size (medians are reported)")
	fs.IntVar(&cfg.page1Max, "page1-max", 10000, "largest size the one-secret-per-call client paging runs for (0: every size)")
	fs.IntVar(&cfg.lifecycle.Events, "events", 100, "secret events in the life-cycle benchmark")
	fs.IntVar(&cfg.lifecycle.Notifications, "notifications", 100, "CTS notifications in the life-cycle benchmark")
	fs.IntVar(&cfg.lifecycle.Disabled, "disabled", 10, "how many of the notifications are disabled")
	fs.DurationVar(&cfg.lifecycle.Latency, "latency", 20*time.Millisecond, "latency the emulator adds to every call in the life-cycle benchmark")
	fs.IntVar(&cfg.refresh.Events, "refresh-events", 100, "secret events in the refresh (batch_reads) benchmark")
	fs.IntVar(&cfg.refresh.Notifications, "refresh-notifications", 100, "CTS notifications in the refresh benchmark")
	fs.IntVar(&cfg.refresh.Secrets, "refresh-secrets", 100, "secrets in the refresh benchmark")
	fs.DurationVar(&cfg.refresh.Latency, "refresh-latency", 200*time.Millisecond, "latency the emulator adds to every call in the refresh benchmark (its 0 ms runs add none)")
	fs.IntVar(&cfg.validateRuns, "validate-runs", 7, "terraform validate runs (the median is reported)")
	fs.StringVar(&cfg.workDir, "work", "", "working directory (default: a new temporary directory, removed afterwards)")
	fs.StringVar(&cfg.buildCommand, "build-command", "go build -trimpath -ldflags \"-s -w\"", "how -provider was built (shown in the notes)")
	fs.StringVar(&cfg.benchCommand, "command", "make bench", "how this run was started (shown in the header)")
	only := fs.String("only", strings.Join(scenarios, ","), "benchmarks to run: "+strings.Join(scenarios, ","))
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if cfg.bins.Provider == "" || cfg.bins.Wrapper == "" {
		return cfg, errors.New("-provider and -wrapper are required")
	}

	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 {
			return cfg, fmt.Errorf("-sizes: %q is not a whole number", s)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	for _, s := range strings.Split(*only, ",") {
		s = strings.TrimSpace(s)
		if !contains(scenarios, s) {
			return cfg, fmt.Errorf("-only: unknown benchmark %q (want %s)", s, strings.Join(scenarios, ", "))
		}
		cfg.only[s] = true
	}
	l := cfg.lifecycle
	switch {
	case cfg.only["datasource"] && cfg.bins.Floor == "":
		return cfg, errors.New("-floor is required for the datasource benchmark")
	case cfg.page1Max < 0:
		return cfg, errors.New("-page1-max must not be negative")
	case cfg.planRuns < 1 || cfg.validateRuns < 1:
		return cfg, errors.New("-plan-runs and -validate-runs must be at least 1")
	case l.Events < 0 || l.Notifications < 0 || l.Disabled < 0 || l.Disabled > l.Notifications:
		return cfg, errors.New("-events, -notifications and -disabled must not be negative, and -disabled at most -notifications")
	case l.Latency < 0 || cfg.refresh.Latency < 0:
		return cfg, errors.New("-latency and -refresh-latency must not be negative")
	case cfg.refresh.Events < 0 || cfg.refresh.Notifications < 0 || cfg.refresh.Secrets < 0:
		return cfg, errors.New("-refresh-events, -refresh-notifications and -refresh-secrets must not be negative")
	}
	return cfg, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "hwcloud-bench:", err)
		return exitUsage
	}
	if cfg.bins.Terraform, err = exec.LookPath(cfg.bins.Terraform); err != nil {
		fmt.Fprintln(stderr, "hwcloud-bench: terraform:", err)
		return exitUsage
	}
	if cfg.workDir == "" {
		if cfg.workDir, err = os.MkdirTemp("", "hwcloud-bench-"); err != nil {
			fmt.Fprintln(stderr, "hwcloud-bench:", err)
			return exitFail
		}
		defer os.RemoveAll(cfg.workDir)
	}

	progress := func(format string, args ...any) { fmt.Fprintf(stderr, "hwcloud-bench: "+format+"\n", args...) }
	var tables []bench.Table
	failed := false

	if cfg.only["datasource"] {
		var results []bench.DataSourceResult
		for _, n := range cfg.sizes {
			progress("data source over %d secrets (%d pairs of hwcloud and floor plan runs, then client paging)", n, cfg.planRuns)
			r, err := bench.BenchmarkDataSource(ctx, cfg.bins, cfg.workDir,
				bench.DataSourceSpec{N: n, Pairs: cfg.planRuns, Page1Max: cfg.page1Max})
			if err != nil {
				fmt.Fprintln(stderr, "hwcloud-bench: data source:", err)
				return exitFail
			}
			failed = failed || r.PlanTotal > r.TargetCall
			results = append(results, r)
		}
		tables = append(tables, bench.DataSourceTable(results))
	}
	if cfg.only["lifecycle"] {
		progress("life cycle of %d events and %d notifications at %s latency", cfg.lifecycle.Events, cfg.lifecycle.Notifications, cfg.lifecycle.Latency)
		phases, err := bench.BenchmarkLifecycle(ctx, cfg.bins, cfg.workDir, cfg.lifecycle)
		if err != nil {
			fmt.Fprintln(stderr, "hwcloud-bench: life cycle:", err)
			return exitFail
		}
		for _, p := range phases {
			failed = failed || !p.Minimal()
		}
		tables = append(tables, bench.LifecycleTable(cfg.lifecycle, phases))
	}
	if cfg.only["startup"] {
		progress("start-up (%d validate runs)", cfg.validateRuns)
		r, err := bench.BenchmarkStartup(ctx, cfg.bins, cfg.workDir, cfg.validateRuns)
		if err != nil {
			fmt.Fprintln(stderr, "hwcloud-bench: start-up:", err)
			return exitFail
		}
		tables = append(tables, bench.StartupTable(r, cfg.buildCommand))
	}

	if cfg.only["refresh"] {
		r := cfg.refresh
		progress("refresh of %d events, %d notifications and %d secrets, batch_reads on and off, at %s and 0 ms latency",
			r.Events, r.Notifications, r.Secrets, r.Latency)
		runs, err := bench.BenchmarkRefresh(ctx, cfg.bins, cfg.workDir, r)
		if err != nil {
			fmt.Fprintln(stderr, "hwcloud-bench: refresh:", err)
			return exitFail
		}
		failed = failed || !bench.RefreshPlanMeetsTargets(r, runs)
		tables = append(tables, bench.RefreshTable(r, runs))
	}
	m := bench.DescribeMachine(ctx, cfg.bins.Terraform)
	fmt.Fprintf(stdout, "## Benchmarks\n\nCommand: `%s`\n\n%s", cfg.benchCommand, m.Table().Markdown())
	for _, t := range tables {
		fmt.Fprintf(stdout, "\n%s", t.Markdown())
	}
	if failed {
		fmt.Fprintln(stderr, "hwcloud-bench: a call-count target was missed (marked ❌ above)")
		return exitFail
	}
	return exitOK
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
