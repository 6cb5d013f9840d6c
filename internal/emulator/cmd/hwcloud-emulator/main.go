// Command hwcloud-emulator serves the strict Huawei Cloud emulator (IAM, CSMS,
// CTS) on a local port for demos and for CI runs against the provider.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, stop))
}
