package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEventLifecycle(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	created := c.do("POST", "/v1/{p}/csms/events", eventBody("ev_1", c.demoTopic())).want(t, 200, "").json(t)
	ev := created["event"].(map[string]any)
	if ev["name"] != "ev_1" || ev["state"] != "ENABLED" || ev["event_id"] == "" {
		t.Fatalf("unexpected event: %v", ev)
	}
	shown := c.do("GET", "/v1/{p}/csms/events/ev_1", nil).want(t, 200, "").json(t)["event"].(map[string]any)
	if shown["event_id"] != ev["event_id"] {
		t.Fatalf("show returned another event: %v", shown)
	}
	upd := c.do("PUT", "/v1/{p}/csms/events/ev_1", map[string]any{"state": "DISABLED"}).want(t, 200, "").json(t)["event"].(map[string]any)
	if upd["state"] != "DISABLED" || upd["event_id"] != ev["event_id"] {
		t.Fatalf("update: %v", upd)
	}
	list := c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "").json(t)
	if n := len(list["events"].([]any)); n != 1 {
		t.Fatalf("list has %d events", n)
	}
	r := c.do("DELETE", "/v1/{p}/csms/events/ev_1", nil).want(t, http.StatusNoContent, "")
	if len(r.body) != 0 {
		t.Fatalf("delete has a body: %s", r.body)
	}
	c.do("GET", "/v1/{p}/csms/events/ev_1", nil).want(t, 404, "CSMS.0005")
	if got := c.e().Count(OpCreateSecretEvent); got != 1 {
		t.Fatalf("Count(CreateSecretEvent) = %d", got)
	}
	if got := c.e().TotalCount(); got != 6 {
		t.Fatalf("TotalCount = %d, want 6", got)
	}
}

func TestEventCreateValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	topic := c.demoTopic()
	mutate := func(f func(m map[string]any)) map[string]any {
		m := eventBody("ev_v", topic)
		f(m)
		return m
	}
	notif := func(m map[string]any) map[string]any { return m["notification"].(map[string]any) }
	cases := []struct {
		name string
		body any
		code string
	}{
		{"name missing", mutate(func(m map[string]any) { delete(m, "name") }), "CSMS.0002"},
		{"name empty", mutate(func(m map[string]any) { m["name"] = "" }), "CSMS.0002"},
		{"name too long", mutate(func(m map[string]any) { m["name"] = strings.Repeat("a", 65) }), "CSMS.0002"},
		{"name bad char", mutate(func(m map[string]any) { m["name"] = "ev.1" }), "CSMS.0002"},
		{"name number", mutate(func(m map[string]any) { m["name"] = 5 }), "CSMS.0004"},
		{"types missing", mutate(func(m map[string]any) { delete(m, "event_types") }), "CSMS.0002"},
		{"types empty", mutate(func(m map[string]any) { m["event_types"] = []string{} }), "CSMS.0002"},
		{"types unknown", mutate(func(m map[string]any) { m["event_types"] = []string{"SECRET_CREATED"} }), "CSMS.0002"},
		{"types duplicate", mutate(func(m map[string]any) { m["event_types"] = []string{"SECRET_ROTATED", "SECRET_ROTATED"} }), "CSMS.0002"},
		{"types 13", mutate(func(m map[string]any) {
			var ts []string
			for i := 0; i < 13; i++ {
				ts = append(ts, secretEventTypes[i%5])
			}
			m["event_types"] = ts
		}), "CSMS.0002"},
		{"types not array", mutate(func(m map[string]any) { m["event_types"] = "SECRET_ROTATED" }), "CSMS.0004"},
		{"types null element", mutate(func(m map[string]any) { m["event_types"] = []any{nil} }), "CSMS.0004"},
		{"state missing", mutate(func(m map[string]any) { delete(m, "state") }), "CSMS.0002"},
		{"state lower case", mutate(func(m map[string]any) { m["state"] = "enabled" }), "CSMS.0002"},
		{"notification missing", mutate(func(m map[string]any) { delete(m, "notification") }), "CSMS.0002"},
		{"target_type missing", mutate(func(m map[string]any) { delete(notif(m), "target_type") }), "CSMS.0002"},
		{"target_type not SMN", mutate(func(m map[string]any) { notif(m)["target_type"] = "EMAIL" }), "CSMS.0002"},
		{"target_id not a URN", mutate(func(m map[string]any) { notif(m)["target_id"] = "topic1" }), "CSMS.0002"},
		{"target_name missing", mutate(func(m map[string]any) { delete(notif(m), "target_name") }), "CSMS.0002"},
		{"target_name empty", mutate(func(m map[string]any) { notif(m)["target_name"] = "" }), "CSMS.0002"},
		{"unknown top-level field", mutate(func(m map[string]any) { m["description"] = "x" }), "CSMS.0004"},
		{"unknown nested field", mutate(func(m map[string]any) { notif(m)["target_urn"] = "x" }), "CSMS.0004"},
		{"field name in wrong case", mutate(func(m map[string]any) { m["Name"] = m["name"]; delete(m, "name") }), "CSMS.0004"},
		{"null required field", mutate(func(m map[string]any) { m["state"] = nil }), "CSMS.0002"},
		{"malformed JSON", `{"name":`, "CSMS.0004"},
		{"trailing data", `{"name":"a"} {}`, "CSMS.0004"},
		{"array body", `[]`, "CSMS.0004"},
		{"empty body", ``, "CSMS.0004"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var r result
			if s, isString := tc.body.(string); isString && s == "" {
				req := c.signedRequest("POST", "/v1/{p}/csms/events", "", time.Now())
				req.Header.Set("Content-Type", "application/json")
				r = c.send(req)
			} else {
				r = c.do("POST", "/v1/{p}/csms/events", tc.body)
			}
			r.want(t, 400, tc.code)
			if _, nested := r.json(t)["error"]; !nested {
				t.Fatalf("event APIs answer in the nested shape: %s", r.body)
			}
		})
	}
	if len(c.e().store.events) != 0 {
		t.Fatal("an invalid request created an event")
	}
}

