package emulator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func versionStages(t *testing.T, r result) []any {
	t.Helper()
	return r.json(t)["version_metadata"].(map[string]any)["version_stages"].([]any)
}

func TestSecretVersionsAndStages(t *testing.T) {
	t.Parallel()
	var (
		mu     sync.Mutex
		logged strings.Builder
	)
	c := startEmulator(t, Options{Logf: func(f string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(&logged, f+"\n", a...)
	}})
	createSecret(t, c, "app")

	// The first value is v1 and holds SYSCURRENT.
	v1 := c.do("GET", "/v1/{p}/secrets/app/versions/v1", nil).want(t, 200, "").json(t)["version"].(map[string]any)
	if v1["secret_string"] != "s3cr3t" || v1["version_metadata"].(map[string]any)["secret_name"] != "app" {
		t.Fatalf("v1: %v", v1)
	}

	// A new version takes SYSCURRENT; the old one keeps SYSPREVIOUS.
	r := c.do("POST", "/v1/{p}/secrets/app/versions", map[string]any{"secret_string": "second"}).want(t, 200, "")
	if got := versionStages(t, r); len(got) != 1 || got[0] != "SYSCURRENT" {
		t.Fatalf("v2 stages: %v", got)
	}
	if got := c.do("GET", "/v1/{p}/secrets/app/stages/SYSPREVIOUS", nil).want(t, 200, "").json(t)["stage"].(map[string]any); got["version_id"] != "v1" {
		t.Fatalf("SYSPREVIOUS: %v", got)
	}
	// A binary version with its own stage leaves SYSCURRENT where it is.
	r = c.do("POST", "/v1/{p}/secrets/app/versions", map[string]any{"secret_binary": "AAEC", "version_stages": []string{"blue"}}).want(t, 200, "")
	if got := versionStages(t, r); len(got) != 1 || got[0] != "blue" {
		t.Fatalf("v3 stages: %v", got)
	}
	v3 := c.do("GET", "/v1/{p}/secrets/app/versions/v3", nil).want(t, 200, "").json(t)["version"].(map[string]any)
	if v3["secret_binary"] != "AAEC" || v3["secret_string"] != nil {
		t.Fatalf("v3: %v", v3)
	}
	if v, bin, ok := c.e().SecretVersionValue("app", ""); !ok || bin || v != "second" {
		t.Fatalf("current value: %q %v %v", v, bin, ok)
	}

	// Moving a stage takes it off its old version.
	c.do("PUT", "/v1/{p}/secrets/app/stages/blue", map[string]any{"version_id": "v1"}).want(t, 200, "")
	list := c.do("GET", "/v1/{p}/secrets/app/versions?limit=2", nil).want(t, 200, "").json(t)
	page := list["version_metadatas"].([]any)
	if len(page) != 2 || list["page_info"].(map[string]any)["next_marker"] != "v2" {
		t.Fatalf("first page: %v", list)
	}
	if got := page[0].(map[string]any)["version_stages"].([]any); len(got) != 2 || got[0] != "SYSPREVIOUS" || got[1] != "blue" {
		t.Fatalf("v1 after the move: %v", got)
	}
	rest := c.do("GET", "/v1/{p}/secrets/app/versions?marker=v2", nil).want(t, 200, "").json(t)["version_metadatas"].([]any)
	if len(rest) != 1 || len(rest[0].(map[string]any)["version_stages"].([]any)) != 0 {
		t.Fatalf("second page: %v", rest)
	}
	// An unknown marker gives an empty page (a guess), not a refusal; pages go up to 1,000.
	if none := c.do("GET", "/v1/{p}/secrets/app/versions?marker=v99&limit=1000", nil).want(t, 200, "").json(t)["version_metadatas"].([]any); len(none) != 0 {
		t.Fatalf("unknown marker: %v", none)
	}
	c.do("GET", "/v1/{p}/secrets/app/versions?limit=1001", nil).want(t, 400, "CSMS.0002")
	if raw := c.do("GET", "/v1/{p}/secrets/app/versions", nil).body; bytes.Contains(raw, []byte("s3cr3t")) || bytes.Contains(raw, []byte("second")) {
		t.Fatalf("ListSecretVersions returned a value: %s", raw)
	}

	c.do("DELETE", "/v1/{p}/secrets/app/stages/blue", nil).want(t, 204, "")
	c.do("GET", "/v1/{p}/secrets/app/stages/blue", nil).want(t, 400, "CSMS.0005")
	c.do("DELETE", "/v1/{p}/secrets/app/stages/SYSCURRENT", nil).want(t, 400, "CSMS.0002")
	c.do("GET", "/v1/{p}/secrets/app/versions/v9", nil).want(t, 400, "CSMS.0005")
	c.do("PUT", "/v1/{p}/secrets/app/stages/x", map[string]any{"version_id": "v9"}).want(t, 400, "CSMS.0005")
	c.do("GET", "/v1/{p}/secrets/nope/versions/v1", nil).want(t, 400, "CSMS.0106")

	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logged.String(), "/versions/v1") {
		t.Fatalf("the request log was not captured: %q", logged.String())
	}
	if strings.Contains(logged.String(), "s3cr3t") || strings.Contains(logged.String(), "second") {
		t.Fatal("the emulator logged a value")
	}
}

func TestSecretVersionValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	createSecret(t, c, "app")
	long := strings.Repeat("x", 64*1024+1)
	for name, body := range map[string]map[string]any{
		"neither":         {},
		"both":            {"secret_string": "a", "secret_binary": "AA=="},
		"empty":           {"secret_string": ""},
		"over 64 KiB":     {"secret_string": long},
		"not base64":      {"secret_binary": "%%%"},
		"no stages":       {"secret_string": "a", "version_stages": []string{}},
		"13 stages":       {"secret_string": "a", "version_stages": strings.Split("a b c d e f g h i j k l m", " ")},
		"repeated stage":  {"secret_string": "a", "version_stages": []string{"a", "a"}},
		"long stage name": {"secret_string": "a", "version_stages": []string{strings.Repeat("s", 65)}},
	} {
		if got := c.do("POST", "/v1/{p}/secrets/app/versions", body).errorCode(t); got != "CSMS.0002" {
			t.Errorf("%s: code %q, want CSMS.0002", name, got)
		}
	}
	c.do("POST", "/v1/{p}/secrets/app/versions", map[string]any{"secret_string": strings.Repeat("x", 64*1024)}).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets/app/versions", map[string]any{"secret_string": "a", "extra": 1}).want(t, 400, "CSMS.0004")

	// Pending deletion: no new version, no change, no value.
	c.do("POST", "/v1/{p}/secrets/app/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7}).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets/app/versions", map[string]any{"secret_string": "a"}).want(t, 400, "CSMS.0103")
	c.do("PUT", "/v1/{p}/secrets/app", map[string]any{"description": "d"}).want(t, 400, "CSMS.0103")
	c.do("GET", "/v1/{p}/secrets/app/versions/v1", nil).want(t, 400, "CSMS.0107")
}

func TestUpdateSecretAndSubscriptions(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev", c.demoTopic())).want(t, 200, "")
	createSecret(t, c, "app")

	c.do("PUT", "/v1/{p}/secrets/app", map[string]any{"event_subscriptions": []string{"missing"}}).want(t, 400, "CSMS.0002")
	c.do("PUT", "/v1/{p}/secrets/app", map[string]any{"event_subscriptions": []string{"ev", "ev"}}).want(t, 400, "CSMS.0002")
	c.do("PUT", "/v1/{p}/secrets/app", map[string]any{"kms_key_id": "not-a-key"}).want(t, 400, "CSMS.0002")
	c.do("PUT", "/v1/{p}/secrets/app", map[string]any{"description": strings.Repeat("d", 2049)}).want(t, 400, "CSMS.0002")
	c.do("PUT", "/v1/{p}/secrets/nope", map[string]any{"description": "d"}).want(t, 400, "CSMS.0106")

	s := c.do("PUT", "/v1/{p}/secrets/app", map[string]any{"description": "new", "event_subscriptions": []string{"ev"}}).
		want(t, 200, "").json(t)["secret"].(map[string]any)
	if s["description"] != "new" || len(s["event_subscriptions"].([]any)) != 1 {
		t.Fatalf("updated: %v", s)
	}
	// A subscribed event cannot be deleted, even while the secret waits for deletion; unsubscribing frees it.
	c.do("POST", "/v1/{p}/secrets/app/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7}).want(t, 200, "")
	c.do("DELETE", "/v1/{p}/csms/events/ev", nil).want(t, 400, codeEventConflict)
	c.do("POST", "/v1/{p}/secrets/app/scheduled-deleted-tasks/cancel", nil).want(t, 200, "")
	s = c.do("PUT", "/v1/{p}/secrets/app", map[string]any{"event_subscriptions": []string{}}).want(t, 200, "").json(t)["secret"].(map[string]any)
	if len(s["event_subscriptions"].([]any)) != 0 || s["description"] != "new" {
		t.Fatalf("unsubscribed: %v", s)
	}
	c.do("DELETE", "/v1/{p}/csms/events/ev", nil).want(t, 204, "")
}

func TestDeleteSecretTag(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	id := createSecret(t, c, "app")["id"].(string)
	c.do("POST", "/v1/{p}/csms/"+id+"/tags/action", map[string]any{"action": "create", "tags": []map[string]string{
		{"key": "a", "value": "1"}, {"key": "b c", "value": "2"}}}).want(t, 204, "")
	c.do("DELETE", "/v1/{p}/csms/"+id+"/tags/b%20c", nil).want(t, 204, "")
	c.do("DELETE", "/v1/{p}/csms/"+id+"/tags/_sys_x", nil).want(t, 400, "CSMS.0002")
	c.do("DELETE", "/v1/{p}/csms/no-such-id/tags/a", nil).want(t, 400, "CSMS.0005")
	tags := c.do("GET", "/v1/{p}/csms/"+id+"/tags", nil).want(t, 200, "").json(t)["tags"].([]any)
	if len(tags) != 1 || tags[0].(map[string]any)["key"] != "a" {
		t.Fatalf("tags: %v", tags)
	}
}

func TestSecretValuesAreNotSaved(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	createSecret(t, c, "app")
	path := filepath.Join(t.TempDir(), "state.json")
	if err := c.e().SaveState(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte(`"v1"`)) || bytes.Contains(data, []byte("s3cr3t")) {
		t.Fatalf("the state must keep the version and not its value:\n%s", data)
	}
	e2, err := LoadState(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, found := e2.SecretVersionValue("app", "v1"); !found {
		t.Fatal("the version itself must survive a reload")
	}
}
