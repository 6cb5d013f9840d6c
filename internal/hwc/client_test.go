package hwc

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// One case per kind of region: the usual pattern, and each region the table
// lists because its hosts break the pattern (as Huawei's SDK region tables do).
func TestDefaultEndpoints(t *testing.T) {
	t.Parallel()
	cases := map[string]Endpoints{
		// CSMS is served from the KMS host; there is no csms. host.
		"cn-north-4": {
			CSMS: "https://kms.cn-north-4.myhuaweicloud.com",
			CTS:  "https://cts.cn-north-4.myhuaweicloud.com",
			IAM:  "https://iam.cn-north-4.myhuaweicloud.com",
			STS:  "https://sts.cn-north-4.myhuaweicloud.com",
		},
		"eu-west-101": {
			CSMS: "https://kms.eu-west-101.myhuaweicloud.eu",
			CTS:  "https://cts.eu-west-101.myhuaweicloud.eu",
			IAM:  "https://iam.eu-west-101.myhuaweicloud.eu",
			STS:  "https://sts.eu-west-101.myhuaweicloud.eu",
		},
		// A region that merely looks European follows the usual pattern.
		"eu-west-0": {
			CSMS: "https://kms.eu-west-0.myhuaweicloud.com",
			CTS:  "https://cts.eu-west-0.myhuaweicloud.com",
			IAM:  "https://iam.eu-west-0.myhuaweicloud.com",
			STS:  "https://sts.eu-west-0.myhuaweicloud.com",
		},
	}
	for region, want := range cases {
		if got := DefaultEndpoints(region); got != want {
			t.Errorf("DefaultEndpoints(%q) = %+v, want %+v", region, got, want)
		}
	}
	for region := range regionHosts {
		if _, tested := cases[region]; !tested {
			t.Errorf("region %q is in the host table but has no case here", region)
		}
	}
}

// A region with listed hosts gets them through New, and its known regional
// IAM host is never swapped for the global one.
func TestNewUsesListedRegionHosts(t *testing.T) {
	t.Parallel()
	c, err := New(Config{Region: "eu-west-101", AccessKey: "ak", SecretKey: "sk"})
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]string{"csms": c.endpoints.csms.String(), "cts": c.endpoints.cts.String(), "iam": c.endpoints.iam.String()} {
		if !strings.HasSuffix(got, ".eu-west-101.myhuaweicloud.eu") {
			t.Errorf("%s = %s, want the .eu host", name, got)
		}
	}
	if c.endpoints.iamDerived {
		t.Error("a listed region must not fall back to the global IAM host")
	}
}

func TestNewDerivesMissingEndpointsFromRegion(t *testing.T) {
	t.Parallel()
	c, err := New(Config{Region: "ap-southeast-1", AccessKey: "ak", SecretKey: "sk",
		Endpoints: Endpoints{CTS: "http://127.0.0.1:8931/"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.endpoints.csms.String(); got != "https://kms.ap-southeast-1.myhuaweicloud.com" {
		t.Errorf("csms = %s", got)
	}
	if got := c.endpoints.iam.String(); got != "https://iam.ap-southeast-1.myhuaweicloud.com" {
		t.Errorf("iam = %s", got)
	}
	if got := c.endpoints.cts.String(); got != "http://127.0.0.1:8931" {
		t.Errorf("cts override = %s, want it kept (trailing slash trimmed)", got)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	ok := Config{Region: "cn-north-4", AccessKey: "ak", SecretKey: "sk"}
	cases := map[string]struct {
		edit func(*Config)
		want string
	}{
		"no credentials":          {func(c *Config) { c.AccessKey, c.SecretKey = "", "" }, "credentials are required"},
		"ak without sk":           {func(c *Config) { c.SecretKey = "" }, "credentials are required"},
		"negative retries":        {func(c *Config) { c.MaxRetries = -1 }, "must not be negative"},
		"no region to derive":     {func(c *Config) { c.Region = "" }, "cannot be derived: no region is set"},
		"region not a host label": {func(c *Config) { c.Region = "evil.com/x" }, "not a valid region name"},
		"region with upper case":  {func(c *Config) { c.Region = "CN-North-4" }, "not a valid region name"},
		"ftp endpoint":            {func(c *Config) { c.Endpoints.CSMS = "ftp://kms.example.com" }, "http or https"},
		"endpoint without host":   {func(c *Config) { c.Endpoints.CTS = "http://" }, "no host"},
		"relative endpoint":       {func(c *Config) { c.Endpoints.IAM = "iam.example.com" }, "http or https"},
		"endpoint with query":     {func(c *Config) { c.Endpoints.CSMS = "https://kms.example.com/?a=b" }, "query"},
		"endpoint with user":      {func(c *Config) { c.Endpoints.CSMS = "https://u:pw@kms.example.com" }, "credentials"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := ok
			tc.edit(&cfg)
			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New error = %v, want one containing %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "pw") {
				t.Fatalf("error leaks endpoint credentials: %v", err)
			}
		})
	}
}

func TestNewAcceptsTokenOnlyAndAllEndpointsWithoutRegion(t *testing.T) {
	t.Parallel()
	_, err := New(Config{AuthToken: "tok", ProjectID: "p",
		Endpoints: Endpoints{CSMS: "http://a", CTS: "http://b", IAM: "http://c"}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
}

func TestEndpointPathPrefixIsKept(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		reply(w, http.StatusOK, `{"event":{"name":"ev1"}}`)
	})
	c := newTestClient(t, rec.URL+"/gateway/", nil)
	if _, err := c.ShowSecretEvent(context.Background(), "ev1"); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.call(t, 0).Path, "/gateway/v1/"+testProject+"/csms/events/ev1"; got != want {
		t.Fatalf("path = %s, want %s", got, want)
	}
}

func TestDefaultsAreApplied(t *testing.T) {
	t.Parallel()
	c, err := New(Config{Region: "cn-north-4", AccessKey: "ak", SecretKey: "sk"})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.UserAgent != DefaultUserAgent || c.cfg.RetryBaseDelay != DefaultRetryBaseDelay ||
		c.cfg.RetryMaxDelay != DefaultRetryMaxDelay || c.cfg.Now == nil || c.http == nil {
		t.Fatalf("defaults not applied: %+v", c.cfg)
	}
}

func TestUserAgentIsSent(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		reply(w, http.StatusOK, `{"event":{}}`)
	})
	c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.UserAgent = "terraform-provider-hwcloud/1.2.3 Terraform/1.11.0" })
	if _, err := c.ShowSecretEvent(context.Background(), "ev1"); err != nil {
		t.Fatal(err)
	}
	if got := rec.call(t, 0).Header.Get("User-Agent"); got != "terraform-provider-hwcloud/1.2.3 Terraform/1.11.0" {
		t.Fatalf("User-Agent = %q", got)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	elsewhere := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, http.StatusOK, `{}`) })
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, elsewhere.URL+"/steal", http.StatusFound)
	})
	c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.AccessKey, cfg.SecretKey, cfg.AuthToken = "", "", testToken })
	_, err := c.ShowSecretEvent(context.Background(), "ev1")
	if err == nil {
		t.Fatal("a redirect was treated as success")
	}
	if elsewhere.count() != 0 {
		t.Fatal("the client followed a redirect, replaying its token to another host")
	}
}
