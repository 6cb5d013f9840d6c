//go:build !linux

package main

import (
	"os"
	"syscall"
)

func childAttrs() *syscall.SysProcAttr { return nil }

// peakKiB is not recorded off Linux: ru_maxrss units differ between systems,
// and the benchmarks are documented for Linux.
func peakKiB(*os.ProcessState) (int64, bool) { return 0, false }
