// Command hwcloud-cliconfig prints a Terraform CLI configuration whose
// dev_overrides take the hwcloud provider from the directory given as its
// one argument. Shell scripts use it so that the configuration has one
// source (devenv.CLIConfig).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hwcloud-cliconfig DIR")
		os.Exit(2)
	}
	dir, err := filepath.Abs(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "hwcloud-cliconfig:", err)
		os.Exit(1)
	}
	fmt.Print(devenv.CLIConfig(dir))
}
