package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

const (
	exitOK    = 0
	exitError = 1 // the emulator failed while starting or running
	exitUsage = 2 // bad flags, or a seed or state file that cannot be used

	saveDebounce    = 100 * time.Millisecond
	shutdownTimeout = 5 * time.Second
)

// version is the release, set by the release build with
// -ldflags "-X main.version=..."; a `go install ...@vX.Y.Z` build reports the
// module version instead (see versionString).
var version = "dev"

// versionString is version, or the module version `go install` stamped when
// the linker did not set one.
func versionString() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

type config struct {
	listen      string
	opts        emulator.Options
	seedPath    string
	statePath   string
	addrFile    string
	envFile     string
	logging     bool
	showVersion bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("hwcloud-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.listen, "listen", "127.0.0.1:8931", "address to listen on")
	fs.StringVar(&cfg.opts.Region, "region", emulator.DefaultRegion, "region name (the IAM project name)")
	fs.StringVar(&cfg.opts.ProjectID, "project-id", emulator.DefaultProjectID, "project id (32 lower-case hex digits)")
	fs.StringVar(&cfg.opts.AccessKey, "access-key", emulator.DefaultAccessKey, "access key (AK) accepted for signing")
	fs.StringVar(&cfg.opts.SecretKey, "secret-key", emulator.DefaultSecretKey, "secret key (SK) paired with -access-key")
	fs.StringVar(&cfg.opts.AuthToken, "auth-token", emulator.DefaultAuthToken, "token accepted in X-Auth-Token")
	fs.StringVar(&cfg.seedPath, "seed", "", "JSON seed file (topics, functions, secrets) applied to a fresh store")
	fs.StringVar(&cfg.statePath, "state", "", "state file: loaded at start if it exists, saved after every change and at shutdown")
	faults := fs.String("faults", "", "fault spec, e.g. rate=0.1,kinds=429+503,retry_after=1s,latency=20ms,ops=CreateSecretEvent,seed=7,visibility=2s,lose=CreateSecretEvent:1,throttle_for=10s")
	fs.IntVar(&cfg.opts.MaxEvents, "max-events", emulator.DefaultMaxEvents, "CSMS events allowed per project")
	fs.IntVar(&cfg.opts.MaxNotifications, "max-notifications", emulator.DefaultMaxNotifications, "CTS key-event notification quota")
	fs.BoolVar(&cfg.opts.CTSEmptyFilterObject, "cts-empty-filter-object", false,
		`answer a CTS notification without a filter with {"condition":"","is_support_filter":false,"rule":null} instead of null`)
	fs.DurationVar(&cfg.opts.CredentialsTTL, "credentials-ttl", 0, "cap the lifetime of issued temporary credentials (agencies, metadata), e.g. 5s, to test renewal; default: the requested duration")
	fs.StringVar(&cfg.opts.MetadataListen, "metadata-listen", "", "also serve the ECS metadata route GET /openstack/latest/securitykey on this address (point HWCLOUD_METADATA_ENDPOINT at it)")
	fs.BoolVar(&cfg.logging, "log", false, "log every request to stderr")
	fs.StringVar(&cfg.addrFile, "addr-file", "", "once listening, write the base URL (http://host:port) and a newline to this file; removed at shutdown")
	fs.StringVar(&cfg.envFile, "env-file", "", "once listening, write the HW_* variables that point the provider here to this file (KEY=value lines); removed at shutdown")
	fs.BoolVar(&cfg.showVersion, "version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if cfg.opts.CredentialsTTL < 0 {
		return cfg, errors.New("-credentials-ttl must not be negative")
	}
	if cfg.opts.MaxEvents < 1 || cfg.opts.MaxNotifications < 1 {
		return cfg, errors.New("-max-events and -max-notifications must be at least 1")
	}
	for name, v := range map[string]string{"-region": cfg.opts.Region, "-access-key": cfg.opts.AccessKey, "-secret-key": cfg.opts.SecretKey, "-auth-token": cfg.opts.AuthToken, "-listen": cfg.listen} {
		if v == "" {
			return cfg, fmt.Errorf("%s must not be empty", name)
		}
	}
	f, err := emulator.ParseFaultSpec(*faults)
	if err != nil {
		return cfg, fmt.Errorf("-faults: %w", err)
	}
	cfg.opts.Faults = f
	if cfg.logging {
		var mu sync.Mutex
		cfg.opts.Logf = func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(stderr, format+"\n", args...)
		}
	}
	return cfg, nil
}

// build creates the emulator: from the state file when it exists, else
// fresh and seeded. It never falls back to an empty store on a bad file.
func build(cfg config) (e *emulator.Emulator, loaded bool, err error) {
	if cfg.statePath != "" {
		if _, statErr := os.Stat(cfg.statePath); statErr == nil {
			e, err = emulator.LoadState(cfg.statePath, cfg.opts)
			return e, true, err
		} else if !errors.Is(statErr, os.ErrNotExist) {
			return nil, false, fmt.Errorf("state file: %w", statErr)
		}
	}
	e, err = emulator.New(cfg.opts)
	if err != nil && cfg.seedPath != "" {
		err = fmt.Errorf("seed file %s: %w", cfg.seedPath, err)
	}
	return e, false, err
}

