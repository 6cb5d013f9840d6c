package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// withAgencies seeds the agencies "ops" and "audit" of the account "acme" (id "acme-id").
func withAgencies(o *emulator.Options) {
	o.Seed.Agencies = []emulator.SeedAgency{
		{Name: "ops", DomainName: "acme", DomainID: "acme-id"},
		{Name: "audit", DomainName: "acme", DomainID: "acme-id"},
	}
}

// agencyProvider is the emulator's block with its AK/SK, no project id (it
// is looked up with the assumed credentials), STS at the emulator and blocks.
func agencyProvider(env *acctest.Env, blocks ...string) devenv.Provider {
	p := withAKSK(bareProvider(env), "")
	p.Args = append(p.Args, fmt.Sprintf("endpoints = {\n    csms = %q\n    cts = %q\n    iam = %q\n    sts = %q\n  }",
		env.URL, env.URL, env.URL, env.URL))
	p.CSMS, p.CTS, p.IAM = "", "", ""
	for _, b := range blocks {
		p.Args = append(p.Args, "assume_role {\n"+b+"\n  }")
	}
	return p
}

func TestAccProvider_agency(t *testing.T) {
	emulatorOnly(t)
	for name, block := range map[string]string{
		"v3 by domain name": `agency_name = "ops"
    domain_name = "acme"`,
		"v5 by domain id": `agency_name = "ops"
    domain_id   = "acme-id"
    duration    = 3600`,
		"session user": `agency_name = "ops"
    domain_name = "acme"
    session_user = "ci-runner"
    duration = 900`,
	} {
		t.Run(name, func(t *testing.T) {
			env := acctest.New(t, withAgencies)
			providerTest(t, resource.TestStep{Config: agencyProvider(env, block).HCL() + listAllSecrets})
			assumed := env.Emulator.Count(emulator.OpIAMAssumeRole) + env.Emulator.Count(emulator.OpSTSAssumeAgency)
			if assumed == 0 {
				t.Fatal("no agency was assumed")
			}
			if n := env.Emulator.Count(emulator.OpIAMListProjects); n == 0 {
				t.Error("the project was not looked up")
			}
		})
	}
}

func TestAccProvider_agencyChain(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t, withAgencies)
	providerTest(t, resource.TestStep{Config: agencyProvider(env,
		`agency_name = "ops"
    domain_name = "acme"`,
		`agency_name = "audit"
    domain_id   = "acme-id"`).HCL() + listAllSecrets})
	v3, v5 := env.Emulator.Count(emulator.OpIAMAssumeRole), env.Emulator.Count(emulator.OpSTSAssumeAgency)
	if v3 == 0 || v3 != v5 {
		t.Fatalf("a chain of two: %d v3 and %d v5 assumptions", v3, v5)
	}
}

func TestAccProvider_agencyRefused(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t, withAgencies)
	providerTest(t, resource.TestStep{
		Config: agencyProvider(env, `agency_name = "nobody"
    domain_id   = "acme-id"`).HCL() + createsOnly(env, t),
		PlanOnly: true,
		ExpectError: regexp.MustCompile(`(?s)Cannot assume the agency.*agency\s+"nobody"\s+of\s+account\s+"acme-id".*` +
			`STS5\.1106,\s+request\s+id\s+[0-9a-f]+.*the\s+provider\s+block\s+\(access_key,\s+secret_key\)`),
	})
	if n := env.Emulator.Count(emulator.OpCreateSecretEvent) + env.Emulator.Count(emulator.OpIAMListProjects); n != 0 {
		t.Errorf("%d calls after a refused assumption", n)
	}
}

// An apply longer than the lifetime of the assumed credentials succeeds:
// they are renewed before they expire (the emulator refuses expired ones).
func TestAccProvider_agencyRenewedDuringALongApply(t *testing.T) {
	emulatorOnly(t)
	const ttl = 3 * time.Second
	env := acctest.New(t, withAgencies, func(o *emulator.Options) {
		o.CredentialsTTL = ttl
		o.Faults.Latency = 300 * time.Millisecond
	})
	// A chain of events, each created after the previous one: far longer than the ttl.
	config := agencyProvider(env, `agency_name = "ops"
    domain_name = "acme"`).HCL()
	topic := env.TopicURN(t, "renewal")
	for i := range 8 {
		dep := ""
		if i > 0 {
			dep = fmt.Sprintf("depends_on = [hwcloud_csms_event.e%d]", i-1)
		}
		config += fmt.Sprintf(`
resource "hwcloud_csms_event" "e%d" {
  name        = %q
  event_types = ["SECRET_ROTATED"]
  notification = { target_id = %q }
  %s
}
`, i, acctest.RandomName("tf_acc_renew"), topic, dep)
	}
	var configures atomic.Int64
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: countingFactories(&configures),
		Steps:                    []resource.TestStep{{Config: config}},
	})
	if took := time.Since(start); took < ttl {
		t.Fatalf("the test took %v, not longer than the credentials' lifetime %v", took, ttl)
	}
	if a, c := int64(env.Emulator.Count(emulator.OpIAMAssumeRole)), configures.Load(); a <= c {
		t.Fatalf("%d assumptions for %d configurations: nothing was renewed", a, c)
	}
}

