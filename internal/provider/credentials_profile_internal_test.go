package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

const testProfiles = `{
  "current": "dev",
  "nonce": "ignored",
  "profiles": [
    {"name": "dev", "mode": "AKSK", "accessKeyId": "PROFILEAK", "secretAccessKey": "profile-sk",
     "region": "cn-south-1", "projectId": "profile-project"},
    {"name": "sso", "mode": "SSO", "accessKeyId": "", "region": "",
     "ssoAuth": {"stsToken": {"accessKeyId": "SSOAK", "secretAccessKey": "sso-sk", "securityToken": "sso-token"}}},
    {"name": "ecs", "mode": "ecsAgency", "region": "cn-north-4"},
    {"name": "agency", "mode": "AKSK", "accessKeyId": "BASEAK", "secretAccessKey": "base-sk",
     "agencyName": "ops", "agencyDomainName": "acme"}
  ]
}`

// isolatedProfileEnv gives a test an empty environment, a home of its own
// (never the developer's) and a profile file in it.
func isolatedProfileEnv(t *testing.T, content string) string {
	t.Helper()
	clearProviderEnv(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv(hwc.EnvMetadataEndpoint, "http://127.0.0.1:1")
	if content != "" {
		if err := os.MkdirAll(filepath.Join(home, ".hcloud"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(home, ".hcloud", "config.json"), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(home, ".hcloud", "config.json")
}

func TestProfileNotReadUnlessAsked(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	isolatedProfileEnv(t, `not json at all`)
	t.Setenv(envRegion, "cn-north-4")
	s, diags := resolveSettings(context.Background(), nullModel())
	if diags.HasError() || s.profile != nil || !s.useMetadata {
		t.Fatalf("the file was read or no fallback to metadata: %v %+v", diags, s.profile)
	}
	if s.metadataEndpoint != "http://127.0.0.1:1" || s.credentials.kind != sourceMetadata {
		t.Fatalf("metadata %q source %v", s.metadataEndpoint, s.credentials)
	}
}

func TestProfilePrecedence(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	cases := []struct {
		name                           string
		model                          func(providerModel) providerModel
		env                            map[string]string
		ak, sk, token, region, project string
		source                         string
		metadata                       bool
	}{
		{name: "current profile from the default file", env: map[string]string{envProfile: ""},
			model: func(m providerModel) providerModel {
				m.SharedConfigFile = types.StringValue("~/.hcloud/config.json")
				return m
			},
			ak: "PROFILEAK", sk: "profile-sk", region: "cn-south-1", project: "profile-project",
			source: `profile "dev" of`},
		{name: "HW_PROFILE names the profile; SSO reads its STS token", env: map[string]string{envProfile: "sso", envRegion: "r1"},
			ak: "SSOAK", sk: "sso-sk", token: "sso-token", region: "r1", source: `profile "sso"`},
		{name: "the argument beats HW_PROFILE", env: map[string]string{envProfile: "sso"},
			model: func(m providerModel) providerModel { m.Profile = types.StringValue("dev"); return m },
			ak:    "PROFILEAK", sk: "profile-sk", region: "cn-south-1", project: "profile-project"},
		{name: "a variable beats the profile", env: map[string]string{envProfile: "dev", envAccessKey: "ENVAK", envSecretKey: "env-sk", envRegion: "eu-west-101"},
			ak: "ENVAK", sk: "env-sk", region: "eu-west-101", project: "profile-project", source: "environment variables"},
		{name: "an argument beats the profile", env: map[string]string{envProfile: "dev"},
			model: func(m providerModel) providerModel {
				m.AccessKey, m.SecretKey = types.StringValue("ARGAK"), types.StringValue("arg-sk")
				m.ProjectID = types.StringValue("arg-project")
				return m
			},
			ak: "ARGAK", sk: "arg-sk", region: "cn-south-1", project: "arg-project", source: "the provider block"},
		{name: "a token elsewhere keeps the profile's keys out", env: map[string]string{envProfile: "dev", envAuthToken: "tok"},
			region: "cn-south-1", project: "profile-project", source: "HW_AUTH_TOKEN"},
		{name: "empty profile fields never wipe: ecsAgency without keys falls through to metadata",
			env: map[string]string{envProfile: "ecs", envProjectID: "env-project"}, region: "cn-north-4",
			project: "env-project", metadata: true},
		{name: "HW_SHARED_CONFIG_FILE alone reads the current profile",
			env: map[string]string{envSharedConfigFile: "FILE"}, ak: "PROFILEAK", sk: "profile-sk",
			region: "cn-south-1", project: "profile-project"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := isolatedProfileEnv(t, testProfiles)
			for k, v := range tc.env {
				t.Setenv(k, strings.ReplaceAll(v, "FILE", file))
			}
			m := nullModel()
			if tc.model != nil {
				m = tc.model(m)
			}
			s, diags := resolveSettings(context.Background(), m)
			if diags.HasError() {
				t.Fatalf("errors: %v", diags)
			}
			if s.accessKey != tc.ak || s.secretKey != tc.sk || s.securityToken != tc.token || s.region != tc.region ||
				s.projectID != tc.project || s.useMetadata != tc.metadata {
				t.Fatalf("got ak=%q sk=%q token=%q region=%q project=%q metadata=%v", s.accessKey, s.secretKey,
					s.securityToken, s.region, s.projectID, s.useMetadata)
			}
			if !strings.Contains(s.credentials.String(), tc.source) {
				t.Errorf("source %q, want it to mention %q", s.credentials, tc.source)
			}
		})
	}
}

func TestProfileErrors(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	cases := []struct {
		name, content, profile, file string
		at                           string
		want                         string
	}{
		{"missing file", "", "dev", "", "shared_config_file", "does not exist"},
		{"missing profile", testProfiles, "prod", "", "profile", `has no profile "prod" (it has "dev", "sso", "ecs", "agency")`},
		{"encrypted file", `{"current":"dev","crypter":{"key":"x"},"profiles":[]}`, "", "", "shared_config_file", "encrypted"},
		{"no profile named", `{"profiles":[{"name":"a"}]}`, "", "", "profile", "no profile is named"},
		{"not JSON", `nope`, "dev", "", "shared_config_file", "not the CLI's JSON"},
		{"explicit file missing", testProfiles, "dev", "/nonexistent/config.json", "shared_config_file", "/nonexistent/config.json does not exist"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			isolatedProfileEnv(t, tc.content)
			t.Setenv(envProfile, tc.profile)
			m := nullModel()
			if tc.file != "" {
				m.SharedConfigFile = types.StringValue(tc.file)
			} else if tc.profile == "" {
				m.SharedConfigFile = types.StringValue("~/.hcloud/config.json")
			}
			_, diags := resolveSettings(context.Background(), m)
			errorAt(t, diags, path.Root(tc.at), tc.want)
		})
	}
}

func assumeBlocks(t *testing.T, blocks ...map[string]attr.Value) types.List {
	t.Helper()
	var elems []attr.Value
	for _, b := range blocks {
		vals := map[string]attr.Value{"agency_name": types.StringNull(), "domain_name": types.StringNull(),
			"domain_id": types.StringNull(), "duration": types.Int64Null(), "session_user": types.StringNull()}
		for k, v := range b {
			vals[k] = v
		}
		elems = append(elems, types.ObjectValueMust(assumeRoleAttrTypes, vals))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: assumeRoleAttrTypes}, elems)
}

func TestAssumeRolePrecedence(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	block := func(m providerModel) providerModel {
		m.AssumeRole = assumeBlocks(t,
			map[string]attr.Value{"agency_name": types.StringValue("a1"), "domain_name": types.StringValue("acme")},
			map[string]attr.Value{"agency_name": types.StringValue("a2"), "domain_id": types.StringValue("d2"),
				"duration": types.Int64Value(1800), "session_user": types.StringValue("ci")})
		return m
	}
	envStep := map[string]string{envAssumeAgencyName: "envagency", envAssumeDomainID: "envdomain", envAssumeDuration: "7200"}
	cases := []struct {
		name  string
		model func(providerModel) providerModel
		env   map[string]string
		want  []hwc.AssumeRole
	}{
		{"blocks form a chain and beat the variables", block, envStep, []hwc.AssumeRole{
			{AgencyName: "a1", DomainName: "acme", Duration: defaultAssumeDurationV3},
			{AgencyName: "a2", DomainID: "d2", Duration: 1800, SessionUser: "ci"}}},
		{"variables beat the profile", nil, merge(envStep, map[string]string{envProfile: "agency"}),
			[]hwc.AssumeRole{{AgencyName: "envagency", DomainID: "envdomain", Duration: 7200}}},
		{"the profile's agency", nil, map[string]string{envProfile: "agency"},
			[]hwc.AssumeRole{{AgencyName: "ops", DomainName: "acme", Duration: defaultAssumeDurationV3}}},
		{"v5 default duration", nil, map[string]string{envAssumeAgencyName: "x", envAssumeDomainID: "d"},
			[]hwc.AssumeRole{{AgencyName: "x", DomainID: "d", Duration: defaultAssumeDurationV5}}},
		{"none", nil, map[string]string{envProfile: "dev"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			isolatedProfileEnv(t, testProfiles)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			m := nullModel()
			m.AccessKey, m.SecretKey, m.Region = types.StringValue("ak"), types.StringValue("sk"), types.StringValue("cn-north-4")
			if tc.model != nil {
				m = tc.model(m)
			}
			s := mustResolve(t, m)
			if len(s.assumeRoles) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", s.assumeRoles, tc.want)
			}
			for i := range tc.want {
				if s.assumeRoles[i] != tc.want[i] {
					t.Errorf("step %d: got %+v, want %+v", i, s.assumeRoles[i], tc.want[i])
				}
			}
		})
	}
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func TestAssumeRoleErrors(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	for name, env := range map[string]map[string]string{
		"no domain":             {envAssumeAgencyName: "x"},
		"both domains":          {envAssumeAgencyName: "x", envAssumeDomainName: "a", envAssumeDomainID: "b"},
		"duration too long":     {envAssumeAgencyName: "x", envAssumeDomainName: "a", envAssumeDuration: "86401"},
		"duration not a number": {envAssumeAgencyName: "x", envAssumeDomainName: "a", envAssumeDuration: "1h"},
	} {
		t.Run(name, func(t *testing.T) {
			isolatedProfileEnv(t, "")
			for k, v := range env {
				t.Setenv(k, v)
			}
			m := nullModel()
			m.AccessKey, m.SecretKey, m.Region = types.StringValue("ak"), types.StringValue("sk"), types.StringValue("cn-north-4")
			_, diags := resolveSettings(context.Background(), m)
			errorAt(t, diags, path.Root("assume_role"), "")
		})
	}
}

func TestNoCredentialsListsWhatWasTried(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	isolatedProfileEnv(t, testProfiles)
	t.Setenv(envProfile, "ecs")
	s := mustResolve(t, nullModel())
	_, diags := s.resolveCredentials(context.Background(), hwc.Config{Region: "cn-north-4"})
	d := diags.Errors()
	if len(d) != 1 {
		t.Fatalf("diags %v", diags)
	}
	detail := d[0].Detail()
	order := []string{"1. provider arguments", "2. environment variables", `3. profile "ecs" of`, `(mode "ecsAgency")`,
		"4. ECS metadata service", "127.0.0.1:1"}
	at := 0
	for _, want := range order {
		i := strings.Index(detail[at:], want)
		if i < 0 {
			t.Fatalf("%q missing or out of order in:\n%s", want, detail)
		}
		at += i
	}
}
