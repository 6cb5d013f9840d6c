package provider

import (
	"context"
	"encoding/pem"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/testcerts"
)

// tlsEmulator serves the emulator over TLS with httptest's certificate and
// writes that certificate (its own CA) to a file.
func tlsEmulator(t *testing.T) (url, caFile string, caPEM []byte) {
	t.Helper()
	e, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(e)
	t.Cleanup(srv.Close)
	caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	caFile = filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	return srv.URL, caFile, caPEM
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// emulatorAt is a provider configuration with the emulator's credentials and
// every endpoint at url, without retries.
func emulatorAt(url string) map[string]tftypes.Value {
	endpoints := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"csms": tftypes.String, "cts": tftypes.String, "iam": tftypes.String, "sts": tftypes.String,
	}}
	return map[string]tftypes.Value{
		"region":      str(emulator.DefaultRegion),
		"project_id":  str(emulator.DefaultProjectID),
		"access_key":  str(emulator.DefaultAccessKey),
		"secret_key":  str(emulator.DefaultSecretKey),
		"max_retries": tftypes.NewValue(tftypes.Number, 0),
		"endpoints": objectWith(endpoints, map[string]tftypes.Value{
			"csms": str(url), "cts": str(url), "iam": str(url), "sts": str(url),
		}),
	}
}

