package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

const wrongSecret = "wrong-secret-key-do-not-show"

// checkAgainst runs the credential check of s against url and returns its error.
func checkAgainst(t *testing.T, s settings, url string) error {
	t.Helper()
	s.endpoints = hwc.Endpoints{CSMS: url, CTS: url, IAM: url}
	cfg := s.clientConfig(&hwcloudProvider{version: "test", retryBaseDelay: time.Millisecond,
		retryMaxDelay: 2 * time.Millisecond}, "")
	c, err := hwc.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c.CheckCredentials(context.Background())
}

// mustCredentialCheckDiagnostic is the diagnostic the credential check gives
// for err; the test fails when err is not a credential or network problem.
func mustCredentialCheckDiagnostic(t *testing.T, s settings, err error) diag.Diagnostic {
	t.Helper()
	d, ok := credentialCheckDiagnostic(s, "checking them", err)
	if !ok {
		t.Fatalf("no diagnostic for %v", err)
	}
	return d
}

// mentionsAll fails the test for each of wants that text does not contain.
func mentionsAll(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("the message does not mention %q:\n%s", want, text)
		}
	}
}

func emulatorURL(t *testing.T) string {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv.URL
}

func TestCredentialCheckRefusedKey(t *testing.T) {
	t.Parallel()
	s := settings{
		region: "cn-north-4", projectID: "p", accessKey: emulator.DefaultAccessKey, secretKey: wrongSecret,
		credentials: credentialSource{kind: sourceEnvironment, names: []string{envAccessKey, envSecretKey}},
		maxRetries:  3,
	}
	err := checkAgainst(t, s, emulatorURL(t))
	if !hwc.IsUnauthorized(err) {
		t.Fatalf("a wrong secret key gave %v, want a refusal", err)
	}
	d := mustCredentialCheckDiagnostic(t, s, err)
	text := d.Summary() + "\n" + d.Detail()
	t.Log(text)
	mentionsAll(t, text,
		"Invalid credentials",
		"GET /v3/auth/projects",
		"error code APIG.0301",
		`access key "`+emulator.DefaultAccessKey+`"`,
		"environment variables (HW_ACCESS_KEY, HW_SECRET_KEY)",
		"exists and is enabled",
		"skip_credentials_validation = true",
		envSkipCredentialsValidation,
	)
	if !regexp.MustCompile(`request id [0-9a-f]{8,}`).MatchString(text) {
		t.Errorf("the message has no request id:\n%s", text)
	}
	if strings.Contains(text, wrongSecret) {
		t.Errorf("the message shows the secret key:\n%s", text)
	}
}

func TestCredentialCheckRefusedToken(t *testing.T) {
	t.Parallel()
	s := settings{
		region: "cn-north-4", projectID: "p", authToken: "expired-token-do-not-show",
		credentials: credentialSource{kind: sourceProviderBlock, names: []string{"auth_token"}},
	}
	err := checkAgainst(t, s, emulatorURL(t))
	d := mustCredentialCheckDiagnostic(t, s, err)
	text := d.Detail()
	mentionsAll(t, text, "an IAM token", "the provider block (auth_token)", "expired")
	if strings.Contains(text, "expired-token-do-not-show") {
		t.Errorf("the message shows the token:\n%s", text)
	}
}

func TestCredentialCheckNetworkFailure(t *testing.T) {
	t.Parallel()
	// A port nobody listens on: every attempt is refused before anything is sent.
	s := settings{region: "cn-north-4", projectID: "p", accessKey: "AK", secretKey: wrongSecret, maxRetries: 2}
	err := checkAgainst(t, s, "http://127.0.0.1:1")
	if hwc.IsUnauthorized(err) || !hwc.IsNetworkFailure(err) {
		t.Fatalf("err = %v: want a network failure", err)
	}
	d := mustCredentialCheckDiagnostic(t, s, err)
	text := d.Summary() + "\n" + d.Detail()
	t.Log(text)
	mentionsAll(t, text,
		"Cannot reach IAM", "network failure, not a verdict on the credentials", "retried up to max_retries (2)",
		"after 3 attempts", "skip_credentials_validation",
	)
	if strings.Contains(text, "Invalid credentials") || strings.Contains(text, "refused the credentials") {
		t.Errorf("a network failure reads as bad credentials:\n%s", text)
	}
}

