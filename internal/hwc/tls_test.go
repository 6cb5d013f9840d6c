package hwc

import (
	"bufio"
	"context"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/testcerts"
)

// tlsIAM is a TLS server that answers the credential check; its PEM is the
// certificate of the test CA that signed it (httptest's self-signed one).
func tlsIAM(t *testing.T) (*httptest.Server, []byte) {
	t.Helper()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"projects":[]}`))
	}))
	t.Cleanup(srv.Close)
	return srv, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
}

func tlsClient(t *testing.T, url string, caPEM []byte) (*Client, error) {
	t.Helper()
	return New(Config{
		ProjectID: testProject, AccessKey: testAK, SecretKey: testSK, MaxRetries: 2,
		Endpoints: Endpoints{CSMS: url, CTS: url, IAM: url, STS: url}, CACertPEM: caPEM,
	})
}

// checkWithCA runs the credential check against url from a client that
// trusts the CA bundle caPEM (nil: the system's roots).
func checkWithCA(t *testing.T, url string, caPEM []byte) error {
	t.Helper()
	c, err := tlsClient(t, url, caPEM)
	if err != nil {
		t.Fatal(err)
	}
	return c.CheckCredentials(context.Background())
}

func TestCustomCAIsTrusted(t *testing.T) {
	t.Parallel()
	srv, caPEM := tlsIAM(t)
	if err := checkWithCA(t, srv.URL, caPEM); err != nil {
		t.Fatalf("a server signed by the given CA was refused: %v", err)
	}
}

func TestUnknownCAIsRefused(t *testing.T) {
	t.Parallel()
	srv, _ := tlsIAM(t)
	err := checkWithCA(t, srv.URL, nil)
	if err == nil {
		t.Fatal("a server signed by an unknown CA was accepted")
	}
	if !IsCertificateFailure(err) || !strings.Contains(err.Error(), "x509: certificate signed by unknown authority") {
		t.Fatalf("err = %v, want a certificate failure naming the unknown authority", err)
	}
	if strings.Contains(err.Error(), "after") {
		t.Errorf("a certificate failure was retried: %v", err)
	}

}

// A bundle of another CA adds that CA and nothing else: the server stays untrusted.
func TestOtherCAIsNotTrusted(t *testing.T) {
	t.Parallel()
	srv, _ := tlsIAM(t)
	other := testcerts.NewClient(t).CAPEM
	if err := checkWithCA(t, srv.URL, other); !IsCertificateFailure(err) {
		t.Fatalf("err = %v, want the server's certificate refused", err)
	}
}

// A server that requires a client certificate refuses a client without one,
// at once (never retried, reported as a refused handshake), and accepts the
// certificate of ClientCertPEM and ClientKeyPEM.
func TestClientCertificate(t *testing.T) {
	t.Parallel()
	client := testcerts.NewClient(t)
	var attempts atomic.Int32
	srv, caPEM := testcerts.RequiringServer(t, client, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		attempts.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"projects":[]}`))
	}))
	cfg := Config{
		ProjectID: testProject, AccessKey: testAK, SecretKey: testSK, MaxRetries: 2,
		Endpoints: Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL, STS: srv.URL}, CACertPEM: caPEM,
	}
	without, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = without.CheckCredentials(context.Background())
	if !IsHandshakeRefused(err) || IsCertificateFailure(err) || strings.Contains(err.Error(), "after") {
		t.Fatalf("without a client certificate: err = %v, want a refused handshake, not retried", err)
	}

	cfg.ClientCertPEM, cfg.ClientKeyPEM = client.CertPEM, client.KeyPEM
	with, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := with.CheckCredentials(context.Background()); err != nil || attempts.Load() != 1 {
		t.Fatalf("with the client certificate: err = %v, %d requests served", err, attempts.Load())
	}
}

