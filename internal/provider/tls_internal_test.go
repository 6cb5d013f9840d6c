package provider

import (
	"context"
	"encoding/pem"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
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
	endpoints := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"csms": tftypes.String, "cts": tftypes.String, "iam": tftypes.String, "sts": tftypes.String,
	}}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	values := map[string]tftypes.Value{
		"region":      str(emulator.DefaultRegion),
		"project_id":  str(emulator.DefaultProjectID),
		"access_key":  str(emulator.DefaultAccessKey),
		"secret_key":  str(emulator.DefaultSecretKey),
		"max_retries": tftypes.NewValue(tftypes.Number, 0),
		"endpoints": objectWith(endpoints, map[string]tftypes.Value{
			"csms": str(url), "cts": str(url), "iam": str(url), "sts": str(url),
		}),
	}

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