// readSeed puts the -seed file into cfg.opts.Seed: New loads it, and so does
// POST /_emulator/v1/reset.
func readSeed(cfg *config) error {
	if cfg.seedPath == "" {
		return nil
	}
	data, err := os.ReadFile(cfg.seedPath)
	if err != nil {
		return fmt.Errorf("seed file: %w", err)
	}
	s, err := emulator.ParseSeed(data)
	if err != nil {
		return fmt.Errorf("seed file %s: %w", cfg.seedPath, err)
	}
	cfg.opts.Seed = s
	return nil
}

func run(args []string, stdout, stderr io.Writer, stop <-chan os.Signal) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "hwcloud-emulator:", err)
		return exitUsage
	}
	if cfg.showVersion {
		fmt.Fprintln(stdout, "hwcloud-emulator", versionString())
		return exitOK
	}
	if err := readSeed(&cfg); err != nil {
		fmt.Fprintln(stderr, "hwcloud-emulator:", err)
		return exitUsage
	}
	e, loaded, err := build(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "hwcloud-emulator:", err)
		return exitUsage
	}
	srv, err := emulator.Serve(cfg.listen, e)
	if err != nil {
		fmt.Fprintln(stderr, "hwcloud-emulator:", err)
		return exitError
	}

	saverDone := make(chan struct{})
	quit := make(chan struct{})
	if cfg.statePath != "" {
		if cfg.seedPath != "" && loaded {
			fmt.Fprintf(stderr, "hwcloud-emulator: %s exists, so -seed %s was not applied\n", cfg.statePath, cfg.seedPath)
		}
		save(e, cfg.statePath, stderr) // the file exists from the start, seeded or not
		go saveOnChange(e, cfg.statePath, stderr, quit, saverDone)
	} else {
		close(saverDone)
	}

	eff := e.Options()
	env := providerEnv(eff, srv.URL)
	// The files are written before the readiness line, so a script that waits
	// for either may read both.
	code := exitOK
	if !writeFileAtomic(cfg.addrFile, srv.URL+"\n", stderr) || !writeFileAtomic(cfg.envFile, env, stderr) {
		code = exitError
	} else {
		fmt.Fprintf(stdout, "hwcloud-emulator listening on %s\n", srv.URL)
		fmt.Fprintf(stdout, "# hwcloud-emulator %s, control API %s/_emulator/%s/\n", versionString(), srv.URL, emulator.ControlAPIVersion)
		fmt.Fprintf(stdout, "# Point the provider at the emulator with:\n")
		fmt.Fprint(stdout, env)
		fmt.Fprintf(stdout, "# Token authentication instead of AK/SK: HW_AUTH_TOKEN=%s\n", eff.AuthToken)
		if srv.MetadataURL != "" {
			fmt.Fprintf(stdout, "# ECS metadata credentials: HWCLOUD_METADATA_ENDPOINT=%s\n", srv.MetadataURL)
		}
		<-stop
	}
	for _, f := range []string{cfg.addrFile, cfg.envFile} {
		if f != "" {
			_ = os.Remove(f)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		fmt.Fprintln(stderr, "hwcloud-emulator: shutdown:", err)
		code = exitError
	}
	close(quit)
	<-saverDone
	if cfg.statePath != "" && !save(e, cfg.statePath, stderr) {
		code = exitError
	}
	fmt.Fprintln(stdout, "hwcloud-emulator stopped")
	return code
}

// saveOnChange persists the state shortly after each burst of changes.
func saveOnChange(e *emulator.Emulator, path string, stderr io.Writer, quit <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	for {
		select {
		case <-quit:
			return
		case <-e.Changed():
		}
		select {
		case <-quit:
			return // the final save follows
		case <-time.After(saveDebounce):
		}
		save(e, path, stderr)
	}
}

// providerEnv is the HW_* variables that point the provider at url, one
// KEY=value line each.
func providerEnv(o emulator.Options, url string) string {
	return fmt.Sprintf("HW_REGION_NAME=%s\nHW_PROJECT_ID=%s\nHW_ACCESS_KEY=%s\nHW_SECRET_KEY=%s\n"+
		"HW_CSMS_ENDPOINT=%s\nHW_CTS_ENDPOINT=%s\nHW_IAM_ENDPOINT=%s\n",
		o.Region, o.ProjectID, o.AccessKey, o.SecretKey, url, url, url)
}

// writeFileAtomic writes data to path (nothing when path is empty) through a
// temporary file and a rename, so a reader polling for path never sees it
// half written.
func writeFileAtomic(path, data string, stderr io.Writer) bool {
	if path == "" {
		return true
	}
	tmp := path + ".tmp"
	err := os.WriteFile(tmp, []byte(data), 0o600)
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		fmt.Fprintln(stderr, "hwcloud-emulator:", err)
		return false
	}
	return true
}

func save(e *emulator.Emulator, path string, stderr io.Writer) bool {
	if err := e.SaveState(path); err != nil {
		fmt.Fprintln(stderr, "hwcloud-emulator:", err)
		return false
	}
	return true
}
