package main

import (
	"os"
	"syscall"
)

// childAttrs makes the provider die with the wrapper, should Terraform ever
// kill the wrapper outright, so no provider process is left behind.
func childAttrs() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// peakKiB is the child's maximum resident set size (Linux reports ru_maxrss in KiB).
func peakKiB(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return ru.Maxrss, true
}
