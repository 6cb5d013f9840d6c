package emulator

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"
)

func createSecret(t *testing.T, c *testClient, name string) map[string]any {
	t.Helper()
	return c.do("POST", "/v1/{p}/secrets", map[string]any{"name": name, "secret_string": "s3cr3t"}).want(t, 200, "").json(t)["secret"].(map[string]any)
}

func TestSecretLifecycle(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := startEmulator(t, Options{Now: clock.now})
	s := createSecret(t, c, "db.password")
	if s["state"] != "ENABLED" || s["scheduled_delete_time"] != nil || s["secret_type"] != "COMMON" || s["create_time"] != float64(clock.t.UnixMilli()) {
		t.Fatalf("created: %v", s)
	}
	if strings.Contains(string(c.do("GET", "/v1/{p}/secrets/db.password", nil).want(t, 200, "").body), "s3cr3t") {
		t.Fatal("the secret value must never be returned")
	}

	sched := c.do("POST", "/v1/{p}/secrets/db.password/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7}).want(t, 200, "").json(t)["secret"].(map[string]any)
	if sched["state"] != "PENDING_DELETE" || sched["scheduled_delete_time"] != float64(clock.t.Add(7*24*time.Hour).UnixMilli()) {
		t.Fatalf("scheduled: %v", sched)
	}
	c.do("POST", "/v1/{p}/secrets/db.password/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7}).want(t, 400, "CSMS.0107")

	restored := c.do("POST", "/v1/{p}/secrets/db.password/scheduled-deleted-tasks/cancel", nil).want(t, 200, "").json(t)["secret"].(map[string]any)
	if restored["state"] != "ENABLED" || restored["scheduled_delete_time"] != nil {
		t.Fatalf("restored: %v", restored)
	}
	c.do("POST", "/v1/{p}/secrets/db.password/scheduled-deleted-tasks/cancel", nil).want(t, 400, "CSMS.0108")

	c.do("DELETE", "/v1/{p}/secrets/db.password", nil).want(t, 204, "")
	for _, r := range []result{
		c.do("GET", "/v1/{p}/secrets/db.password", nil),
		c.do("DELETE", "/v1/{p}/secrets/db.password", nil),
		c.do("POST", "/v1/{p}/secrets/db.password/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7}),
		c.do("POST", "/v1/{p}/secrets/db.password/scheduled-deleted-tasks/cancel", nil),
	} {
		r.want(t, 400, "CSMS.0106")
		if _, nested := r.json(t)["error"]; nested {
			t.Fatalf("secret APIs answer in the flat shape: %s", r.body)
		}
	}
}

func TestSecretCreateValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	createSecret(t, c, "taken")
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev", c.demoTopic())).want(t, 200, "")
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev2", c.demoTopic())).want(t, 200, "")
	base := func(kv ...any) map[string]any {
		return edited(map[string]any{"name": "new", "secret_string": "v"}, kv...)
	}
	cases := []struct {
		name string
		body map[string]any
		code string
	}{
		{"name missing", base("name", nil), "CSMS.0002"},
		{"name bad char", base("name", "a/b"), "CSMS.0002"},
		{"name too long", base("name", strings.Repeat("n", 65)), "CSMS.0002"},
		{"duplicate name", base("name", "taken"), codeSecretConflict},
		{"no value", base("secret_string", nil), "CSMS.0002"},
		{"both values", base("secret_binary", "dg=="), "CSMS.0002"},
		{"empty value", base("secret_string", ""), "CSMS.0002"},
		{"value too large", base("secret_string", strings.Repeat("x", 64*1024+1)), "CSMS.0002"},
		{"binary too large", base("secret_string", nil, "secret_binary", base64.StdEncoding.EncodeToString(make([]byte, 64*1024+1))), "CSMS.0002"},
		{"binary not base64", base("secret_string", nil, "secret_binary", "***"), "CSMS.0002"},
		{"description too long", base("description", strings.Repeat("d", 2049)), "CSMS.0002"},
		{"description too long in characters", base("description", strings.Repeat("秘", 2049)), "CSMS.0002"},
		{"kms key id", base("kms_key_id", "my-key"), "CSMS.0002"},
		{"kms key id upper case", base("kms_key_id", "0D0466B0-E727-4D9C-B35D-F84BB474A37F"), "CSMS.0002"},
		{"secret type", base("secret_type", "OTHER"), "CSMS.0002"},
		{"two subscriptions", base("event_subscriptions", []string{"ev", "ev2"}), "CSMS.0002"},
		{"unknown event", base("event_subscriptions", []string{"nope"}), "CSMS.0002"},
		{"enterprise project empty", base("enterprise_project_id", ""), "CSMS.0002"},
		{"enterprise project too long", base("enterprise_project_id", strings.Repeat("e", 37)), "CSMS.0002"},
		{"unknown field", base("auto_rotation", true), "CSMS.0004"},
		{"wrong type", base("description", 5), "CSMS.0004"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c.do("POST", "/v1/{p}/secrets", tc.body).want(t, 400, tc.code)
		})
	}
	ok := c.do("POST", "/v1/{p}/secrets", base("secret_string", nil, "secret_binary", "AQID", "description", "d",
		"kms_key_id", "0d0466b0-e727-4d9c-b35d-f84bb474a37f", "secret_type", "COMMON", "event_subscriptions", []string{"ev"},
		"enterprise_project_id", "0")).want(t, 200, "").json(t)["secret"].(map[string]any)
	if ok["event_subscriptions"].([]any)[0] != "ev" || ok["kms_key_id"] != "0d0466b0-e727-4d9c-b35d-f84bb474a37f" {
		t.Fatalf("created: %v", ok)
	}
}

// The lenient readings (docs-dev/validation-rules.md): a 64 KiB value (the console guide; the API
// pages say 32 KB), a description of 2,048 characters however many bytes they
// take, a key id in the API Explorer's [0-9a-z] UUID form or the 32-hex form,
// and any enterprise project id of 1 to 36 characters.
func TestSecretCreateLenient(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	for i, body := range []map[string]any{
		{"secret_string": strings.Repeat("x", 64*1024)},
		{"secret_binary": base64.StdEncoding.EncodeToString(make([]byte, 64*1024))},
		{"secret_string": "v", "description": strings.Repeat("秘", 2048)},
		{"secret_string": "v", "kms_key_id": "zzzzzzzz-gggg-hhhh-iiii-jjjjjjjjjjjj"},
		{"secret_string": "v", "kms_key_id": "0d0466b0e7274d9cb35df84bb474a37f"},
		{"secret_string": "v", "enterprise_project_id": "default"},
		{"secret_string": "v", "enterprise_project_id": strings.Repeat("e", 36)},
	} {
		body["name"] = fmt.Sprintf("lenient-%d", i)
		c.do("POST", "/v1/{p}/secrets", body).want(t, 200, "")
	}
	createSecret(t, c, "upd")
	c.do("PUT", "/v1/{p}/secrets/upd", map[string]any{"description": strings.Repeat("秘", 2048),
		"kms_key_id": "zzzzzzzz-gggg-hhhh-iiii-jjjjjjjjjjjj"}).want(t, 200, "")
	c.do("PUT", "/v1/{p}/secrets/upd", map[string]any{"description": strings.Repeat("秘", 2049)}).want(t, 400, "CSMS.0002")
}

func TestSecretScheduleValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	createSecret(t, c, "s")
	for _, body := range []any{
		map[string]any{"recovery_window_in_days": 6},
		map[string]any{"recovery_window_in_days": 31},
		map[string]any{},
	} {
		c.do("POST", "/v1/{p}/secrets/s/scheduled-deleted-tasks/create", body).want(t, 400, "CSMS.0002")
	}
	c.do("POST", "/v1/{p}/secrets/s/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": "7"}).want(t, 400, "CSMS.0004")
	c.do("POST", "/v1/{p}/secrets/s/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7.5}).want(t, 400, "CSMS.0004")
	c.do("POST", "/v1/{p}/secrets/s/scheduled-deleted-tasks/cancel", map[string]any{}).want(t, 400, "CSMS.0004") // no body allowed
	c.do("POST", "/v1/{p}/secrets/s/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 30}).want(t, 200, "")
}

func TestSecretRestoreKeepsPriorState(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	if err := c.e().Seed(Seed{Secrets: []SeedSecret{{Name: "off", State: "DISABLED"}}}); err != nil {
		t.Fatal(err)
	}
	c.do("POST", "/v1/{p}/secrets/off/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 10}).want(t, 200, "")
	s := c.do("POST", "/v1/{p}/secrets/off/scheduled-deleted-tasks/cancel", nil).want(t, 200, "").json(t)["secret"].(map[string]any)
	if s["state"] != "DISABLED" {
		t.Fatalf("restore should bring back the state before deletion: %v", s["state"])
	}
}

func TestListSecrets(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev", c.demoTopic())).want(t, 200, "")
	for _, n := range []string{"c", "a", "b"} {
		createSecret(t, c, n)
	}
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "d", "secret_string": "v", "event_subscriptions": []string{"ev"}}).want(t, 200, "")
	page := c.do("GET", "/v1/{p}/secrets?limit=3", nil).want(t, 200, "").json(t)
	if got := secretNames(page); got != "a,b,c" || page["page_info"].(map[string]any)["next_marker"] != "c" {
		t.Fatalf("page 1: %s %v", got, page["page_info"])
	}
	page = c.do("GET", "/v1/{p}/secrets?limit=3&marker=c", nil).want(t, 200, "").json(t)
	if got := secretNames(page); got != "d" {
		t.Fatalf("page 2: %s", got)
	}
	page = c.do("GET", "/v1/{p}/secrets?event_name=ev", nil).want(t, 200, "").json(t)
	if got := secretNames(page); got != "d" {
		t.Fatalf("by event: %s", got)
	}
	c.do("GET", "/v1/{p}/secrets?limit=1000", nil).want(t, 200, "")
	c.do("GET", "/v1/{p}/secrets?limit=1001", nil).want(t, 400, "CSMS.0002")
	c.do("GET", "/v1/{p}/secrets?name=a", nil).want(t, 400, "CSMS.0002")
}

func secretNames(page map[string]any) string {
	var out []string
	for _, s := range page["secrets"].([]any) {
		out = append(out, s.(map[string]any)["name"].(string))
	}
	return strings.Join(out, ",")
}
