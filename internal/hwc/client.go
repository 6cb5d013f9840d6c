package hwc

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/http/httpproxy"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// Defaults applied by New when the Config leaves a field empty.
const (
	DefaultUserAgent      = "terraform-provider-hwcloud/dev"
	DefaultRetryBaseDelay = 500 * time.Millisecond
	DefaultRetryMaxDelay  = 30 * time.Second
)

// Endpoints are the base URLs of the services, e.g.
// "https://kms.cn-north-4.myhuaweicloud.com" or "http://127.0.0.1:8931".
// STS is only used to assume agencies by domain id (AssumeAgencyV5).
type Endpoints struct{ CSMS, CTS, IAM, STS string }

// Config configures a Client. Only the credentials and either Region or all
// three Endpoints are required.
type Config struct {
	Region, ProjectID                   string
	AccessKey, SecretKey, SecurityToken string
	// AuthToken wins over AK/SK when set: it is sent as X-Auth-Token and the
	// request is not signed.
	AuthToken string
	// Credentials, when set, replace AccessKey, SecretKey and SecurityToken:
	// the transport asks it for the credentials before signing each request
	// (assumed agencies, ECS metadata: credentials that are renewed).
	Credentials CredentialsProvider
	// Endpoints left empty are derived from Region (see DefaultEndpoints).
	Endpoints Endpoints
	// Insecure skips TLS verification of the default HTTP client.
	Insecure bool
	// CACertPEM holds PEM certificates that the default HTTP client trusts in
	// addition to the system roots (a private CA, a TLS-inspecting proxy).
	// New refuses a value without a certificate.
	CACertPEM []byte
	// ClientCertPEM and ClientKeyPEM are a client certificate and its key
	// (PEM) that the default HTTP client presents when a server asks for one
	// (mutual TLS at a gateway or proxy); both or neither.
	ClientCertPEM, ClientKeyPEM []byte
	// MaxRetries is the number of retries after the first attempt; 0 = none.
	MaxRetries int
	// RetryBaseDelay starts the exponential backoff (default 500ms).
	RetryBaseDelay time.Duration
	// RetryMaxDelay caps both the backoff and a server's Retry-After (default 30s).
	RetryMaxDelay time.Duration
	// UserAgent is the full User-Agent value (default DefaultUserAgent).
	UserAgent string
	// Now is the signing clock, also used to read HTTP-date Retry-After values
	// (default time.Now).
	Now func() time.Time
	// HTTPClient replaces the default client. It is used as given: Insecure
	// does not apply to it and its redirect policy is the caller's choice.
	HTTPClient *http.Client
}

// Client calls the APIs. It is safe for concurrent use.
type Client struct {
	cfg       Config
	http      *http.Client
	endpoints struct {
		csms, cts, iam, sts *url.URL
		// iamDerived is set when iam came from the usual host pattern of the
		// region; globalIAM is then tried if that host cannot be reached. A
		// region with its own hosts in the table has a known regional IAM.
		iamDerived bool
		globalIAM  *url.URL
	}

	projectMu sync.Mutex // guards projectID
	projectID string

	resolveMu sync.Mutex // serialises ResolveProjectID so concurrent callers ask IAM once

	secrets []string // credential values scrubbed from logs and error snippets

	// Seams for tests; New sets the real implementations.
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func(ceiling time.Duration) time.Duration
}

func checkRegionForHost(region string) error {
	switch {
	case region == "":
		return errors.New("no region is set")
	case !patterns.Region.MatchString(region):
		return fmt.Errorf("region %q is not a valid region name (lower-case letters, digits and hyphens)", region)
	}
	return nil
}