func TestEventBusinessRules(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{MaxEvents: 2})
	topic := c.demoTopic()
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_a", topic)).want(t, 200, "")
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_a", topic)).want(t, 400, codeEventConflict) // duplicate
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_b", topic)).want(t, 200, "")
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_c", topic)).want(t, 400, codeEventConflict) // quota

	// An event a secret subscribes to cannot be deleted.
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "s1", "secret_string": "v", "event_subscriptions": []string{"ev_a"}}).want(t, 200, "")
	c.do("DELETE", "/v1/{p}/csms/events/ev_a", nil).want(t, 400, codeEventConflict)
	c.do("DELETE", "/v1/{p}/secrets/s1", nil).want(t, 204, "")
	c.do("DELETE", "/v1/{p}/csms/events/ev_a", nil).want(t, 204, "")

	// Not found on every event route.
	c.do("GET", "/v1/{p}/csms/events/nope", nil).want(t, 404, "CSMS.0005")
	c.do("PUT", "/v1/{p}/csms/events/nope", map[string]any{"state": "ENABLED"}).want(t, 404, "CSMS.0005")
	c.do("DELETE", "/v1/{p}/csms/events/nope", nil).want(t, 404, "CSMS.0005")
}

func TestEventUpdateValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_u", c.demoTopic())).want(t, 200, "")
	cases := []struct {
		name string
		body any
		code string
	}{
		{"empty object", map[string]any{}, "CSMS.0002"},
		{"name is not updatable", map[string]any{"name": "other"}, "CSMS.0004"},
		{"bad state", map[string]any{"state": "ON"}, "CSMS.0002"},
		{"empty types", map[string]any{"event_types": []string{}}, "CSMS.0002"},
		{"duplicate types", map[string]any{"event_types": []string{"SECRET_DELETED", "SECRET_DELETED"}}, "CSMS.0002"},
		{"partial notification", map[string]any{"notification": map[string]any{"target_id": c.demoTopic()}}, "CSMS.0002"},
		{"not a URN", map[string]any{"notification": map[string]any{"target_type": "SMN", "target_id": "gone", "target_name": "gone"}}, "CSMS.0002"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c.do("PUT", "/v1/{p}/csms/events/ev_u", tc.body).want(t, 400, tc.code)
		})
	}
	ev := c.do("GET", "/v1/{p}/csms/events/ev_u", nil).want(t, 200, "").json(t)["event"].(map[string]any)
	if ev["state"] != "ENABLED" || len(ev["event_types"].([]any)) != 2 {
		t.Fatalf("a rejected update changed the event: %v", ev)
	}
	other := TopicURN("cn-north-4", c.project(), "security-alerts")
	upd := c.do("PUT", "/v1/{p}/csms/events/ev_u", map[string]any{
		"event_types":  []string{"SECRET_ROTATED_FAILED"},
		"notification": map[string]any{"target_type": "SMN", "target_id": other, "target_name": "security-alerts"},
	}).want(t, 200, "").json(t)["event"].(map[string]any)
	if upd["state"] != "ENABLED" || upd["notification"].(map[string]any)["target_id"] != other {
		t.Fatalf("partial update: %v", upd)
	}
}

