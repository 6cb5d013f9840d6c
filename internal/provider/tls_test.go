package provider_test

import (
	"encoding/pem"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/testcerts"
)

// The emulator served over TLS with a certificate of a CA no system trusts:
// refused clearly without cacert_file, reached with it.
func TestAccProvider_customCA(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	srv := httptest.NewTLSServer(env.Emulator)
	t.Cleanup(srv.Close)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	untrusted := withAKSK(devenv.EmulatorProvider(env.Region, srv.URL), env.ProjectID)
	untrusted.Args = []string{"max_retries = 0"}
	trusted := untrusted
	trusted.Args = append([]string{fmt.Sprintf("cacert_file = %q", caFile)}, untrusted.Args...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      untrusted.HCL() + listAllSecrets,
				ExpectError: regexp.MustCompile(`(?s)TLS certificate is not trusted.*unknown\s+authority.*cacert_file`),
			},
			{Config: trusted.HCL() + listAllSecrets},
		},
	})
}

// The emulator behind a server that requires a client certificate: refused
// with an error pointing to cert and key without them, reached with them
// (given as files, the way a provider block usually names them).
func TestAccProvider_clientCertificate(t *testing.T) {
	emulatorOnly(t)
	env := acctest.New(t)
	client := testcerts.NewClient(t)
	srv, caPEM := testcerts.RequiringServer(t, client, env.Emulator)
	dir := t.TempDir()
	files := map[string][]byte{"ca.pem": caPEM, "client.pem": client.CertPEM, "client.key": client.KeyPEM}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	without := withAKSK(devenv.EmulatorProvider(env.Region, srv.URL), env.ProjectID)
	without.Args = []string{"max_retries = 0", fmt.Sprintf("cacert_file = %q", filepath.Join(dir, "ca.pem"))}
	with := without
	with.Args = append([]string{
		fmt.Sprintf("cert = %q", filepath.Join(dir, "client.pem")), fmt.Sprintf("key = %q", filepath.Join(dir, "client.key")),
	}, without.Args...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      without.HCL() + listAllSecrets,
				ExpectError: regexp.MustCompile(`(?s)TLS handshake with IAM was refused.*certificate required.*set cert and key`),
			},
			{Config: with.HCL() + listAllSecrets},
		},
	})
}