// New validates cfg, fills in defaults and builds a Client.
func New(cfg Config) (*Client, error) {
	if cfg.AuthToken == "" && cfg.Credentials == nil && (cfg.AccessKey == "" || cfg.SecretKey == "") {
		return nil, errors.New("hwc: credentials are required: an auth token, or both an access key and a secret key")
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("hwc: max retries must not be negative, got %d", cfg.MaxRetries)
	}
	if cfg.RetryBaseDelay <= 0 {
		cfg.RetryBaseDelay = DefaultRetryBaseDelay
	}
	if cfg.RetryMaxDelay <= 0 {
		cfg.RetryMaxDelay = DefaultRetryMaxDelay
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}

	if cfg.AuthToken == "" && cfg.Credentials == nil {
		cfg.Credentials = StaticCredentials{AccessKey: cfg.AccessKey, SecretKey: cfg.SecretKey, SecurityToken: cfg.SecurityToken}
	}
	c := &Client{cfg: cfg, projectID: cfg.ProjectID, sleep: sleepCtx, jitter: fullJitter}
	for _, v := range []string{cfg.SecretKey, cfg.SecurityToken, cfg.AuthToken} {
		if v != "" {
			c.secrets = append(c.secrets, v)
		}
	}
	derived := DefaultEndpoints(cfg.Region)
	for _, ep := range []struct {
		name       string
		configured string
		derived    string
		dst        **url.URL
	}{
		{"csms", cfg.Endpoints.CSMS, derived.CSMS, &c.endpoints.csms},
		{"cts", cfg.Endpoints.CTS, derived.CTS, &c.endpoints.cts},
		{"iam", cfg.Endpoints.IAM, derived.IAM, &c.endpoints.iam},
		{"sts", cfg.Endpoints.STS, derived.STS, &c.endpoints.sts},
	} {
		raw := ep.configured
		if raw == "" && ep.name == "sts" && cfg.Region == "" {
			continue // only needed to assume an agency by domain id; that call says so
		}
		if raw == "" {
			if err := checkRegionForHost(cfg.Region); err != nil {
				return nil, fmt.Errorf("hwc: the %s endpoint cannot be derived: %w", ep.name, err)
			}
			raw = ep.derived
			if ep.name == "iam" {
				c.endpoints.iamDerived = !hasListedHosts(cfg.Region)
			}
		}
		u, err := parseEndpoint(raw)
		if err != nil {
			return nil, fmt.Errorf("hwc: %s endpoint: %w", ep.name, err)
		}
		*ep.dst = u
	}

	c.endpoints.globalIAM, _ = url.Parse(GlobalIAMEndpoint)

	c.http = cfg.HTTPClient
	if c.http == nil {
		roots, err := certPool(cfg.CACertPEM)
		if err != nil {
			return nil, err
		}
		var certs []tls.Certificate
		if len(cfg.ClientCertPEM) > 0 || len(cfg.ClientKeyPEM) > 0 {
			cert, err := ParseClientCertificate(cfg.ClientCertPEM, cfg.ClientKeyPEM)
			if err != nil {
				return nil, fmt.Errorf("hwc: %w", err)
			}
			certs = []tls.Certificate{cert}
		}
		c.http = newHTTPClient(cfg.Insecure, roots, certs)
	}
	return c, nil
}

// parseEndpoint accepts an absolute http(s) URL with a host and an optional
// path prefix; credentials, queries and fragments have no place in a base URL.
func parseEndpoint(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the whole input, a password included: keep only the reason.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, fmt.Errorf("invalid endpoint URL: %w", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%q must use http or https", u.Redacted())
	case u.Host == "":
		return nil, fmt.Errorf("%q has no host", u.Redacted())
	case u.User != nil:
		return nil, fmt.Errorf("%q must not carry credentials", u.Redacted())
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("%q must not have a query or fragment", u.Redacted())
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

// newHTTPClient builds the per-Client HTTP client: keep-alive connections are
// reused across calls, and redirects are not followed because Go would replay
// X-Auth-Token and X-Security-Token to whatever host a redirect names. roots
// nil means the system roots. Proxies come from HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY as they are when the client is built (http.ProxyFromEnvironment
// would read them once per process, whatever changed since). certs are
// presented when a server asks for a client certificate.
func newHTTPClient(insecure bool, roots *x509.CertPool, certs []tls.Certificate) *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	proxy := httpproxy.FromEnvironment().ProxyFunc()
	transport.Proxy = func(r *http.Request) (*url.URL, error) { return proxy(r.URL) }
	transport.TLSClientConfig = &tls.Config{
		MinVersion:         tls.VersionTLS12,
		RootCAs:            roots,
		Certificates:       certs,
		InsecureSkipVerify: insecure, //nolint:gosec // opt-in by the user for private endpoints
	}
	transport.ResponseHeaderTimeout = 2 * time.Minute
	return &http.Client{
		Transport: transport,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// ProjectID returns the configured or resolved project id, "" if neither.
func (c *Client) ProjectID() string {
	c.projectMu.Lock()
	defer c.projectMu.Unlock()
	return c.projectID
}

func (c *Client) setProjectID(id string) {
	c.projectMu.Lock()
	defer c.projectMu.Unlock()
	c.projectID = id
}

// projectIDFor returns the project for a project-scoped call, resolving it
// through IAM on first use when it was neither configured nor resolved.
func (c *Client) projectIDFor(ctx context.Context) (string, error) {
	if id := c.ProjectID(); id != "" {
		return id, nil
	}
	return c.ResolveProjectID(ctx)
}
