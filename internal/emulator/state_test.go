package emulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStateRoundTrip(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.e().AddTopic(TopicURN("cn-north-4", c.project(), "extra"))
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev", c.demoTopic())).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "s", "secret_string": "top-secret-value", "event_subscriptions": []string{"ev"}}).want(t, 200, "")
	id := c.do("GET", "/v1/{p}/secrets/s", nil).json(t)["secret"].(map[string]any)["id"].(string)
	c.do("POST", "/v1/{p}/csms/"+id+"/tags", map[string]any{"tag": map[string]any{"key": "env", "value": "prod"}}).want(t, 204, "")
	c.do("POST", "/v1/{p}/secrets/s/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 9}).want(t, 200, "")
	c.do("POST", "/v3/{p}/notifications", ctsBody("older")).want(t, 201, "")
	c.do("POST", "/v3/{p}/notifications", ctsBody("newer", "topic_id", c.demoTopic())).want(t, 201, "")

	path := filepath.Join(t.TempDir(), "state.json")
	if err := c.e().SaveState(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if len(data) == 0 || strings.Contains(string(data), "top-secret-value") {
		t.Fatal("the state file must exist and never hold a secret value")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}

	e2, err := LoadState(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c2 := &testClient{t: t, ak: c.ak, sk: c.sk, now: c.now, http: c.http}
	srv, err := Serve("127.0.0.1:0", e2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c2.srv = srv
	for _, p := range []string{"/v1/{p}/csms/events/ev", "/v1/{p}/secrets/s", "/v1/{p}/csms/" + id + "/tags",
		"/v3/{p}/notifications/smn", "/v1/{p}/csms/notification-records"} {
		a, b := c.do("GET", p, nil).want(t, 200, ""), c2.do("GET", p, nil).want(t, 200, "")
		if string(a.body) != string(b.body) {
			t.Fatalf("%s differs after reload:\n%s\n%s", p, a.body, b.body)
		}
	}
	c2.do("POST", "/v3/{p}/notifications", ctsBody("x", "topic_id", TopicURN("cn-north-4", c.project(), "extra"))).want(t, 201, "")
	c2.do("POST", "/v1/{p}/secrets/s/scheduled-deleted-tasks/cancel", nil).want(t, 200, "")
	c2.do("DELETE", "/v1/{p}/csms/events/ev", nil).want(t, 400, codeEventConflict)
}

func TestLoadStateRejectsBadFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	e, _ := New(Options{})
	good := filepath.Join(dir, "good.json")
	if err := e.SaveState(good); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"truncated":     write("truncated.json", `{"version":1,`),
		"not json":      write("garbage.json", "hello"),
		"version":       write("version.json", `{"version":9,"region":"cn-north-4","project_id":"0123456789abcdef0123456789abcdef"}`),
		"other project": write("project.json", `{"version":1,"region":"cn-north-4","project_id":"ffffffffffffffffffffffffffffffff"}`),
		"unknown field": write("unknown.json", `{"version":1,"region":"cn-north-4","project_id":"0123456789abcdef0123456789abcdef","extra":1}`),
		"dup secret": write("dup.json", `{"version":1,"region":"cn-north-4","project_id":"0123456789abcdef0123456789abcdef",
			"secrets":[{"id":"a","name":"s"},{"id":"b","name":"s"}]}`),
		"missing": filepath.Join(dir, "missing.json"),
	}
	for name, p := range cases {
		if _, err := LoadState(p, Options{}); err == nil {
			t.Errorf("%s: LoadState accepted it", name)
		}
	}
	if _, err := LoadState(good, Options{}); err != nil {
		t.Fatalf("good file: %v", err)
	}
}

// A state file written when "no filter" was stored in the empty-object form
// loads as a notification without a filter.
func TestLoadStateReadsTheOldEmptyFilterForm(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "old.json")
	old := `{"version":1,"region":"cn-north-4","project_id":"0123456789abcdef0123456789abcdef","notifications":[` +
		`{"notification_name":"old","operation_type":"complete","operations":[],"notify_user_list":[],"status":"disabled",` +
		`"notification_id":"6d4a09bb-aa8e-40db-9e87-0d5e203823a8","notification_type":"smn","project_id":"0123456789abcdef0123456789abcdef",` +
		`"domain_id":"d","create_time":1,"filter":{"condition":"","is_support_filter":false,"rule":null}}]}`
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	e, err := LoadState(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range e.store.notifications {
		if v.Cur.Filter != nil {
			t.Fatalf("filter %+v, want none", v.Cur.Filter)
		}
	}
	if len(e.store.notifications) != 1 {
		t.Fatalf("%d notifications loaded", len(e.store.notifications))
	}
}