func TestCACertFileResolution(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	_, caFile, caPEM := tlsEmulator(t)
	missing := filepath.Join(t.TempDir(), "missing.pem")
	notPEM := filepath.Join(t.TempDir(), "not.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	resolve := func(arg types.String, env string) (settings, string) {
		t.Helper()
		t.Setenv(envCACertFile, env)
		var s settings
		diags := s.resolveCACert(arg)
		if diags.HasError() {
			return s, diags.Errors()[0].Summary() + ": " + diags.Errors()[0].Detail()
		}
		return s, ""
	}

	if s, errText := resolve(types.StringValue(caFile), missing); errText != "" || string(s.caCertPEM) != string(caPEM) {
		t.Errorf("the argument does not win over %s: %q", envCACertFile, errText)
	}
	if s, errText := resolve(types.StringNull(), caFile); errText != "" || string(s.caCertPEM) != string(caPEM) {
		t.Errorf("%s is not used when the argument is null: %q", envCACertFile, errText)
	}
	if s, errText := resolve(types.StringValue(string(caPEM)), ""); errText != "" || string(s.caCertPEM) != string(caPEM) {
		t.Errorf("inline PEM: %q", errText)
	}
	if s, errText := resolve(types.StringNull(), ""); errText != "" || s.caCertPEM != nil {
		t.Errorf("nothing set: %q, %d bytes", errText, len(s.caCertPEM))
	}
	for name, tc := range map[string]struct {
		arg       types.String
		env, want string
	}{
		"missing file":           {types.StringValue(missing), "", "Cannot read the CA certificate file: cacert_file names \"" + missing},
		"missing file (env)":     {types.StringNull(), missing, envCACertFile + " names"},
		"file without PEM":       {types.StringValue(notPEM), "", "Invalid CA certificates: the file \"" + notPEM + "\" (from cacert_file)"},
		"inline PEM that is bad": {types.StringValue("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), "", "cacert_file holds no usable CA certificate"},
	} {
		if _, errText := resolve(tc.arg, tc.env); !strings.Contains(errText, tc.want) {
			t.Errorf("%s: error %q, want it to mention %q", name, errText, tc.want)
		}
	}

	// Through resolveSettings, the error is on the argument.
	t.Setenv(envCACertFile, "")
	cfg := nullModel()
	cfg.Region, cfg.ProjectID = types.StringValue("cn-north-4"), types.StringValue("p1")
	cfg.AccessKey, cfg.SecretKey = types.StringValue("AK"), types.StringValue("SK")
	cfg.CACertFile = types.StringValue(missing)
	_, diags := resolveSettings(context.Background(), cfg)
	errorAt(t, diags, path.Root("cacert_file"), "cannot be read")
}

// The provider, configured against an endpoint whose certificate a private
// CA signed, reaches it with cacert_file and refuses it clearly without.
func TestConfigureTrustsCACertFile(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	url, caFile, _ := tlsEmulator(t)
	values := emulatorAt(url)

	resp := configure(t, values, false)
	if !resp.Diagnostics.HasError() {
		t.Fatal("an endpoint signed by an unknown CA was trusted")
	}
	d := resp.Diagnostics.Errors()[0]
	if d.Summary() != "IAM's TLS certificate is not trusted" ||
		!strings.Contains(d.Detail(), "certificate signed by unknown authority") || !strings.Contains(d.Detail(), "cacert_file") {
		t.Fatalf("error = %q / %q, want the untrusted certificate named and cacert_file suggested", d.Summary(), d.Detail())
	}

	values["cacert_file"] = str(caFile)
	if resp := configure(t, values, false); resp.Diagnostics.HasError() || resp.ResourceData == nil {
		t.Fatalf("with cacert_file: %v", resp.Diagnostics)
	}

	// HW_CACERT_FILE does the same.
	delete(values, "cacert_file")
	t.Setenv(envCACertFile, caFile)
	if resp := configure(t, values, false); resp.Diagnostics.HasError() {
		t.Fatalf("with %s: %v", envCACertFile, resp.Diagnostics)
	}
}

func TestClientCertResolution(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	a, b := testcerts.NewClient(t), testcerts.NewClient(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "client.pem"), filepath.Join(dir, "client.key")
	for file, data := range map[string][]byte{certFile: a.CertPEM, keyFile: a.KeyPEM} {
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	resolve := func(cert, key types.String, certEnv, keyEnv string) (settings, string) {
		t.Helper()
		t.Setenv(envClientCert, certEnv)
		t.Setenv(envClientKey, keyEnv)
		var s settings
		if diags := s.resolveClientCert(cert, key); diags.HasError() {
			return s, diags.Errors()[0].Summary() + ": " + diags.Errors()[0].Detail()
		}
		return s, ""
	}
	null, str := types.StringNull(), types.StringValue

	for name, tc := range map[string]struct {
		cert, key       types.String
		certEnv, keyEnv string
	}{
		"files":                        {cert: str(certFile), key: str(keyFile)},
		"inline PEM":                   {cert: str(string(a.CertPEM)), key: str(string(a.KeyPEM))},
		"variables":                    {cert: null, key: null, certEnv: certFile, keyEnv: keyFile},
		"arguments win over variables": {cert: str(certFile), key: str(keyFile), certEnv: "/missing", keyEnv: "/missing"},
	} {
		s, errText := resolve(tc.cert, tc.key, tc.certEnv, tc.keyEnv)
		if errText != "" || string(s.clientCertPEM) != string(a.CertPEM) || string(s.clientKeyPEM) != string(a.KeyPEM) {
			t.Errorf("%s: %q", name, errText)
		}
		if !slices.Contains(s.secretValues(), string(a.KeyPEM)) {
			t.Errorf("%s: the key is not among the values masked in logs", name)
		}
	}
	if s, errText := resolve(null, null, "", ""); errText != "" || s.clientCertPEM != nil || s.clientKeyPEM != nil {
		t.Errorf("nothing set: %q", errText)
	}
	for name, tc := range map[string]struct {
		cert, key types.String
		want      string
	}{
		"certificate alone": {str(certFile), null, "Incomplete client certificate: cert is set but key (or HW_CLIENT_KEY) is not"},
		"key alone":         {null, str(keyFile), "Incomplete client certificate: key is set but cert (or HW_CLIENT_CERT) is not"},
		"missing file":      {str(filepath.Join(dir, "missing.pem")), str(keyFile), "Cannot read the client certificate file: cert names"},
		"another's key":     {str(certFile), str(string(b.KeyPEM)), "Invalid client certificate"},
	} {
		_, errText := resolve(tc.cert, tc.key, "", "")
		if !strings.Contains(errText, tc.want) {
			t.Errorf("%s: error %q, want it to mention %q", name, errText, tc.want)
		}
		if strings.Contains(errText, string(b.KeyPEM)) || strings.Contains(errText, string(a.KeyPEM)) {
			t.Errorf("%s: the error quotes a key", name)
		}
	}
}

// Against an endpoint that requires a client certificate, the provider is
// refused with an error that points to cert and key, and configures with them.
func TestConfigureWithClientCertificate(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	e, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	client := testcerts.NewClient(t)
	srv, caPEM := testcerts.RequiringServer(t, client, e)
	values := emulatorAt(srv.URL)
	values["max_retries"] = tftypes.NewValue(tftypes.Number, 3) // a refused handshake must not be retried anyway
	values["cacert_file"] = str(string(caPEM))

	resp := configure(t, values, false)
	if !resp.Diagnostics.HasError() {
		t.Fatal("configured without the client certificate the endpoint requires")
	}
	d := resp.Diagnostics.Errors()[0]
	if d.Summary() != "The TLS handshake with IAM was refused" || !strings.Contains(d.Detail(), "no client certificate was presented") ||
		!strings.Contains(d.Detail(), "set cert and key") {
		t.Fatalf("error = %q / %q, want the refused handshake and cert and key suggested", d.Summary(), d.Detail())
	}
	if n := e.Count(emulator.OpIAMListAuthProjects); n != 0 {
		t.Fatalf("the emulator answered %d checks through a refused handshake", n)
	}

	values["cert"], values["key"] = str(string(client.CertPEM)), str(string(client.KeyPEM))
	if resp := configure(t, values, false); resp.Diagnostics.HasError() || resp.ResourceData == nil {
		t.Fatalf("with cert and key: %v", resp.Diagnostics)
	}
}
