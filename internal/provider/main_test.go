package provider_test

import (
	"os"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

// TestMain lets Terraform run this test binary as the provider for the tests
// that drive the CLI directly (acctest.CLI).
func TestMain(m *testing.M) {
	if acctest.ServeProviderIfAsked() {
		return
	}
	os.Exit(m.Run())
}
