package hwc

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// iamAndCSMS answers IAM project lookups with projects and CSMS event reads
// with an event.
func iamAndCSMS(projects string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, _ int) {
		if strings.HasPrefix(r.URL.Path, "/v3/projects") {
			reply(w, http.StatusOK, `{"projects":`+projects+`,"links":{"self":"x"}}`)
			return
		}
		reply(w, http.StatusOK, `{"event":{"name":"ev1"}}`)
	}
}

func TestResolveProjectID(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		projects string
		wantID   string
		wantErr  []string
	}{
		"one":              {`[{"id":"pid-1","name":"cn-north-4"}]`, "pid-1", nil},
		"none":             {`[]`, "", []string{`"cn-north-4"`, "0 found"}},
		"many":             {`[{"id":"a","name":"cn-north-4"},{"id":"b","name":"cn-north-4"}]`, "", []string{"2 projects", `"cn-north-4"`}},
		"other names only": {`[{"id":"a","name":"cn-north-4_sub"}]`, "", []string{"0 found"}},
		"no id":            {`[{"name":"cn-north-4"}]`, "", []string{"without an id"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, iamAndCSMS(tc.projects))
			c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.ProjectID = "" })
			id, err := c.ResolveProjectID(context.Background())
			if tc.wantErr == nil {
				if err != nil || id != tc.wantID || c.ProjectID() != tc.wantID {
					t.Fatalf("ResolveProjectID = %q, %v; ProjectID() = %q; want %q", id, err, c.ProjectID(), tc.wantID)
				}
			} else {
				for _, want := range tc.wantErr {
					if err == nil || !strings.Contains(err.Error(), want) {
						t.Fatalf("error %v does not contain %q", err, want)
					}
				}
				if c.ProjectID() != "" {
					t.Fatalf("a failed lookup set the project to %q", c.ProjectID())
				}
			}
			call := rec.call(t, 0)
			if call.Method != "GET" || call.Path != "/v3/projects" || call.Query != "name=cn-north-4" {
				t.Errorf("IAM request = %s %s?%s", call.Method, call.Path, call.Query)
			}
			if call.Header.Get("X-Project-Id") != "" {
				t.Error("the IAM call sent X-Project-Id")
			}
		})
	}
}

func TestResolveProjectIDKeepsAConfiguredProject(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, iamAndCSMS(`[{"id":"other","name":"cn-north-4"}]`))
	c := newTestClient(t, rec.URL, nil)
	id, err := c.ResolveProjectID(context.Background())
	if err != nil || id != testProject || rec.count() != 0 {
		t.Fatalf("got %q, %v after %d requests; want the configured project without asking IAM", id, err, rec.count())
	}
}

func TestResolveProjectIDNeedsARegion(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.ProjectID, cfg.Region = "", "" })
	if _, err := c.ResolveProjectID(context.Background()); err == nil || !strings.Contains(err.Error(), "region") {
		t.Fatalf("error = %v", err)
	}
}

func TestResolveProjectIDReportsIAMErrors(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		reply(w, http.StatusUnauthorized, `{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}`)
	})
	c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.ProjectID = "" })
	_, err := c.ResolveProjectID(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || !strings.Contains(err.Error(), `region "cn-north-4"`) {
		t.Fatalf("error = %v", err)
	}
}

func TestProjectIsResolvedOnFirstUseOnlyOnce(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, iamAndCSMS(`[{"id":"pid-9","name":"cn-north-4"}]`))
	c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.ProjectID = "" })
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := c.ShowSecretEvent(context.Background(), "ev1"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var iam, csms int
	for i := range rec.count() {
		call := rec.call(t, i)
		switch {
		case call.Path == "/v3/projects":
			iam++
		case call.Path == "/v1/pid-9/csms/events/ev1" && call.Header.Get("X-Project-Id") == "pid-9":
			csms++
		default:
			t.Errorf("unexpected request %s %s", call.Method, call.Path)
		}
	}
	if iam != 1 || csms != 8 {
		t.Fatalf("%d IAM and %d CSMS requests, want 1 and 8", iam, csms)
	}
}

