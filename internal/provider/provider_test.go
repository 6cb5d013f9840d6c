package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

// A data source read makes Terraform configure the provider.
const listAllSecrets = `
data "hwcloud_csms_secrets" "all" {}
`

// emulatorOnly is for tests that need to shape the server (its projects, its
// credentials); live runs cover the same code paths through every other test.
func emulatorOnly(t *testing.T) {
	t.Helper()
	if acctest.Live() {
		t.Skip("shapes the emulator's IAM projects or credentials; not applicable to a live account")
	}
}

// bareProvider is a provider block for env's emulator with neither
// credentials nor project: each test adds what it is about.
func bareProvider(env *acctest.Env) devenv.Provider {
	return devenv.EmulatorProvider(env.Region, env.URL)
}

// withAKSK adds the emulator's AK/SK (and the project when projectID is set).
func withAKSK(p devenv.Provider, projectID string) devenv.Provider {
	p.ProjectID, p.AccessKey, p.SecretKey = projectID, emulator.DefaultAccessKey, emulator.DefaultSecretKey
	return p
}

// providerTest runs the steps with the provider served in-process.
func providerTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
}

// withToken adds the emulator's auth token and the project.
func withToken(p devenv.Provider, projectID string) devenv.Provider {
	p.ProjectID = projectID
	return p.With(fmt.Sprintf("auth_token = %q", emulator.DefaultAuthToken))
}

func TestAccProvider_authToken(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	providerTest(t, resource.TestStep{
		Config: withToken(bareProvider(env), env.ProjectID).HCL() + listAllSecrets,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.hwcloud_csms_secrets.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
		},
	})
}

func TestAccProvider_authTokenWinsOverAKSK(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	// The AK/SK are wrong on purpose: the read only succeeds if the token is used.
	providerTest(t, resource.TestStep{
		Config: withToken(devenv.Provider{
			Region: env.Region, AccessKey: "UNKNOWNAK0000000000", SecretKey: "wrong-secret",
			CSMS: env.URL, CTS: env.URL, IAM: env.URL,
		}, env.ProjectID).HCL() + listAllSecrets,
	})
}

func TestAccProvider_temporaryCredentials(t *testing.T) {
	emulatorOnly(t)
	tmp := emulator.TemporaryCredential{
		AccessKey: "TEMPAK00000000000001", SecretKey: "temp-secret-key-1", SecurityToken: "temp-security-token-1",
	}
	env := acctest.New(t, func(o *emulator.Options) { o.TemporaryCredentials = append(o.TemporaryCredentials, tmp) })
	temporary := bareProvider(env)
	temporary.ProjectID, temporary.AccessKey, temporary.SecretKey = env.ProjectID, tmp.AccessKey, tmp.SecretKey
	providerTest(t,
		resource.TestStep{
			// Without its security token a temporary AK is refused, with the service's code.
			Config:      temporary.HCL() + listAllSecrets,
			ExpectError: regexp.MustCompile(`APIG\.0301`),
		},
		resource.TestStep{
			Config: temporary.With(fmt.Sprintf("security_token = %q", tmp.SecurityToken)).HCL() + listAllSecrets,
		},
	)
}

func TestAccProvider_projectIDResolvedThroughIAM(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	providerTest(t, resource.TestStep{
		Config: withAKSK(bareProvider(env), "").HCL() + listAllSecrets,
		Check: func(*terraform.State) error {
			if n := env.Emulator.Count(emulator.OpIAMListProjects); n == 0 {
				return fmt.Errorf("project_id was not looked up through IAM")
			}
			return nil
		},
	})
}

func TestAccProvider_projectIDNotLookedUpWhenSet(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	providerTest(t, resource.TestStep{
		Config: env.Config(listAllSecrets),
		Check: func(*terraform.State) error {
			if n := env.Emulator.Count(emulator.OpIAMListProjects); n != 0 {
				return fmt.Errorf("IAM was called %d times although project_id is set", n)
			}
			return nil
		},
	})
}

func TestAccProvider_projectIDLookupNoMatch(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	// Same endpoints, a region with no project in this account.
	cfg := withAKSK(devenv.EmulatorProvider("ap-southeast-9", env.URL), "").HCL()
	providerTest(t, resource.TestStep{
		Config:      cfg + listAllSecrets,
		ExpectError: regexp.MustCompile(`(?s)Cannot determine the project ID.*no\s+project\s+named\s+"ap-southeast-9"`),
	})
}

func TestAccProvider_projectIDLookupSeveralMatches(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t, func(o *emulator.Options) {
		o.ExtraProjects = append(o.ExtraProjects, emulator.Project{ID: "fedcba9876543210fedcba9876543210", Name: emulator.DefaultRegion})
	})
	providerTest(t, resource.TestStep{
		Config:      withAKSK(bareProvider(env), "").HCL() + listAllSecrets,
		ExpectError: regexp.MustCompile(`(?s)Cannot determine the project ID.*has\s+2\s+projects\s+named`),
	})
}

func TestAccProvider_planTimeValidation(t *testing.T) { //nolint:paralleltest // clears HW_* with t.Setenv
	emulatorOnly(t)
	// The environment would otherwise fill in what a case leaves out on purpose.
	acctest.ClearCloudEnv(t)
	env := acctest.New(t)
	// Each configuration is valid but for one argument and points at the
	// emulator, so a rule that failed to stop the plan would show as API calls.
	valid := withAKSK(bareProvider(env), env.ProjectID)
	but := func(change func(p *devenv.Provider)) string {
		p := valid
		change(&p)
		return p.HCL()
	}
	cases := map[string]struct {
		config string
		want   string
	}{
		"malformed endpoint": {
			config: but(func(p *devenv.Provider) { p.CTS = "cts.cn-north-4.myhuaweicloud.com" }),
			want:   `(?s)Invalid endpoint URL.*https://`,
		},
		"region that is not a host label": {
			config: but(func(p *devenv.Provider) { p.Region = "evil.example.com/x" }),
			want:   `(?s)region.*cn-north-4`,
		},
		"negative max_retries": {
			config: valid.With("max_retries = -1").HCL(),
			want:   `(?s)max_retries.*at least 0`,
		},
		"security_token without AK/SK": {
			config: withToken(bareProvider(env), env.ProjectID).With(`security_token = "sts"`).HCL(),
			want:   `(?s)security_token without AK/SK`,
		},
		"no credentials": {
			config: but(func(p *devenv.Provider) { p.AccessKey, p.SecretKey = "", "" }),
			want:   `(?s)Missing credentials.*No credentials were found`,
		},
		"secret_key without access_key": {
			config: but(func(p *devenv.Provider) { p.AccessKey = "" }),
			want:   `(?s)Missing access_key`,
		},
		"no region while an endpoint is derived": {
			config: but(func(p *devenv.Provider) { p.Region, p.IAM = "", "" }),
			want:   `(?s)Missing region.*endpoints\s+are\s+derived`,
		},
		"unknown argument at configure time": {
			config: but(func(p *devenv.Provider) {
				p.Region = ""
				p.Args = []string{"region = terraform_data.region.output"}
			}) + `
resource "terraform_data" "region" {
  input = "cn-north-4"
}
`,
			want: `(?s)Unknown provider argument.*"region"\s+is\s+unknown`,
		},
		"access_key without secret_key": {
			config: but(func(p *devenv.Provider) { p.Args = []string{`secret_key = ""`}; p.SecretKey = "" }),
			want:   `(?s)Missing secret_key`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      tc.config + listAllSecrets,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	env.RequireNoAPICalls(t)
}
