// Command peakrss-provider stands in for the provider binary in a benchmark's
// dev_overrides directory. It runs the real provider (named by
// HWCLOUD_BENCH_PROVIDER) with the same arguments, standard streams and
// environment, so the go-plugin handshake passes straight through, and when
// the provider exits it appends the provider's peak resident set size in KiB
// (from the kernel's rusage of the child, i.e. its VmHWM, exact and without
// polling) to HWCLOUD_BENCH_RSS_FILE.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/bench"
)

func main() {
	// Ctrl-C reaches the whole process group, the provider included; the
	// wrapper only has to outlive it to record its peak. (A caught signal,
	// unlike an ignored one, is not inherited across exec.)
	signal.Notify(make(chan os.Signal, 1), os.Interrupt)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	provider := os.Getenv(bench.EnvWrappedProvider)
	if provider == "" {
		fmt.Fprintf(stderr, "peakrss-provider: %s is not set\n", bench.EnvWrappedProvider)
		return 1
	}
	cmd := exec.Command(provider, args...)
	// Given *os.File streams (as in main), the child inherits them directly.
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	cmd.SysProcAttr = childAttrs()

	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintf(stderr, "peakrss-provider: %v\n", err)
		return 1
	}
	if path := os.Getenv(bench.EnvPeakRSSFile); path != "" {
		if kib, ok := peakKiB(cmd.ProcessState); ok {
			if err := appendLine(path, fmt.Sprintf("%d\n", kib)); err != nil {
				fmt.Fprintf(stderr, "peakrss-provider: recording peak RSS: %v\n", err)
			}
		}
	}
	return cmd.ProcessState.ExitCode()
}

// appendLine adds one short line; O_APPEND keeps concurrent writers' lines whole.
func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