func TestListProjectsWithoutName(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, iamAndCSMS(`[{"id":"a","name":"cn-north-4"},{"id":"b","name":"eu-west-0"}]`))
	c := newTestClient(t, rec.URL, nil)
	got, err := c.ListProjects(context.Background(), "")
	if err != nil || len(got) != 2 || got[1] != (Project{ID: "b", Name: "eu-west-0"}) {
		t.Fatalf("ListProjects = %+v, %v", got, err)
	}
	if q := rec.call(t, 0).Query; q != "" {
		t.Fatalf("query = %q, want none", q)
	}
	if ct := rec.call(t, 0).Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want application/json on IAM calls too", ct)
	}
}

func TestProjectLookupFallsBackToGlobalIAM(t *testing.T) {
	t.Parallel()
	global := newRecorder(t, iamAndCSMS(`[{"id":"pid-g","name":"cn-north-4"}]`))
	c := newTestClient(t, global.URL, func(cfg *Config) { cfg.ProjectID, cfg.Endpoints.IAM = "", "" })
	recordWaits(c)
	// Stand-ins for a regional host that does not answer and the global host.
	c.endpoints.iam, _ = url.Parse("http://" + refusedAddr(t))
	c.endpoints.globalIAM, _ = url.Parse(global.URL)
	id, err := c.ResolveProjectID(context.Background())
	if err != nil || id != "pid-g" {
		t.Fatalf("ResolveProjectID = %q, %v", id, err)
	}
}

func TestConfiguredIAMHasNoFallback(t *testing.T) {
	t.Parallel()
	global := newRecorder(t, iamAndCSMS(`[{"id":"pid-g","name":"cn-north-4"}]`))
	c := newTestClient(t, "http://"+refusedAddr(t), func(cfg *Config) { cfg.ProjectID = "" })
	recordWaits(c)
	c.endpoints.globalIAM, _ = url.Parse(global.URL)
	if _, err := c.ResolveProjectID(context.Background()); err == nil || global.count() != 0 {
		t.Fatalf("err %v; the global endpoint got %d requests although IAM was configured", err, global.count())
	}
}

func TestDerivedIAMEndpointFlagsFallback(t *testing.T) {
	t.Parallel()
	c, err := New(Config{Region: "la-south-2", AccessKey: "ak", SecretKey: "sk"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.endpoints.iamDerived || c.endpoints.globalIAM.String() != GlobalIAMEndpoint {
		t.Fatalf("derived IAM not set up for fallback: %+v", c.endpoints)
	}
}

func TestCheckCredentials(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		reply(w, http.StatusOK, `{"projects":[{"id":"pid-1","name":"cn-north-4","domain_id":"d1","enabled":true}],"links":{"self":"x"}}`)
	})
	c := newTestClient(t, rec.URL, nil)
	projects, err := c.ListAuthProjects(context.Background())
	if err != nil || len(projects) != 1 || projects[0] != (Project{ID: "pid-1", Name: "cn-north-4", DomainID: "d1", Enabled: true}) {
		t.Fatalf("ListAuthProjects = %+v, %v", projects, err)
	}
	if err := c.CheckCredentials(context.Background()); err != nil {
		t.Fatal(err)
	}
	call := rec.call(t, 1)
	if call.Method != "GET" || call.Path != "/v3/auth/projects" || call.Query != "" {
		t.Errorf("request = %s %s?%s", call.Method, call.Path, call.Query)
	}
	if call.Header.Get("X-Project-Id") != "" || !strings.HasPrefix(call.Header.Get("Authorization"), "SDK-HMAC-SHA256 ") {
		t.Errorf("headers = %v: want a signed call without X-Project-Id", call.Header)
	}
}

func TestCheckCredentialsRefused(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		reply(w, http.StatusUnauthorized, `{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information","request_id":"r1"}`)
	})
	c := newTestClient(t, rec.URL, nil)
	err := c.CheckCredentials(context.Background())
	var apiErr *APIError
	if !IsUnauthorized(err) || IsNetworkFailure(err) || !errors.As(err, &apiErr) || apiErr.Code != "APIG.0301" {
		t.Fatalf("error = %v", err)
	}
	if rec.count() != 1 {
		t.Fatalf("a refusal was asked %d times; it is not retried", rec.count())
	}
}

func TestCheckCredentialsNetworkFailureIsRetried(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, "http://127.0.0.1:1", nil) // MaxRetries 3
	err := c.CheckCredentials(context.Background())
	if !IsNetworkFailure(err) || IsUnauthorized(err) || IsRefused(err) || !strings.Contains(err.Error(), "after 4 attempts") {
		t.Fatalf("error = %v: want a network failure after 4 attempts", err)
	}
}