func TestEventListPaging(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	for _, n := range []string{"ev_c", "ev_a", "ev_b"} {
		c.do("POST", "/v1/{p}/csms/events", eventBody(n, c.demoTopic())).want(t, 200, "")
	}
	page := c.do("GET", "/v1/{p}/csms/events?limit=2", nil).want(t, 200, "").json(t)
	names := eventNames(page)
	info := page["page_info"].(map[string]any)
	if strings.Join(names, ",") != "ev_a,ev_b" || info["next_marker"] != "ev_b" || info["current_count"] != float64(2) {
		t.Fatalf("page 1: %v %v", names, info)
	}
	page = c.do("GET", "/v1/{p}/csms/events?limit=2&marker=ev_b", nil).want(t, 200, "").json(t)
	info = page["page_info"].(map[string]any)
	if strings.Join(eventNames(page), ",") != "ev_c" || info["next_marker"] != nil || info["previous_marker"] != "ev_b" {
		t.Fatalf("page 2: %v %v", eventNames(page), info)
	}
	for _, q := range []string{"limit=0", "limit=1001", "limit=x", "limit=-1", "limit=1&limit=2", "offset=1"} {
		c.do("GET", "/v1/{p}/csms/events?"+q, nil).want(t, 400, "CSMS.0002")
	}
	// Up to 1,000 per page (the ListSecretEvents page); a marker that names no
	// event still pages from its place in name order.
	if got := eventNames(c.do("GET", "/v1/{p}/csms/events?limit=1000&marker=ev_aa", nil).want(t, 200, "").json(t)); strings.Join(got, ",") != "ev_b,ev_c" {
		t.Fatalf("after an unknown marker: %v", got)
	}
}

// The event pages say the service does not check the target: a topic that
// does not exist is accepted (notifications to it fail later), and
// target_name has no length limit.
func TestEventTargetNotChecked(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	body := eventBody("ev_t", TopicURN("cn-north-4", c.project(), "nope"))
	body["notification"].(map[string]any)["target_name"] = strings.Repeat("n", 1000)
	c.do("POST", "/v1/{p}/csms/events", body).want(t, 200, "")
	// The project part is any 1 to 64 letters and digits, the topic up to 256 characters.
	wide := "urn:smn:cn-north-4:ABC123:t" + strings.Repeat("x", 255)
	c.do("PUT", "/v1/{p}/csms/events/ev_t", map[string]any{"notification": map[string]any{
		"target_type": "SMN", "target_id": wide, "target_name": "t"}}).want(t, 200, "")
}

func eventNames(page map[string]any) []string {
	var out []string
	for _, e := range page["events"].([]any) {
		out = append(out, e.(map[string]any)["name"].(string))
	}
	return out
}

func TestNotificationRecords(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_r", c.demoTopic())).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "s", "secret_string": "v", "event_subscriptions": []string{"ev_r"}}).want(t, 200, "")
	c.do("DELETE", "/v1/{p}/secrets/s", nil).want(t, 204, "")
	r := c.do("GET", "/v1/{p}/csms/notification-records?limit=1", nil).want(t, 200, "").json(t)
	recs := r["records"].([]any)
	if len(recs) != 1 || recs[0].(map[string]any)["trigger_event_type"] != "SECRET_DELETED" {
		t.Fatalf("newest record first: %v", recs)
	}
	marker := r["page_info"].(map[string]any)["next_marker"].(string)
	r = c.do("GET", "/v1/{p}/csms/notification-records?marker="+marker, nil).want(t, 200, "").json(t)
	recs = r["records"].([]any)
	if len(recs) != 1 || recs[0].(map[string]any)["trigger_event_type"] != "SECRET_VERSION_CREATED" {
		t.Fatalf("second page: %v", recs)
	}
	// A marker this API never returned gives an empty page (a guess), not a refusal.
	r = c.do("GET", "/v1/{p}/csms/notification-records?marker=abc&limit=1000", nil).want(t, 200, "").json(t)
	if len(r["records"].([]any)) != 0 {
		t.Fatalf("unknown marker: %v", r)
	}
	c.do("GET", "/v1/{p}/csms/notification-records?limit=1001", nil).want(t, 400, "CSMS.0002")
}
