// Command terraform-provider-hwcloud serves the hwcloud Terraform provider over plugin protocol 6.
package main

import (
	"flag"
	"log"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := provider.ServeProtocol6("registry.terraform.io/hwcloud-oss/hwcloud", version, debug)
	if err != nil {
		log.Fatal(err)
	}
}
