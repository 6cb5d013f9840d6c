// Command floor-provider serves the benchmark's floor provider (package
// internal/bench/floor) under the hwcloud provider's address; the number of
// secrets it answers with comes from HWCLOUD_BENCH_FLOOR_SECRETS.
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/bench/floor"
)

func main() {
	n, err := strconv.Atoi(os.Getenv(floor.EnvSecrets))
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "floor-provider: %s must be a whole number, got %q\n", floor.EnvSecrets, os.Getenv(floor.EnvSecrets))
		os.Exit(1)
	}
	server := floor.New(floor.BenchSecrets(n, time.Now()))
	if err := tf6server.Serve("registry.terraform.io/hwcloud-oss/hwcloud",
		func() tfprotov6.ProviderServer { return server }); err != nil {
		fmt.Fprintln(os.Stderr, "floor-provider:", err)
		os.Exit(1)
	}
}
