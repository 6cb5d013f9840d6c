package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

var testAgencies = Seed{Agencies: []SeedAgency{{Name: "ops", DomainName: "acme", DomainID: "acme-id"}, {Name: "audit", DomainName: "acme"}}}

func v3Body(agency, domain string, duration int) map[string]any {
	ar := map[string]any{"agency_name": agency, "domain_name": domain}
	if duration > 0 {
		ar["duration_seconds"] = duration
	}
	return map[string]any{"auth": map[string]any{"identity": map[string]any{"methods": []string{"assume_role"}, "assume_role": ar}}}
}

func TestAssumeRoleV3(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{Seed: testAgencies})
	r := c.do("POST", "/v3.0/OS-CREDENTIAL/securitytokens", v3Body("ops", "acme", 3600))
	r.want(t, 201, "")
	cred, _ := r.json(t)["credential"].(map[string]any)
	exp, err := time.Parse(time.RFC3339Nano, cred["expires_at"].(string))
	if err != nil || time.Until(exp) < 59*time.Minute || time.Until(exp) > time.Hour {
		t.Fatalf("expires_at %v %v", cred["expires_at"], err)
	}
	// The issued credentials work only with their token.
	tmp := *c
	tmp.ak, tmp.sk = cred["access"].(string), cred["secret"].(string)
	tmp.do("GET", "/v1/{p}/csms/events", nil).want(t, 401, "APIG.0301")
	tmp.secToken = cred["securitytoken"].(string)
	tmp.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")
	// …until they expire on the service clock.
	if err := c.e().AdvanceClock(time.Hour); err != nil {
		t.Fatal(err)
	}
	tmp.do("GET", "/v1/{p}/csms/events", nil).want(t, 401, "APIG.0301")

	for name, body := range map[string]any{
		"unknown agency": v3Body("nobody", "acme", 0),
		"wrong account":  v3Body("ops", "other", 0),
		"short duration": v3Body("ops", "acme", 899),
		"long duration":  v3Body("ops", "acme", 86401),
		"two methods":    map[string]any{"auth": map[string]any{"identity": map[string]any{"methods": []string{"assume_role", "token"}}}},
		"unknown field":  map[string]any{"auth": map[string]any{"identity": map[string]any{"methods": []string{"assume_role"}, "x": 1}}},
	} {
		want := map[string]int{"unknown agency": 403, "wrong account": 403}[name]
		code := "IAM.0002"
		if want == 0 {
			want, code = 400, "IAM.0003"
		}
		c.do("POST", "/v3.0/OS-CREDENTIAL/securitytokens", body).want(t, want, code)
	}
	// Unsigned calls are refused like any other.
	anon := *c
	anon.ak, anon.sk = "NOPE", "nope"
	anon.do("POST", "/v3.0/OS-CREDENTIAL/securitytokens", v3Body("ops", "acme", 0)).want(t, 401, "APIG.0301")
}

func tokenMethodBody(token map[string]any) map[string]any {
	identity := map[string]any{"methods": []string{"token"}}
	if token != nil {
		identity["token"] = token
	}
	return map[string]any{"auth": map[string]any{"identity": identity}}
}

// The token method hands the caller temporary credentials of its own,
// however it authenticates: X-Auth-Token, a signature, or token.id alone.
func TestTokenCredentials(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	const path = "/v3.0/OS-CREDENTIAL/securitytokens"
	useIssued := func(t *testing.T, r result, lifetime time.Duration) {
		t.Helper()
		cred, _ := r.want(t, 201, "").json(t)["credential"].(map[string]any)
		exp, err := time.Parse(time.RFC3339Nano, cred["expires_at"].(string))
		if left := time.Until(exp); err != nil || left > lifetime || left < lifetime-time.Minute {
			t.Fatalf("expires_at %v (%v), want about %v from now", cred["expires_at"], err, lifetime)
		}
		tmp := *c
		tmp.token, tmp.ak, tmp.sk, tmp.secToken = "", cred["access"].(string), cred["secret"].(string), cred["securitytoken"].(string)
		tmp.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")
	}

	byToken := *c
	byToken.token = DefaultAuthToken
	useIssued(t, byToken.do("POST", path, tokenMethodBody(nil)), 15*time.Minute)
	// The header wins over a token.id that names no token.
	useIssued(t, byToken.do("POST", path, tokenMethodBody(map[string]any{"id": "stale", "duration_seconds": 86400})), 24*time.Hour)
	// Signed with AK/SK, as Huawei's SDK sends it.
	useIssued(t, c.do("POST", path, tokenMethodBody(map[string]any{"duration_seconds": 3600})), time.Hour)

	// token.id alone authenticates the call; a wrong one is the gateway's 401.
	bodyOnly := func(id string) result {
		raw, _ := json.Marshal(tokenMethodBody(map[string]any{"id": id}))
		req, _ := http.NewRequest("POST", c.srv.URL+path, bytes.NewReader(raw))
		req.Header.Set("Content-Type", "application/json;charset=utf8")
		return c.send(req)
	}
	useIssued(t, bodyOnly(DefaultAuthToken), 15*time.Minute)
	bodyOnly("not-a-token").want(t, 401, "APIG.0301")
	bodyOnly("").want(t, 401, "APIG.0301")

	for _, seconds := range []int{899, 86401} {
		c.do("POST", path, tokenMethodBody(map[string]any{"duration_seconds": seconds})).want(t, 400, "IAM.0003")
	}
	c.do("POST", path, tokenMethodBody(map[string]any{"unknown": 1})).want(t, 400, "IAM.0003")
	// Counted apart from assume_role; the refused calls count too.
	if n, ar := c.e().Count(OpIAMTokenCredentials), c.e().Count(OpIAMAssumeRole); n != 9 || ar != 0 {
		t.Fatalf("counts: token %d, assume_role %d", n, ar)
	}
}

