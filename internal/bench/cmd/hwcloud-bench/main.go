// Command hwcloud-bench runs the provider benchmarks and prints the
// results as markdown: `make bench` runs it through scripts/bench.sh, which
// builds the binaries it needs.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