func TestParseClientCertificate(t *testing.T) {
	t.Parallel()
	a, b := testcerts.NewClient(t), testcerts.NewClient(t)
	if _, err := ParseClientCertificate(a.CertPEM, a.KeyPEM); err != nil {
		t.Fatalf("a matching pair: %v", err)
	}
	for name, tc := range map[string]struct {
		cert, key []byte
		want      string
	}{
		"no certificate": {nil, a.KeyPEM, "a key without its certificate"},
		"no key":         {a.CertPEM, nil, "a certificate without its key"},
		"another's key":  {a.CertPEM, b.KeyPEM, "private key does not match public key"},
		"not PEM":        {[]byte("cert"), []byte("key"), "client certificate:"},
	} {
		_, err := ParseClientCertificate(tc.cert, tc.key)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
		if err != nil && len(tc.key) > 0 && strings.Contains(err.Error(), string(tc.key)) {
			t.Errorf("%s: the error quotes the key", name)
		}
	}
	if _, err := New(Config{ClientCertPEM: a.CertPEM}); err == nil {
		t.Error("New accepted a certificate without its key")
	}
}

func TestParseCACerts(t *testing.T) {
	t.Parallel()
	srv, caPEM := tlsIAM(t)
	if certs, err := ParseCACerts(append([]byte("# comment\n"), append(caPEM, caPEM...)...)); err != nil || len(certs) != 2 {
		t.Fatalf("two certificates: %d, %v", len(certs), err)
	}
	for name, tc := range map[string]struct{ in, want string }{
		"empty":   {"", "no PEM certificate"},
		"not PEM": {"hello", "no PEM certificate"},
		"a key":   {"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", `"PRIVATE KEY", not a CERTIFICATE`},
		"garbage": {"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "block 1 is not a valid certificate"},
	} {
		if _, err := ParseCACerts([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
	if _, err := tlsClient(t, srv.URL, []byte("nothing")); err == nil || !strings.Contains(err.Error(), "CA certificates") {
		t.Errorf("New with a bad bundle: %v", err)
	}
}

// The default client sends calls through the proxy HTTPS_PROXY names (read
// when the client is built), unless NO_PROXY excludes the host. The proxy is
// a loopback listener that records the CONNECT and refuses it, so nothing
// leaves the machine.
func TestClientUsesTheProxyFromTheEnvironment(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	var mu sync.Mutex
	var connects []string
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				mu.Lock()
				connects = append(connects, req.Method+" "+req.Host)
				mu.Unlock()
				_, _ = conn.Write([]byte("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"))
			}()
		}
	}()
	proxyURL := "http://" + ln.Addr().String()
	for _, name := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "REQUEST_METHOD"} {
		t.Setenv(name, "")
	}
	t.Setenv("HTTPS_PROXY", proxyURL)

	call := func() error {
		t.Helper()
		c, err := New(Config{Region: "cn-north-4", ProjectID: testProject, AccessKey: testAK, SecretKey: testSK})
		if err != nil {
			t.Fatal(err)
		}
		return c.CheckCredentials(context.Background())
	}
	err = call()
	mu.Lock()
	got := append([]string(nil), connects...)
	mu.Unlock()
	if len(got) != 1 || got[0] != "CONNECT iam.cn-north-4.myhuaweicloud.com:443" {
		t.Fatalf("the proxy saw %q, want one CONNECT to IAM (call error: %v)", got, err)
	}
	if err == nil || !strings.Contains(err.Error(), "Forbidden") {
		t.Errorf("the proxy's refusal was not reported: %v", err)
	}

	// NO_PROXY excludes the host. A call would then resolve the real host,
	// so only the transport's proxy decision is checked.
	t.Setenv("NO_PROXY", ".myhuaweicloud.com")
	c, err := New(Config{Region: "cn-north-4", ProjectID: testProject, AccessKey: testAK, SecretKey: testSK})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/projects", nil)
	u, err := c.http.Transport.(*http.Transport).Proxy(req)
	if err != nil || u != nil {
		t.Errorf("with NO_PROXY the proxy is %v (%v), want none", u, err)
	}
	t.Setenv("NO_PROXY", "")
	c, _ = New(Config{Region: "cn-north-4", ProjectID: testProject, AccessKey: testAK, SecretKey: testSK})
	if u, _ := c.http.Transport.(*http.Transport).Proxy(req); u == nil || u.String() != proxyURL {
		t.Errorf("without NO_PROXY the proxy is %v, want %s", u, proxyURL)
	}
}
