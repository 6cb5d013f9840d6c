// Command hwcloud-emulator serves the strict Huawei Cloud emulator (IAM, CSMS,
// CTS) on a local port: for the demo, for this project's CI, and for module
// authors' `terraform test` runs (docs/guides/testing-modules-offline.md).
// Its flags, readiness line, files and control API are a contract, described
// in the emulator package's documentation; `-h` lists the flags.
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
