package provider

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Emulator runs (make test, the demo, the benchmarks) drop the environment
// variables devenv names; a variable the provider reads outside that rule
// would leak a developer's real account into them.
func TestProviderEnvVariablesAreCloudVariables(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		envRegion, envProjectID, envAccessKey, envSDKAccessKey, envSecretKey, envSDKSecretKey, envSecurityToken,
		envAuthToken, envInsecure, envMaxRetries, envCSMSEndpoint, envCTSEndpoint, envIAMEndpoint,
		envSkipCredentialsValidation, envSTSEndpoint, envSharedConfigFile, envProfile, envAssumeAgencyName,
		envAssumeDomainName, envAssumeDomainID, envAssumeDuration, hwc.EnvMetadataEndpoint, envBatchReads,
		envCACertFile,
	} {
		if !devenv.IsCloudVariable(name) {
			t.Errorf("the provider reads %s, which emulator runs do not clear", name)
		}
	}
}

// clearProviderEnv isolates a test from the developer's HW_* variables.
func clearProviderEnv(t *testing.T) {
	t.Helper()
	for _, name := range devenv.CloudVariables(os.Environ()) {
		t.Setenv(name, "")
	}
}

// providerEnv is clearProviderEnv, then the variables vars.
func providerEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	clearProviderEnv(t)
	for name, value := range vars {
		t.Setenv(name, value)
	}
}

// mustResolve is resolveSettings(m), which must not report an error.
func mustResolve(t *testing.T, m providerModel) settings {
	t.Helper()
	s, diags := resolveSettings(context.Background(), m)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return s
}

var endpointAttrTypes = map[string]attr.Type{"csms": types.StringType, "cts": types.StringType, "iam": types.StringType, "sts": types.StringType}

func nullModel() providerModel {
	return providerModel{
		Region: types.StringNull(), ProjectID: types.StringNull(), AccessKey: types.StringNull(),
		SecretKey: types.StringNull(), SecurityToken: types.StringNull(), AuthToken: types.StringNull(),
		Endpoints: types.ObjectNull(endpointAttrTypes), Insecure: types.BoolNull(), MaxRetries: types.Int64Null(),
		CACertFile:                types.StringNull(),
		SkipCredentialsValidation: types.BoolNull(),
		SharedConfigFile:          types.StringNull(), Profile: types.StringNull(),
		AssumeRole: types.ListNull(types.ObjectType{AttrTypes: assumeRoleAttrTypes}),
		BatchReads: types.BoolNull(),
	}
}

func endpointsValue(csms, cts, iam attr.Value) types.Object {
	return types.ObjectValueMust(endpointAttrTypes, map[string]attr.Value{"csms": csms, "cts": cts, "iam": iam, "sts": types.StringNull()})
}

// errorAt returns the first error diagnostic at path p, or fails.
func errorAt(t *testing.T, diags diag.Diagnostics, p path.Path, wantDetail string) {
	t.Helper()
	for _, d := range diags.Errors() {
		if wp, ok := d.(diag.DiagnosticWithPath); ok && wp.Path().Equal(p) {
			if !strings.Contains(d.Summary()+" "+d.Detail(), wantDetail) {
				t.Fatalf("error at %s = %q / %q, want it to mention %q", p, d.Summary(), d.Detail(), wantDetail)
			}
			return
		}
	}
	t.Fatalf("no error at %s mentioning %q; got %v", p, wantDetail, diags)
}

