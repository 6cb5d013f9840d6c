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

// providerBlock renders a provider configuration against env's emulator.
func providerBlock(env *acctest.Env, args string) string {
	return fmt.Sprintf(`provider "hwcloud" {
  region = %q
  endpoints = {
    csms = %q
    cts  = %q
    iam  = %q
  }
%s
}
`, env.Region, env.URL, env.URL, env.URL, args)
}

func TestAccProvider_authToken(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerBlock(env, fmt.Sprintf("  project_id = %q\n  auth_token = %q\n",
				env.ProjectID, emulator.DefaultAuthToken)) + listAllSecrets,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.hwcloud_csms_secrets.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

func TestAccProvider_authTokenWinsOverAKSK(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	// The AK/SK are wrong on purpose: the read only succeeds if the token is used.
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerBlock(env, fmt.Sprintf(`  project_id = %q
  auth_token = %q
  access_key = "UNKNOWNAK0000000000"
  secret_key = "wrong-secret"
`, env.ProjectID, emulator.DefaultAuthToken)) + listAllSecrets,
		}},
	})
}

func TestAccProvider_temporaryCredentials(t *testing.T) {
	emulatorOnly(t)
	tmp := emulator.TemporaryCredential{
		AccessKey: "TEMPAK00000000000001", SecretKey: "temp-secret-key-1", SecurityToken: "temp-security-token-1",
	}
	env := acctest.New(t, func(o *emulator.Options) { o.TemporaryCredentials = append(o.TemporaryCredentials, tmp) })
	creds := fmt.Sprintf("  project_id = %q\n  access_key = %q\n  secret_key = %q\n", env.ProjectID, tmp.AccessKey, tmp.SecretKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// Without its security token a temporary AK is refused, with the service's code.
				Config:      providerBlock(env, creds) + listAllSecrets,
				ExpectError: regexp.MustCompile(`APIG\.0301`),
			},
			{
				Config: providerBlock(env, creds+fmt.Sprintf("  security_token = %q\n", tmp.SecurityToken)) + listAllSecrets,
			},
		},
	})
}

func TestAccProvider_projectIDResolvedThroughIAM(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	creds := fmt.Sprintf("  access_key = %q\n  secret_key = %q\n", emulator.DefaultAccessKey, emulator.DefaultSecretKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerBlock(env, creds) + listAllSecrets,
			Check: func(*terraform.State) error {
				if n := env.Emulator.Count(emulator.OpIAMListProjects); n == 0 {
					return fmt.Errorf("project_id was not looked up through IAM")
				}
				return nil
			},
		}},
	})
}

func TestAccProvider_projectIDNotLookedUpWhenSet(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: env.Config(listAllSecrets),
			Check: func(*terraform.State) error {
				if n := env.Emulator.Count(emulator.OpIAMListProjects); n != 0 {
					return fmt.Errorf("IAM was called %d times although project_id is set", n)
				}
				return nil
			},
		}},
	})
}