func TestAssumeAgencyV5AndTTL(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{Seed: testAgencies, CredentialsTTL: 30 * time.Second})
	r := c.do("POST", "/v5/agencies/assume", map[string]any{
		"agency_urn": "iam::acme-id:agency:ops", "agency_session_name": "ci", "duration_seconds": 3600})
	r.want(t, 200, "")
	cred, _ := r.json(t)["credentials"].(map[string]any)
	exp, _ := time.Parse(time.RFC3339, cred["expiration"].(string))
	if d := time.Until(exp); d > 31*time.Second || d < 25*time.Second {
		t.Fatalf("the ttl caps the lifetime: %v left", d)
	}
	// A chain: the temporary credentials assume the next agency, at most 3600 s.
	tmp := *c
	tmp.ak, tmp.sk, tmp.secToken = cred["access_key_id"].(string), cred["secret_access_key"].(string), cred["security_token"].(string)
	tmp.do("POST", "/v5/agencies/assume", map[string]any{
		"agency_urn": "iam::acme-id:agency:ops", "agency_session_name": "ci", "duration_seconds": 3601}).want(t, 400, "STS5.0001")
	tmp.do("POST", "/v3.0/OS-CREDENTIAL/securitytokens", v3Body("audit", "acme", 0)).want(t, 201, "")

	r = c.do("POST", "/v5/agencies/assume", map[string]any{"agency_urn": "iam::acme-id:agency:nobody", "agency_session_name": "ci"})
	r.want(t, 404, "STS5.1106")
	if msg := r.json(t)["error_msg"]; msg != "the agency 'iam::acme-id:agency:nobody' cannot be found" {
		t.Errorf("message %v", msg)
	}
	c.do("POST", "/v5/agencies/assume", map[string]any{"agency_urn": "acme:ops", "agency_session_name": "ci"}).want(t, 400, "STS5.0001")
}

func TestMetadataListener(t *testing.T) {
	t.Parallel()
	srv, err := Start(Options{MetadataListen: "127.0.0.1:0", CredentialsTTL: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if srv.MetadataURL == "" {
		t.Fatal("no metadata URL")
	}
	resp, err := http.Get(srv.MetadataURL + "/openstack/latest/securitykey")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Credential map[string]string `json:"credential"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	for _, k := range []string{"access", "secret", "securitytoken", "expires_at"} {
		if out.Credential[k] == "" {
			t.Errorf("no %s", k)
		}
	}
	if n := srv.Emulator.Count(OpMetadataSecurityKey); n != 1 {
		t.Errorf("count %d", n)
	}
	for what, u := range map[string]string{
		"other path": srv.MetadataURL + "/openstack/latest/meta_data.json",
		// The main listener does not serve the metadata route.
		"main listener": srv.URL + "/openstack/latest/securitykey",
	} {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("%s: %d", what, resp.StatusCode)
		}
	}
}

func TestSeedAgencyNeedsNameAndDomain(t *testing.T) {
	if _, err := New(Options{Seed: Seed{Agencies: []SeedAgency{{Name: "x"}}}}); err == nil {
		t.Fatal("accepted")
	}
	if _, err := ParseSeed([]byte(`{"agencies":[{"name":"a","domain_name":"d","domain_id":"i"}]}`)); err != nil {
		t.Fatal(err)
	}
}