func TestResolveSettingsEnvironmentFallbacks(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	providerEnv(t, map[string]string{
		envRegion:        "cn-north-4",
		envProjectID:     "p1",
		envSDKAccessKey:  "sdk-ak",
		envAccessKey:     "hw-ak",
		envSDKSecretKey:  "sdk-sk",
		envSecurityToken: "sts",
		envInsecure:      "true",
		envMaxRetries:    "2",
		envCTSEndpoint:   "http://127.0.0.1:9",
		envBatchReads:    "false",
	})

	s := mustResolve(t, nullModel())
	want := settings{
		region: "cn-north-4", projectID: "p1", accessKey: "hw-ak", secretKey: "sdk-sk", securityToken: "sts",
		endpoints: hwc.Endpoints{CTS: "http://127.0.0.1:9"}, insecure: true, maxRetries: 2, batchReads: false,
		credentials: credentialSource{kind: sourceEnvironment, names: []string{envAccessKey, envSDKSecretKey, envSecurityToken}},
	}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("settings = %+v, want %+v", s, want)
	}
	if s.authMode() != "temporary-aksk" {
		t.Fatalf("authMode = %s", s.authMode())
	}
}

func TestResolveSettingsConfigWinsOverEnvironment(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	providerEnv(t, map[string]string{
		envRegion: "env-region", envAccessKey: "env-ak", envSecretKey: "env-sk", envMaxRetries: "9", envBatchReads: "false",
	})
	m := nullModel()
	m.Region = types.StringValue("cn-north-4")
	m.AccessKey = types.StringValue("cfg-ak")
	m.SecretKey = types.StringValue("cfg-sk")
	m.MaxRetries = types.Int64Value(0)
	m.BatchReads = types.BoolValue(true)

	s := mustResolve(t, m)
	if s.region != "cn-north-4" || s.accessKey != "cfg-ak" || s.secretKey != "cfg-sk" || s.maxRetries != 0 || !s.batchReads {
		t.Fatalf("settings = %+v", s)
	}
}

func TestClientConfigTokenWinsOverAKSK(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	t.Setenv(envAuthToken, "tok")
	m := nullModel()
	m.Region = types.StringValue("cn-north-4")
	m.AccessKey = types.StringValue("ak")
	m.SecretKey = types.StringValue("sk")
	s := mustResolve(t, m)
	cfg := s.clientConfig(&hwcloudProvider{version: "1.2.3"}, "1.11.0")
	if cfg.AuthToken != "tok" || cfg.AccessKey != "" || cfg.SecretKey != "" {
		t.Fatalf("token must win and AK/SK must not be passed on: %+v", cfg)
	}
	if cfg.UserAgent != "terraform-provider-hwcloud/1.2.3 Terraform/1.11.0" {
		t.Fatalf("UserAgent = %q", cfg.UserAgent)
	}
	if got := s.secretValues(); len(got) != 2 {
		t.Fatalf("secretValues = %d values, want the secret key and the token", len(got))
	}
}

