// Command hwcloud-demo is the provider demo; scripts/demo.sh builds and runs
// it, and `make demo` runs that. See usage below, or run it with --help.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/demo"
)

const usage = `Usage: scripts/demo.sh [--faults SPEC | --live]

Without arguments (what ` + "`make demo`" + ` runs): builds the provider, starts the
emulator on a free local port with scripts/demo/seed.json, and runs terraform
apply, output, plan (must show no changes) and destroy on
scripts/demo/main.tf. Everything runs in a temporary directory that is removed
at the end, whatever happens.

--faults SPEC   Make the emulator misbehave while the demo runs, to watch the
                provider retry and recover, e.g.
                  --faults rate=0.3,kinds=429+503,retry_after=1s
                (the emulator's -faults syntax: rate, kinds, retry_after,
                latency, ops, seed, visibility, lose, throttle_for).

--live   Use real Huawei Cloud instead of the emulator. Creates two CSMS
         events and two CTS notifications named hwcloud_demo_* and restore
         guards for the secrets tagged protect=true (cancelling their
         scheduled deletions), then destroys what it created (destroying a
         guard never deletes a secret). Needs:
           HW_REGION_NAME
           HW_ACCESS_KEY and HW_SECRET_KEY (or HW_AUTH_TOKEN)
           TF_VAR_alert_topic_urn, TF_VAR_ops_topic_urn   existing SMN topic URNs
           TF_VAR_function_urn                            an existing FunctionGraph function URN
         Optional: HW_PROJECT_ID, TF_VAR_notify_users (e.g. '[]'),
         TF_VAR_protect_tags, TF_VAR_payments_tags, TF_VAR_name_prefix.

--root DIR   The repository root (default: the current directory).

HWCLOUD_TF   The Terraform or OpenTofu binary to drive: a name on PATH or a
             path (default: terraform), e.g. HWCLOUD_TF=tofu.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// parse reads the command line and HWCLOUD_TF; help is true for -h/--help.
func parse(args []string, getenv func(string) string) (o demo.Options, help bool, err error) {
	o.Root = "."
	o.Terraform = getenv("HWCLOUD_TF")
	for len(args) > 0 {
		switch args[0] {
		case "--live":
			o.Live = true
		case "--faults", "--root":
			if len(args) < 2 {
				return o, false, fmt.Errorf("%s needs a value", args[0])
			}
			if args[0] == "--faults" {
				o.Faults = args[1]
			} else {
				o.Root = args[1]
			}
			args = args[1:]
		case "-h", "--help":
			return o, true, nil
		default:
			return o, false, fmt.Errorf("unknown argument %q", args[0])
		}
		args = args[1:]
	}
	return o, false, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, help, err := parse(args, os.Getenv)
	switch {
	case help:
		fmt.Fprint(stdout, usage)
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "demo: %v\n\n%s", err, usage)
		return 2
	}
	if o.Root, err = filepath.Abs(o.Root); err != nil {
		fmt.Fprintln(stderr, "demo:", err)
		return 1
	}
	o.Stdout, o.Stderr = stdout, stderr
	o.Color = isTerminal(os.Stdout)

	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	o.Signals = signals

	err = demo.Run(context.Background(), o)
	var exit *demo.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.Status
	}
	return 1
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
