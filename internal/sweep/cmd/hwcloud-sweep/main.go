// Command hwcloud-sweep deletes what a failed `make testacc-live` left behind
// in a real Huawei Cloud project (make sweep; -dry-run lists only). See
// package sweep.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sweep"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := sweep.Main(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr, nil)
	stop()
	os.Exit(code)
}
