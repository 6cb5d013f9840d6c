//go:build !unix

package demo

import "os/exec"

// ownProcessGroup does nothing where there are no process groups; the
// console delivers Ctrl-C to Terraform itself.
func ownProcessGroup(*exec.Cmd) {}