func TestResolveSettingsRules(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	// Each case changes a model with region, access key and secret key.
	cases := []struct {
		name   string
		change func(*providerModel)
		env    map[string]string
		path   path.Path
		detail string
	}{
		{"access key without secret key", func(m *providerModel) { m.SecretKey = types.StringNull() },
			nil, path.Root("secret_key"), "secret_key is not"},
		{"secret key without access key", func(m *providerModel) { m.AccessKey = types.StringNull() },
			nil, path.Root("access_key"), "access_key is not"},
		{"security token without AK/SK", func(m *providerModel) {
			m.Region = types.StringValue("r")
			m.AccessKey, m.SecretKey = types.StringNull(), types.StringNull()
			m.AuthToken = types.StringValue("tok")
			m.SecurityToken = types.StringValue("sts")
		}, nil, path.Root("security_token"), "temporary AK/SK"},
		{"no region with derived endpoints", func(m *providerModel) {
			m.Region = types.StringNull()
			m.ProjectID = types.StringValue("p")
		}, nil, path.Root("region"), "endpoints are derived"},
		{"no region and no project id", func(m *providerModel) {
			m.Region = types.StringNull()
			u := types.StringValue("http://127.0.0.1:1")
			m.Endpoints = endpointsValue(u, u, u)
		}, nil, path.Root("region"), "looked up by region"},
		{"malformed endpoint", func(m *providerModel) {
			m.Endpoints = endpointsValue(types.StringValue("ftp://x"), types.StringNull(), types.StringNull())
		}, nil, path.Root("endpoints").AtName("csms"), "https://"},
		{"malformed endpoint from the environment", nil, map[string]string{envIAMEndpoint: "kms.example.com"},
			path.Root("endpoints").AtName("iam"), "https://"},
		{"negative max_retries", func(m *providerModel) { m.MaxRetries = types.Int64Value(-1) },
			nil, path.Root("max_retries"), "at least 0"},
		{"max_retries from the environment not a number", nil, map[string]string{envMaxRetries: "many"},
			path.Root("max_retries"), envMaxRetries},
		{"insecure from the environment not a bool", nil, map[string]string{envInsecure: "yes please"},
			path.Root("insecure"), envInsecure},
		{"batch_reads from the environment not a bool", nil, map[string]string{envBatchReads: "sometimes"},
			path.Root("batch_reads"), envBatchReads},
		{"unknown region", func(m *providerModel) { m.Region = types.StringUnknown() },
			nil, path.Root("region"), `"region" is unknown`},
		{"unknown endpoint", func(m *providerModel) {
			m.Endpoints = endpointsValue(types.StringUnknown(), types.StringNull(), types.StringNull())
		}, nil, path.Root("endpoints").AtName("csms"), "endpoints.csms is unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			providerEnv(t, tc.env)
			m := nullModel()
			m.Region = types.StringValue("cn-north-4")
			m.AccessKey = types.StringValue("ak")
			m.SecretKey = types.StringValue("sk")
			if tc.change != nil {
				tc.change(&m)
			}
			_, diags := resolveSettings(context.Background(), m)
			errorAt(t, diags, tc.path, tc.detail)
		})
	}
}

func TestCheckEndpointURL(t *testing.T) {
	t.Parallel()
	for raw, ok := range map[string]bool{
		"https://kms.cn-north-4.myhuaweicloud.com": true,
		"http://127.0.0.1:8931":                    true,
		"https://example.com/prefix":               true,
		"kms.cn-north-4.myhuaweicloud.com":         false,
		"ftp://example.com":                        false,
		"https://":                                 false,
		"https://user:pw@example.com":              false,
		"https://example.com?x=1":                  false,
		" https://example.com":                     false,
		"https://example.com#frag":                 false,
	} {
		if err := checkEndpointURL(raw); (err == nil) != ok {
			t.Errorf("checkEndpointURL(%q) = %v, want ok=%v", raw, err, ok)
		}
	}
}

func TestCheckEndpointURLNeverRepeatsAPassword(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"https://user:s3cr3tpw@example.com", "ftp://user:s3cr3tpw@example.com", "https://user:s3cr3tpw@exa mple.com/%zz"} {
		err := checkEndpointURL(raw)
		if err == nil || strings.Contains(err.Error(), "s3cr3tpw") {
			t.Errorf("checkEndpointURL(%q) = %v: want an error without the password", raw, err)
		}
	}
}

func TestBatchReadsDefaultsToOnAndDecidesTheMode(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	m := nullModel()
	m.AccessKey, m.SecretKey, m.Region = types.StringValue("ak"), types.StringValue("sk"), types.StringValue("cn-north-4")
	s, diags := resolveSettings(context.Background(), m)
	if diags.HasError() || !s.batchReads {
		t.Fatalf("batch_reads unset: batchReads = %v (%v), want true", s.batchReads, diags)
	}
	p := newProvider("test")
	if got := p.batchMode(true); got != framework.ReadBatchDefault {
		t.Errorf("on: mode %v", got)
	}
	if got := p.batchMode(false); got != framework.ReadBatchOff {
		t.Errorf("off: mode %v", got)
	}
	eager := newProvider("test", WithReadBatchMode(framework.ReadBatchEager))
	if eager.batchMode(true) != framework.ReadBatchEager || eager.batchMode(false) != framework.ReadBatchOff {
		t.Error("a test's mode must apply only while batch_reads is on")
	}
}
