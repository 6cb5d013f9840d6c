package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sdksign"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sdksign/signvectors"
)

// The official SDK's vectors (internal/sdksign/signvectors) must be accepted
// byte for byte when the clock is set to their date.
func TestAuthAcceptsOfficialSDKVectors(t *testing.T) {
	t.Parallel()
	sv := signvectors.Load(t)
	date := sv.Date(t, sdksign.DateFormat)
	for _, v := range sv.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			project := strings.Split(v.Path, "/")[2]
			clock := &fixedClock{date.Add(3 * time.Minute)}
			c := startEmulator(t, Options{ProjectID: project, AccessKey: sv.AccessKey, SecretKey: sv.SecretKey, Now: clock.now})
			c.e().AddTopic("urn:smn:cn-north-4:" + project + ":topic1")
			req := v.Request(t, c.srv.URL)
			if v.Body != "" {
				req.Header.Set("Content-Type", "application/json;charset=UTF-8") // not signed by the SDK
			}
			req.Header.Set("Authorization", v.ExpectedAuthorization)
			r := c.send(req)
			if r.status == http.StatusUnauthorized {
				t.Fatalf("vector %s rejected: %s", v.Name, r.body)
			}
			want := map[string]int{"POST": 200, "GET": 200, "DELETE": 404}[v.Method]
			if r.status != want {
				t.Fatalf("status %d, want %d: %s", r.status, want, r.body)
			}
		})
	}
}