func TestCredentialCheckOtherFailure(t *testing.T) {
	t.Parallel()
	s := settings{region: "cn-north-4", projectID: "p", accessKey: emulator.DefaultAccessKey,
		secretKey: emulator.DefaultSecretKey}
	// An IAM endpoint with a path prefix the emulator does not serve: 404 APIG.0101.
	err := checkAgainst(t, s, emulatorURL(t)+"/wrong")
	if _, ok := credentialCheckDiagnostic(s, "checking them", err); ok {
		t.Fatalf("%v was taken for a credential or network problem", err)
	}
	d := checkFailedDiagnostic(err)
	if !strings.Contains(d.Detail(), "APIG.0101") || !strings.Contains(d.Detail(), "endpoints.iam") {
		t.Errorf("detail = %s", d.Detail())
	}
}

func TestCredentialCheckAcceptsTheEmulatorKey(t *testing.T) {
	t.Parallel()
	s := settings{region: "cn-north-4", projectID: "p", accessKey: emulator.DefaultAccessKey,
		secretKey: emulator.DefaultSecretKey}
	if err := checkAgainst(t, s, emulatorURL(t)); err != nil {
		t.Fatal(err)
	}
}

func TestCredentialSource(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	cases := []struct {
		name  string
		env   map[string]string
		model func(m providerModel) providerModel
		want  string
	}{
		{"provider block", nil, func(m providerModel) providerModel {
			m.AccessKey, m.SecretKey = types.StringValue("ak"), types.StringValue("sk")
			return m
		}, "the provider block (access_key, secret_key)"},
		{"environment", map[string]string{envAccessKey: "ak", envSDKSecretKey: "sk"}, nil,
			"environment variables (HW_ACCESS_KEY, CLOUD_SDK_SK)"},
		{"both", map[string]string{envSecretKey: "sk", envSecurityToken: "sts"}, func(m providerModel) providerModel {
			m.AccessKey = types.StringValue("ak")
			return m
		}, "the provider block and environment variables (access_key, HW_SECRET_KEY, HW_SECURITY_TOKEN)"},
		{"the token wins, so only its source counts", map[string]string{envAuthToken: "tok"},
			func(m providerModel) providerModel {
				m.AccessKey, m.SecretKey = types.StringValue("ak"), types.StringValue("sk")
				return m
			}, "environment variables (HW_AUTH_TOKEN)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			providerEnv(t, tc.env)
			m := nullModel()
			m.Region = types.StringValue("cn-north-4")
			if tc.model != nil {
				m = tc.model(m)
			}
			s := mustResolve(t, m)
			if got := s.credentials.String(); got != tc.want {
				t.Fatalf("source = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSkipCredentialsValidationSetting(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	base := func() providerModel {
		m := nullModel()
		m.Region = types.StringValue("cn-north-4")
		m.AccessKey, m.SecretKey = types.StringValue("ak"), types.StringValue("sk")
		return m
	}
	cases := []struct {
		name string
		env  string // "" = unset
		arg  types.Bool
		want bool
	}{
		{"default", "", types.BoolNull(), false},
		{"argument", "", types.BoolValue(true), true},
		{"environment true", "true", types.BoolNull(), true},
		{"environment 1", "1", types.BoolNull(), true},
		{"environment false", "false", types.BoolNull(), false},
		{"argument wins over environment", "true", types.BoolValue(false), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearProviderEnv(t)
			if tc.env != "" {
				t.Setenv(envSkipCredentialsValidation, tc.env)
			}
			m := base()
			m.SkipCredentialsValidation = tc.arg
			s := mustResolve(t, m)
			if s.skipCredentialsValidation != tc.want {
				t.Fatalf("skipCredentialsValidation = %v, want %v", s.skipCredentialsValidation, tc.want)
			}
		})
	}
	t.Run("environment not a bool", func(t *testing.T) {
		clearProviderEnv(t)
		t.Setenv(envSkipCredentialsValidation, "sometimes")
		_, diags := resolveSettings(context.Background(), base())
		errorAt(t, diags, path.Root("skip_credentials_validation"), `must be true or false, got "sometimes"`)
	})
	t.Run("unknown argument", func(t *testing.T) {
		clearProviderEnv(t)
		m := base()
		m.SkipCredentialsValidation = types.BoolUnknown()
		_, diags := resolveSettings(context.Background(), m)
		errorAt(t, diags, path.Root("skip_credentials_validation"), "unknown")
	})
}
