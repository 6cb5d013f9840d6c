package emulator

import (
	"net/http"
	"testing"
)

func TestIAMListProjects(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{ExtraProjects: []Project{
		{ID: "11111111111111111111111111111111", Name: "cn-south-1"},
		{ID: "22222222222222222222222222222222", Name: "cn-south-1"},
	}})
	count := func(query string) int {
		t.Helper()
		return len(c.do("GET", "/v3/projects"+query, nil).want(t, 200, "").json(t)["projects"].([]any))
	}
	if n := count("?name=cn-north-4"); n != 1 {
		t.Fatalf("own region: %d", n)
	}
	if n := count("?name=cn-south-1"); n != 2 {
		t.Fatalf("two projects: %d", n)
	}
	if n := count("?name=eu-west-0"); n != 0 {
		t.Fatalf("no project: %d", n)
	}
	if n := count(""); n != 3 {
		t.Fatalf("all: %d", n)
	}
	p := c.do("GET", "/v3/projects?name=cn-north-4", nil).json(t)["projects"].([]any)[0].(map[string]any)
	if p["id"] != c.project() || p["name"] != "cn-north-4" {
		t.Fatalf("project: %v", p)
	}
	c.do("GET", "/v3/projects?domain=x", nil).want(t, 400, "IAM.0003")
	if c.e().Count(OpIAMListProjects) != 6 {
		t.Fatalf("count %d", c.e().Count(OpIAMListProjects))
	}
}

func TestRouting(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("GET", "/v1/{p}/csms/unknown/thing/here", nil).want(t, 404, "APIG.0101")
	c.do("GET", "/v1/{p}/csms/events/", nil).want(t, 404, "")
	c.do("GET", "/v2/{p}/secrets", nil).want(t, 404, "")
	r := c.do("PATCH", "/v1/{p}/csms/events/ev", nil).want(t, 405, "")
	if r.header.Get("Allow") != "GET, PUT, DELETE" {
		t.Fatalf("Allow: %q", r.header.Get("Allow"))
	}
	c.do("GET", "/v3/{p}/notifications", nil).want(t, 405, "")
	if c.e().TotalCount() != 5 || len(c.e().Counts()) != 0 {
		t.Fatalf("unrouted requests count in the total only: %d %v", c.e().TotalCount(), c.e().Counts())
	}
	// "events" is a literal: an event named "tags" is not a secret id.
	c.do("GET", "/v1/{p}/csms/events/tags", nil).want(t, 404, "CSMS.0005")
	// Escaped path segments are decoded.
	c.do("GET", "/v1/{p}/secrets/a%2Fb", nil).want(t, 400, "CSMS.0106")
}

func TestRequestIDsAreUniqueAndEverywhere(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	seen := map[string]bool{}
	for _, r := range []result{
		c.do("GET", "/v1/{p}/csms/events", nil),                 // success
		c.do("GET", "/v1/{p}/csms/events/none", nil),            // service error
		c.do("GET", "/nowhere", nil),                            // unrouted
		c.send(mustRequest(t, "GET", c.srv.URL+"/v3/projects")), // auth error
	} {
		id := r.header.Get("X-Request-Id")
		if id == "" || seen[id] {
			t.Fatalf("X-Request-Id %q missing or repeated (status %d)", id, r.status)
		}
		seen[id] = true
	}
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestBodyRules(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	// A body needs the JSON content type.
	c.headers = map[string]string{"Content-Type": "text/plain"}
	c.do("POST", "/v3/{p}/notifications", ctsBody("n")).want(t, 400, "CTS.0003")
	c.headers = nil
	// Routes without a body refuse one.
	c.do("GET", "/v1/{p}/csms/events", "{}").want(t, 400, "CSMS.0004")
	c.do("DELETE", "/v3/{p}/notifications?notification_id=x", "{}").want(t, 400, "CTS.0003")
	// Success bodies: exactly the documented status codes, and deletes have no body.
	r := c.do("POST", "/v3/{p}/notifications", ctsBody("n"))
	r.want(t, 201, "")
	if r.header.Get("Content-Type") != "application/json;charset=UTF-8" {
		t.Fatalf("content type %q", r.header.Get("Content-Type"))
	}
}

func TestIAMListAuthDomains(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	for _, client := range []func(*testClient){func(*testClient) {}, func(c *testClient) { c.token = DefaultAuthToken }} {
		cc := *c
		client(&cc)
		got := cc.do("GET", "/v3/auth/domains", nil).want(t, 200, "").json(t)
		domains, _ := got["domains"].([]any)
		if len(domains) != 1 {
			t.Fatalf("domains: %v", got)
		}
		d := domains[0].(map[string]any)
		if d["id"] != emulatorDomainID || d["name"] != emulatorDomainName || d["enabled"] != true {
			t.Fatalf("domain: %v", d)
		}
		if got["links"].(map[string]any)["self"] != "/v3/auth/domains" {
			t.Fatalf("links: %v", got["links"])
		}
	}
	checkAuthListRefusals(t, c, "/v3/auth/domains", "name=x", OpIAMListAuthDomains, 4)
}

// checkAuthListRefusals checks what the /v3/auth lists share: they take no
// parameters (query is refused), a wrong secret key gets the gateway's
// documented 401, and every request so far, want in all, is counted as op.
func checkAuthListRefusals(t *testing.T, c *testClient, path, query, op string, want int) {
	t.Helper()
	c.do("GET", path+"?"+query, nil).want(t, 400, "IAM.0003")
	c.sk = "not-the-secret-key"
	c.do("GET", path, nil).want(t, 401, "APIG.0301")
	if n := c.e().Count(op); n != want {
		t.Fatalf("count %d, want every request counted (%d)", n, want)
	}
}

func TestIAMListAuthProjects(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{ExtraProjects: []Project{{ID: "11111111111111111111111111111111", Name: "cn-south-1"}}})
	got := c.do("GET", "/v3/auth/projects", nil).want(t, 200, "").json(t)
	if n := len(got["projects"].([]any)); n != 2 {
		t.Fatalf("projects: %v", got)
	}
	if got["links"].(map[string]any)["self"] != "/v3/auth/projects" {
		t.Fatalf("links: %v", got["links"])
	}
	checkAuthListRefusals(t, c, "/v3/auth/projects", "name=cn-north-4", OpIAMListAuthProjects, 3)
	if n := c.e().Count(OpIAMListProjects); n != 0 {
		t.Fatalf("the project lookup was counted %d times", n)
	}
}
