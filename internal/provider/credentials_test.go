package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

// createsOnly is a configuration whose plan needs no API call of its own:
// only the provider's configuration can notice wrong credentials.
func createsOnly(env *acctest.Env, t *testing.T) string {
	return fmt.Sprintf(`
resource "hwcloud_csms_event" "new" {
  name        = %q
  event_types = ["SECRET_ROTATED"]
  notification = {
    target_id = %q
  }
}
`, acctest.RandomName("tf_acc_creds"), env.TopicURN(t, "creds"))
}

// wrongSecret is the emulator's provider block with a secret key that does not match its access key.
func wrongSecret(env *acctest.Env, projectID string) devenv.Provider {
	p := withAKSK(bareProvider(env), projectID)
	p.SecretKey = "not-the-secret-key"
	return p
}

var invalidCredentials = regexp.MustCompile(`(?s)Invalid credentials.*IAM\s+refused\s+the\s+credentials.*` +
	`error\s+code\s+APIG\.0301,\s+request\s+id\s+[0-9a-f]+.*access\s+key\s+"` + emulator.DefaultAccessKey + `".*` +
	`the\s+provider\s+block\s+\(access_key,\s+secret_key\).*skip_credentials_validation`)

// planFailsOnWrongSecret plans createsOnly with wrongSecret(env, projectID)
// and expects the plan to fail with invalidCredentials.
func planFailsOnWrongSecret(t *testing.T, env *acctest.Env, projectID string) {
	t.Helper()
	providerTest(t, resource.TestStep{
		Config:      wrongSecret(env, projectID).HCL() + createsOnly(env, t),
		PlanOnly:    true,
		ExpectError: invalidCredentials,
	})
}

func TestAccProvider_wrongSecretKeyFailsAtPlan(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	planFailsOnWrongSecret(t, env, env.ProjectID)
	if n := env.Emulator.Count(emulator.OpIAMListAuthProjects); n == 0 {
		t.Error("the credentials were not checked")
	}
	if n := env.Emulator.Count(emulator.OpCreateSecretEvent); n != 0 {
		t.Errorf("CreateSecretEvent was called %d times", n)
	}
}

// Without project_id the project lookup is the check, and reports the same error.
func TestAccProvider_wrongSecretKeyFailsTheProjectLookup(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	planFailsOnWrongSecret(t, env, "")
	if n := env.Emulator.Count(emulator.OpIAMListAuthProjects); n != 0 {
		t.Errorf("a separate credential check was made %d times after the project lookup", n)
	}
}

func TestAccProvider_skipCredentialsValidation(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	providerTest(t, resource.TestStep{
		Config:             wrongSecret(env, env.ProjectID).With("skip_credentials_validation = true").HCL() + createsOnly(env, t),
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
	})
	if n := env.Emulator.TotalCount(); n != 0 {
		t.Errorf("a skipped check still made %d calls: %v", n, env.Emulator.Counts())
	}
}

// countingFactories serve the provider as acctest does and count the
// ConfigureProvider calls Terraform makes.
func countingFactories(configures *atomic.Int64) map[string]func() (tfprotov6.ProviderServer, error) {
	factories := acctest.ProtoV6ProviderFactories()
	serve := factories["hwcloud"]
	factories["hwcloud"] = func() (tfprotov6.ProviderServer, error) {
		server, err := serve()
		return configureCounter{ProviderServer: server, n: configures}, err
	}
	return factories
}

type configureCounter struct {
	tfprotov6.ProviderServer
	n *atomic.Int64
}

func (c configureCounter) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	c.n.Add(1)
	return c.ProviderServer.ConfigureProvider(ctx, req)
}

// IAM calls per configuration, by operation.
func iamCallsPerConfigure(t *testing.T, env *acctest.Env, config string) (check, lookup int) {
	t.Helper()
	var configures atomic.Int64
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: countingFactories(&configures),
		Steps: []resource.TestStep{{
			Config: config,
			Check: func(*terraform.State) error {
				if configures.Load() == 0 {
					return fmt.Errorf("the provider was never configured")
				}
				return nil
			},
		}},
	})
	n := int(configures.Load())
	check, lookup = env.Emulator.Count(emulator.OpIAMListAuthProjects), env.Emulator.Count(emulator.OpIAMListProjects)
	if check%n != 0 || lookup%n != 0 {
		t.Fatalf("%d configurations made %d credential checks and %d project lookups", n, check, lookup)
	}
	return check / n, lookup / n
}

func TestAccProvider_oneCredentialCheckPerConfigure(t *testing.T) {
	emulatorOnly(t)
	t.Parallel()
	env := acctest.New(t)
	if check, lookup := iamCallsPerConfigure(t, env, env.Config(listAllSecrets)); check != 1 || lookup != 0 {
		t.Fatalf("per configuration: %d credential checks and %d project lookups, want 1 and 0", check, lookup)
	}
}

func TestAccProvider_noCredentialCheckAfterTheProjectLookup(t *testing.T) {
	emulatorOnly(t)
	t.Parallel()
	env := acctest.New(t)
	config := withAKSK(bareProvider(env), "").HCL() + listAllSecrets
	if check, lookup := iamCallsPerConfigure(t, env, config); check != 0 || lookup != 1 {
		t.Fatalf("per configuration: %d credential checks and %d project lookups, want 0 and 1", check, lookup)
	}
}