// metadataEnv starts an emulator with a metadata listener and points the
// provider at it (t.Setenv: these tests do not run in parallel).
func metadataEnv(t *testing.T, opts ...acctest.EnvOption) *acctest.Env {
	t.Helper()
	env := acctest.New(t, append(opts, func(o *emulator.Options) { o.MetadataListen = "127.0.0.1:0" })...)
	acctest.ClearCloudEnv(t)
	t.Setenv(hwc.EnvMetadataEndpoint, env.MetadataURL)
	t.Setenv("HOME", t.TempDir())
	return env
}

func TestAccProvider_metadataCredentialsAlone(t *testing.T) {
	emulatorOnly(t)
	env := metadataEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    []resource.TestStep{{Config: bareProvider(env).HCL() + listAllSecrets}},
	})
	if n := env.Emulator.Count(emulator.OpMetadataSecurityKey); n == 0 {
		t.Fatal("the metadata service was not asked")
	}
}

func TestAccProvider_noCredentialsAnywhere(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	acctest.ClearCloudEnv(t)
	t.Setenv("HOME", t.TempDir())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: bareProvider(env).HCL() + listAllSecrets,
			ExpectError: regexp.MustCompile(`(?s)Missing credentials.*Tried,\s+in\s+order.*provider\s+arguments.*` +
				`environment\s+variables.*CLI\s+profile:\s+not\s+read.*ECS\s+metadata\s+service.*127\.0\.0\.1:1`),
		}},
	})
}

func writeProfiles(t *testing.T, content string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestAccProvider_profiles(t *testing.T) {
	emulatorOnly(t)
	temp := emulator.TemporaryCredential{AccessKey: "SSOTEMPAK00000000001", SecretKey: "sso-secret", SecurityToken: "sso-token"}
	env := metadataEnv(t, withAgencies, func(o *emulator.Options) {
		o.TemporaryCredentials = []emulator.TemporaryCredential{temp}
	})
	file := writeProfiles(t, fmt.Sprintf(`{"current":"aksk","profiles":[
  {"name":"aksk","mode":"AKSK","accessKeyId":%q,"secretAccessKey":%q,"region":%q},
  {"name":"sso","mode":"SSO","region":%q,"ssoAuth":{"stsToken":{"accessKeyId":%q,"secretAccessKey":%q,"securityToken":%q}}},
  {"name":"ecs","mode":"ecsAgency","region":%q},
  {"name":"agency","mode":"AKSK","accessKeyId":%q,"secretAccessKey":%q,"agencyName":"ops","agencyDomainName":"acme"}
]}`, emulator.DefaultAccessKey, emulator.DefaultSecretKey, env.Region, env.Region, temp.AccessKey, temp.SecretKey,
		temp.SecurityToken, env.Region, emulator.DefaultAccessKey, emulator.DefaultSecretKey))
	block := func(profile string) string {
		p := bareProvider(env)
		p.Region = "" // from the profile, except for "agency", which has none
		if profile == "agency" {
			p.Region = env.Region
		}
		args := []string{fmt.Sprintf("shared_config_file = %q", file)}
		if profile != "" {
			args = append(args, fmt.Sprintf("profile = %q", profile))
		}
		return p.With(args...).HCL()
	}
	counts := func(op string) func(*terraform.State) error {
		before := env.Emulator.Count(op)
		return func(*terraform.State) error {
			if env.Emulator.Count(op) == before {
				return fmt.Errorf("%s was not called", op)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      block("missing") + listAllSecrets,
				ExpectError: regexp.MustCompile(`(?s)Cannot use the shared config file.*no\s+profile\s+"missing"`),
			},
			{Config: block("") + listAllSecrets},    // the current profile: AKSK
			{Config: block("sso") + listAllSecrets}, // the SSO STS token
			{Config: block("ecs") + listAllSecrets, Check: counts(emulator.OpMetadataSecurityKey)},
			{Config: block("agency") + listAllSecrets, Check: counts(emulator.OpIAMAssumeRole)},
		},
	})
}