func TestAccProvider_projectIDLookupNoMatch(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	creds := fmt.Sprintf("  access_key = %q\n  secret_key = %q\n", emulator.DefaultAccessKey, emulator.DefaultSecretKey)
	cfg := providerBlock(env, creds)
	// Same endpoints, a region with no project in this account.
	cfg = regexp.MustCompile(`region = "[^"]*"`).ReplaceAllString(cfg, `region = "ap-southeast-9"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg + listAllSecrets,
			ExpectError: regexp.MustCompile(`(?s)Cannot determine the project ID.*no\s+project\s+named\s+"ap-southeast-9"`),
		}},
	})
}

func TestAccProvider_projectIDLookupSeveralMatches(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t, func(o *emulator.Options) {
		o.ExtraProjects = append(o.ExtraProjects, emulator.Project{ID: "fedcba9876543210fedcba9876543210", Name: emulator.DefaultRegion})
	})
	creds := fmt.Sprintf("  access_key = %q\n  secret_key = %q\n", emulator.DefaultAccessKey, emulator.DefaultSecretKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      providerBlock(env, creds) + listAllSecrets,
			ExpectError: regexp.MustCompile(`(?s)Cannot determine the project ID.*has\s+2\s+projects\s+named`),
		}},
	})
}

// liveEnvVars would otherwise fill in what a case leaves out on purpose.
var liveEnvVars = []string{
	"HW_REGION_NAME", "HW_PROJECT_ID", "HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_SECURITY_TOKEN", "HW_AUTH_TOKEN",
	"HW_INSECURE", "HW_MAX_RETRIES", "HW_CSMS_ENDPOINT", "HW_CTS_ENDPOINT", "HW_IAM_ENDPOINT", "CLOUD_SDK_AK", "CLOUD_SDK_SK",
}

func TestAccProvider_planTimeValidation(t *testing.T) { //nolint:paralleltest // clears HW_* with t.Setenv
	emulatorOnly(t)
	for _, v := range liveEnvVars {
		t.Setenv(v, "")
	}
	env := acctest.New(t)
	// Each configuration is valid but for one argument and points at the
	// emulator, so a rule that failed to stop the plan would show as API calls.
	creds := fmt.Sprintf("  project_id = %q\n  access_key = %q\n  secret_key = %q\n",
		env.ProjectID, emulator.DefaultAccessKey, emulator.DefaultSecretKey)
	cases := map[string]struct {
		config string
		want   string
	}{
		"malformed endpoint": {
			config: regexp.MustCompile(`cts  = "[^"]*"`).ReplaceAllString(providerBlock(env, creds),
				`cts  = "cts.cn-north-4.myhuaweicloud.com"`),
			want: `(?s)Invalid endpoint URL.*https://`,
		},
		"region that is not a host label": {
			config: regexp.MustCompile(`region = "[^"]*"`).ReplaceAllString(providerBlock(env, creds),
				`region = "evil.example.com/x"`),
			want: `(?s)region.*cn-north-4`,
		},
		"negative max_retries": {
			config: providerBlock(env, creds+"  max_retries = -1\n"),
			want:   `(?s)max_retries.*at least 0`,
		},
		"security_token without AK/SK": {
			config: providerBlock(env, fmt.Sprintf("  project_id = %q\n  auth_token = %q\n  security_token = \"sts\"\n",
				env.ProjectID, emulator.DefaultAuthToken)),
			want: `(?s)security_token without AK/SK`,
		},
		"no credentials": {
			config: providerBlock(env, fmt.Sprintf("  project_id = %q\n", env.ProjectID)),
			want:   `(?s)Missing credentials.*No credentials were found`,
		},
		"secret_key without access_key": {
			config: providerBlock(env, fmt.Sprintf("  project_id = %q\n  secret_key = %q\n",
				env.ProjectID, emulator.DefaultSecretKey)),
			want: `(?s)Missing access_key`,
		},
		"no region while an endpoint is derived": {
			config: regexp.MustCompile(`(?m)^\s*(region|iam)\s+= "[^"]*"\n`).ReplaceAllString(providerBlock(env, creds), ""),
			want:   `(?s)Missing region.*endpoints\s+are\s+derived`,
		},
		"unknown argument at configure time": {
			config: regexp.MustCompile(`region = "[^"]*"`).ReplaceAllString(providerBlock(env, creds),
				`region = terraform_data.region.output`) + `
resource "terraform_data" "region" {
  input = "cn-north-4"
}
`,
			want: `(?s)Unknown provider argument.*"region"\s+is\s+unknown`,
		},
		"access_key without secret_key": {
			config: providerBlock(env, fmt.Sprintf("  project_id = %q\n  access_key = %q\n  secret_key = \"\"\n",
				env.ProjectID, emulator.DefaultAccessKey)),
			want: `(?s)Missing secret_key`,
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