// signedRequest builds a signed request that a test then tampers with.
func (c *testClient) signedRequest(method, path, body string, now time.Time) *http.Request {
	c.t.Helper()
	req, err := http.NewRequest(method, c.srv.URL+c.path(path), strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("X-Project-Id", c.project())
	req.Header.Set("User-Agent", "emulator-test")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if err := sdksign.Sign(req, []byte(body), c.ak, c.sk, now); err != nil {
		c.t.Fatal(err)
	}
	return req
}

func TestAuthRejections(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	c := startEmulator(t, Options{Now: clock.now})
	body := `{"name":"ev_auth","event_types":["SECRET_DELETED"],"state":"ENABLED","notification":{"target_type":"SMN","target_id":"` + c.demoTopic() + `","target_name":"t"}}`
	events := "/v1/{p}/csms/events"
	// signedGet: a well-signed GET of events, then edit spoils it.
	signedGet := func(edit func(req *http.Request)) func() *http.Request {
		return func() *http.Request {
			req := c.signedRequest("GET", events, "", clock.t)
			edit(req)
			return req
		}
	}
	// bareGet: an unsigned GET of target, which edit signs (or not) as the case needs.
	bareGet := func(target string, edit func(req *http.Request)) func() *http.Request {
		return func() *http.Request {
			req, _ := http.NewRequest("GET", target, nil)
			edit(req)
			return req
		}
	}
	otherProjectEvents := c.srv.URL + "/v1/ffffffffffffffffffffffffffffffff/csms/events"

	cases := map[string]func() *http.Request{
		"tampered body": func() *http.Request {
			req := c.signedRequest("POST", events, body, clock.t)
			tampered := strings.Replace(body, "ENABLED", "DISABLED", 1)
			req.Body = ioNopCloser(tampered)
			req.ContentLength = int64(len(tampered))
			return req
		},
		"tampered signed header": signedGet(func(req *http.Request) { req.Header.Set("User-Agent", "someone-else") }),
		"tampered query":         signedGet(func(req *http.Request) { req.URL.RawQuery = "limit=2" }),
		"wrong secret key": bareGet(c.srv.URL+c.path(events), func(req *http.Request) {
			req.Header.Set("X-Project-Id", c.project())
			_ = sdksign.Sign(req, nil, c.ak, "not-the-secret-key", clock.t)
		}),
		"unknown access key": bareGet(c.srv.URL+c.path(events), func(req *http.Request) {
			_ = sdksign.Sign(req, nil, "UNKNOWNAK00000000000", c.sk, clock.t)
		}),
		"date 16 minutes old": func() *http.Request {
			return c.signedRequest("GET", events, "", clock.t.Add(-16*time.Minute))
		},
		"date 16 minutes ahead": func() *http.Request {
			return c.signedRequest("GET", events, "", clock.t.Add(16*time.Minute))
		},
		"missing X-Sdk-Date":      signedGet(func(req *http.Request) { req.Header.Del("X-Sdk-Date") }),
		"unparsable X-Sdk-Date":   signedGet(func(req *http.Request) { req.Header.Set("X-Sdk-Date", "2025-03-01T12:00:00Z") }),
		"malformed Authorization": signedGet(func(req *http.Request) { req.Header.Set("Authorization", "Basic abc") }),
		"no credentials":          bareGet(c.srv.URL+c.path(events), func(*http.Request) {}),
		"bad token":               bareGet(c.srv.URL+c.path(events), func(req *http.Request) { req.Header.Set("X-Auth-Token", "not-the-token") }),
		"token and signature":     signedGet(func(req *http.Request) { req.Header.Set("X-Auth-Token", DefaultAuthToken) }),
		"unsigned X-Project-Id of another project": bareGet(c.srv.URL+c.path(events), func(req *http.Request) {
			_ = sdksign.Sign(req, nil, c.ak, c.sk, clock.t)
			req.Header.Set("X-Project-Id", "ffffffffffffffffffffffffffffffff")
		}),
		"unsigned X-Project-Id that differs from the path": bareGet(otherProjectEvents, func(req *http.Request) {
			_ = sdksign.Sign(req, nil, c.ak, c.sk, clock.t)
			req.Header.Set("X-Project-Id", c.project())
		}),
		"X-Project-Id differs from the path": bareGet(c.srv.URL+c.path(events), func(req *http.Request) {
			req.Header.Set("X-Project-Id", "ffffffffffffffffffffffffffffffff")
			_ = sdksign.Sign(req, nil, c.ak, c.sk, clock.t)
		}),
		"path project not the caller's": bareGet(otherProjectEvents, func(req *http.Request) {
			_ = sdksign.Sign(req, nil, c.ak, c.sk, clock.t)
		}),
		"x-sdk-date not signed": signedGet(func(req *http.Request) {
			auth, _ := sdksign.ParseAuthorization(req.Header.Get("Authorization"))
			auth.SignedHeaders = []string{"user-agent", "x-project-id"}
			canonical, _ := sdksign.CanonicalRequest(sdksign.Request{Method: "GET", Path: req.URL.Path,
				SignedHeaders: auth.SignedHeaders, HeaderValue: req.Header.Get})
			auth.Signature = sdksign.Signature(c.sk, sdksign.StringToSign(req.Header.Get("X-Sdk-Date"), canonical))
			req.Header.Set("Authorization", auth.String())
		}),
	}
	for name, build := range cases {
		t.Run(name, func(t *testing.T) {
			r := c.send(build())
			r.want(t, http.StatusUnauthorized, "APIG.0301")
			m := r.json(t)
			if m["request_id"] == "" || m["request_id"] != r.header.Get("X-Request-Id") {
				t.Fatalf("gateway error needs request_id matching X-Request-Id: %s", r.body)
			}
			if strings.Contains(string(r.body), c.sk) || strings.Contains(string(r.body), DefaultAuthToken) {
				t.Fatalf("error leaks a credential: %s", r.body)
			}
		})
	}
	if n := c.e().Count(OpCreateSecretEvent); n != 1 {
		t.Fatalf("rejected requests must still be counted: Count(CreateSecretEvent) = %d", n)
	}
	if len(c.e().store.events) != 0 {
		t.Fatal("a rejected request changed the store")
	}
}

// Huawei's own Terraform provider signs accept;content-type;user-agent;x-sdk-date
// and sends X-Project-Id unsigned; the real gateway accepts that.
func TestAuthAcceptsUnsignedProjectHeader(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	body := `{"name":"ev_unsigned_project","event_types":["SECRET_DELETED"],"state":"ENABLED","notification":{"target_type":"SMN","target_id":"` + c.demoTopic() + `","target_name":"t"}}`
	for _, tc := range []struct{ method, path, body string }{
		{"GET", "/v1/{p}/csms/events", ""},
		{"POST", "/v1/{p}/csms/events", body},
	} {
		req, _ := http.NewRequest(tc.method, c.srv.URL+c.path(tc.path), strings.NewReader(tc.body))
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "golangsdk")
		req.Header.Set("X-Sdk-Date", time.Now().UTC().Format(sdksign.DateFormat))
		signed := []string{"accept", "content-type", "user-agent", "x-sdk-date"}
		canonical, err := sdksign.CanonicalRequest(sdksign.Request{Method: tc.method, Path: req.URL.Path,
			SignedHeaders: signed, HeaderValue: req.Header.Get, Body: []byte(tc.body)})
		if err != nil {
			t.Fatal(err)
		}
		auth := sdksign.Authorization{AccessKey: c.ak, SignedHeaders: signed,
			Signature: sdksign.Signature(c.sk, sdksign.StringToSign(req.Header.Get("X-Sdk-Date"), canonical))}
		req.Header.Set("Authorization", auth.String())
		req.Header.Set("X-Project-Id", c.project()) // after signing: not in SignedHeaders
		c.send(req).want(t, http.StatusOK, "")
	}
	if _, stored := c.e().store.events["ev_unsigned_project"]; !stored {
		t.Fatal("the create with an unsigned X-Project-Id was not applied")
	}
}

