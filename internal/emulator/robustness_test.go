package emulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Concurrent writers, readers and fault changes keep the store consistent
// (run with -race to check the locking).
func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				r, err := c.try("POST", "/v1/{p}/secrets", map[string]any{"name": fmt.Sprintf("w%d-%02d", w, i), "secret_string": "v"})
				if err != nil || r.status != 200 {
					t.Errorf("create: %v %d %s", err, r.status, r.body)
					return
				}
				if _, err := c.try("POST", "/v1/{p}/csms/resource_instances/action", map[string]any{"action": "count"}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c.e().SetFaults(FaultConfig{Latency: time.Duration(i%2) * time.Microsecond})
			_ = c.e().Counts()
		}
	}()
	wg.Wait()
	if n := len(c.e().store.secrets); n != 160 {
		t.Fatalf("%d secrets, want 160", n)
	}
	if c.e().Count(OpCreateSecret) != 160 || c.e().Count(OpCountResourceInstances) != 160 {
		t.Fatalf("counts: %v", c.e().Counts())
	}
}

// FuzzRequestBodies sends arbitrary bodies to every route that takes one:
// the emulator must answer with a documented status, never panic.
func FuzzRequestBodies(f *testing.F) {
	for _, seed := range []string{
		`{"name":"ev","event_types":["SECRET_DELETED"],"state":"ENABLED","notification":{"target_type":"SMN","target_id":"urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:hwcloud-demo","target_name":"t"}}`,
		`{"name":"s","secret_string":"v"}`,
		`{"action":"filter","limit":"10","offset":5,"tags":[{"key":"k","values":[]}],"matches":[{"key":"resource_name","value":"x"}]}`,
		`{"notification_name":"n","operation_type":"customized","operations":[{"service_type":"CTS","resource_type":"t","trace_names":["a"]}],"filter":{"condition":"AND","is_support_filter":true,"rule":["code = 1"]}}`,
		`{"tag":{"key":"k","value":"v"}}`, `{"action":"create","tags":[{"key":"k","value":"v"}]}`,
		`{"recovery_window_in_days":7}`, `{"limit":true}`, `[`, `null`, `{"a":{"b":[1,{"c":null}]}}`, "\x00", `"str"`,
	} {
		f.Add(seed)
	}
	e, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	if err := e.Seed(Seed{Secrets: []SeedSecret{{Name: "s0"}}}); err != nil {
		f.Fatal(err)
	}
	id := e.store.secrets["s0"].Cur.ID
	p := "/v1/" + DefaultProjectID
	targets := []struct{ method, path string }{
		{"POST", p + "/csms/events"}, {"PUT", p + "/csms/events/ev"}, {"POST", p + "/secrets"},
		{"POST", p + "/secrets/s0/scheduled-deleted-tasks/create"}, {"POST", p + "/csms/resource_instances/action"},
		{"POST", p + "/csms/" + id + "/tags"}, {"POST", p + "/csms/" + id + "/tags/action"},
		{"POST", "/v3/" + DefaultProjectID + "/notifications"}, {"PUT", "/v3/" + DefaultProjectID + "/notifications"},
	}
	allowed := map[int]bool{200: true, 201: true, 204: true, 400: true, 404: true}
	f.Fuzz(func(t *testing.T, body string) {
		for _, tg := range targets {
			req := httptest.NewRequest(tg.method, tg.path, strings.NewReader(body))
			req.Header.Set("X-Auth-Token", DefaultAuthToken)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if !allowed[rec.Code] {
				t.Fatalf("%s %s: status %d for body %q", tg.method, tg.path, rec.Code, body)
			}
			if rec.Code >= 400 && !strings.Contains(rec.Body.String(), "error_code") {
				t.Fatalf("error without a code: %s", rec.Body)
			}
		}
	})
}

func TestServeHTTPWithoutListener(t *testing.T) {
	t.Parallel()
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/v3/projects?name=cn-north-4", nil)
	req.Header.Set("X-Auth-Token", DefaultAuthToken)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), DefaultProjectID) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}
