package emulator

import (
	"net/http"
	"testing"
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