func TestAuthAcceptsSkewWithinFifteenMinutes(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	c := startEmulator(t, Options{Now: clock.now})
	c.send(c.signedRequest("GET", "/v1/{p}/csms/events", "", clock.t.Add(-14*time.Minute))).want(t, 200, "")
	c.send(c.signedRequest("GET", "/v1/{p}/csms/events", "", clock.t.Add(14*time.Minute))).want(t, 200, "")
}

func TestAuthSignedHostHeader(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	req, _ := http.NewRequest("GET", c.srv.URL+c.path("/v1/{p}/csms/events"), nil)
	req.Header.Set("Host", req.URL.Host) // other Huawei signers sign host
	req.Header.Set("X-Project-Id", c.project())
	if err := sdksign.Sign(req, nil, c.ak, c.sk, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(req.Header.Get("Authorization"), "host;") {
		t.Fatalf("host was not signed: %s", req.Header.Get("Authorization"))
	}
	req.Header.Del("Host") // net/http sends req.Host; the server reads r.Host
	c.send(req).want(t, 200, "")
}

func TestAuthTemporaryCredentials(t *testing.T) {
	t.Parallel()
	tc := TemporaryCredential{AccessKey: "TEMPAK00000000000001", SecretKey: "temp-secret", SecurityToken: "security-token-xyz"}
	c := startEmulator(t, Options{TemporaryCredentials: []TemporaryCredential{tc}})
	c.ak, c.sk = tc.AccessKey, tc.SecretKey

	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 401, "APIG.0301") // no security token

	c.secToken = "wrong-token"
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 401, "APIG.0301")

	c.secToken = tc.SecurityToken
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")

	// The token must be covered by the signature.
	req, _ := http.NewRequest("GET", c.srv.URL+c.path("/v1/{p}/csms/events"), nil)
	_ = sdksign.Sign(req, nil, tc.AccessKey, tc.SecretKey, time.Now())
	req.Header.Set("X-Security-Token", tc.SecurityToken)
	c.send(req).want(t, 401, "APIG.0301")

	// A permanent key with a security token is refused.
	perm := startEmulator(t, Options{})
	perm.secToken = "anything"
	perm.do("GET", "/v1/{p}/csms/events", nil).want(t, 401, "APIG.0301")
}

func TestAuthToken(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{AuthToken: "tok-123"})
	c.token = "tok-123"
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")
	c.do("GET", "/v3/projects", nil).want(t, 200, "")
	c.headers = map[string]string{"X-Project-Id": "ffffffffffffffffffffffffffffffff"}
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 401, "APIG.0301")
}

func TestAuthIAMNeedsCredentials(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	req, _ := http.NewRequest("GET", c.srv.URL+"/v3/projects?name=cn-north-4", nil)
	c.send(req).want(t, 401, "APIG.0301")
	if c.e().Count(OpIAMListProjects) != 1 {
		t.Fatal("IAM request not counted")
	}
}
