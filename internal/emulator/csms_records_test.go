package emulator

import (
	"fmt"
	"testing"
	"time"
)

// records lists every notification record, newest first, paging by limit.
func (c *testClient) records(limit int) []map[string]any {
	c.t.Helper()
	var out []map[string]any
	marker := ""
	for range 100 {
		path := fmt.Sprintf("/v1/{p}/csms/notification-records?limit=%d", limit)
		if marker != "" {
			path += "&marker=" + marker
		}
		r := c.do("GET", path, nil).want(c.t, 200, "").json(c.t)
		for _, rec := range r["records"].([]any) {
			out = append(out, rec.(map[string]any))
		}
		next, _ := r["page_info"].(map[string]any)["next_marker"].(string)
		if next == "" {
			return out
		}
		marker = next
	}
	c.t.Fatal("the records never ended")
	return nil
}

func recordTypes(recs []map[string]any) []string {
	out := make([]string, 0, len(recs))
	for _, r := range recs {
		out = append(out, r["trigger_event_type"].(string)+":"+r["secret_name"].(string))
	}
	return out
}

func eventOf(name, topic, state string, types ...string) map[string]any {
	b := eventBody(name, topic)
	b["state"], b["event_types"] = state, types
	return b
}

// Each event type fires once for a subscribed secret, with every documented field.
func TestRecordsFireForEachType(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{t: time.Now()}
	c := startEmulator(t, Options{Now: clock.now})
	c.do("POST", "/v1/{p}/csms/events", eventOf("ev_all", c.demoTopic(), "ENABLED",
		"SECRET_VERSION_CREATED", "SECRET_VERSION_EXPIRED", "SECRET_DELETED")).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "s1", "secret_string": "v", "event_subscriptions": []string{"ev_all"}}).want(t, 200, "")
	expire := clock.t.Add(time.Hour).UnixMilli()
	c.do("POST", "/v1/{p}/secrets/s1/versions", map[string]any{"secret_string": "v2", "expire_time": expire}).want(t, 200, "")
	if got := recordTypes(c.records(50)); fmt.Sprint(got) != "[SECRET_VERSION_CREATED:s1 SECRET_VERSION_CREATED:s1]" {
		t.Fatalf("before the expiry: %v", got)
	}
	if err := c.e().AdvanceClock(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	c.do("DELETE", "/v1/{p}/secrets/s1", nil).want(t, 204, "")
	recs := c.records(1) // one per page: paging walks all of them
	want := "[SECRET_DELETED:s1 SECRET_VERSION_EXPIRED:s1 SECRET_VERSION_CREATED:s1 SECRET_VERSION_CREATED:s1]"
	if got := recordTypes(recs); fmt.Sprint(got) != want {
		t.Fatalf("records %v, want %v", got, want)
	}
	r := recs[0]
	for k, want := range map[string]any{
		"event_name": "ev_all", "secret_type": "COMMON", "notification_target_id": c.demoTopic(),
		"notification_target_name": "hwcloud-demo", "notification_status": "SUCCESS",
	} {
		if r[k] != want {
			t.Errorf("%s = %v, want %v", k, r[k], want)
		}
	}
	if r["notification_content"] == "" || r["create_time"].(float64) < float64(clock.t.Add(2*time.Hour).UnixMilli()) {
		t.Errorf("content or time (the moved clock): %v", r)
	}
}

// Disabled events, events of other types and unsubscribed secrets produce nothing.
func TestRecordsOnlyForEnabledSubscribedTypes(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("POST", "/v1/{p}/csms/events", eventOf("ev_off", c.demoTopic(), "DISABLED", "SECRET_VERSION_CREATED", "SECRET_DELETED")).want(t, 200, "")
	c.do("POST", "/v1/{p}/csms/events", eventOf("ev_del", c.demoTopic(), "ENABLED", "SECRET_DELETED")).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "off", "secret_string": "v", "event_subscriptions": []string{"ev_off"}}).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "del", "secret_string": "v", "event_subscriptions": []string{"ev_del"}}).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "none", "secret_string": "v"}).want(t, 200, "")
	for _, s := range []string{"off", "del", "none"} {
		c.do("POST", "/v1/{p}/secrets/"+s+"/versions", map[string]any{"secret_string": "v2"}).want(t, 200, "")
	}
	if got := c.records(50); len(got) != 0 {
		t.Fatalf("no record expected: %v", recordTypes(got))
	}
	// Scheduling a deletion does not fire SECRET_DELETED (the secret still exists).
	c.do("POST", "/v1/{p}/secrets/del/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7}).want(t, 200, "")
	if got := c.records(50); len(got) != 0 {
		t.Fatalf("a scheduled deletion fired: %v", recordTypes(got))
	}
	for _, s := range []string{"off", "del", "none"} {
		c.do("DELETE", "/v1/{p}/secrets/"+s, nil).want(t, 204, "")
	}
	if got := recordTypes(c.records(50)); fmt.Sprint(got) != "[SECRET_DELETED:del]" {
		t.Fatalf("only the enabled, subscribed deletion: %v", got)
	}
}

// UpdateVersion sets the expiry of a version; it fires once by the clock, and again after a new expiry.
func TestUpdateVersionExpiryByClock(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{t: time.Now()}
	c := startEmulator(t, Options{Now: clock.now})
	c.do("POST", "/v1/{p}/csms/events", eventOf("ev_x", c.demoTopic(), "ENABLED", "SECRET_VERSION_EXPIRED")).want(t, 200, "")
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "x", "secret_string": "v", "event_subscriptions": []string{"ev_x"}}).want(t, 200, "")
	at := clock.t.Add(24 * time.Hour).Truncate(time.Second).UnixMilli()
	r := c.do("PUT", "/v1/{p}/secrets/x/versions/v1", map[string]any{"expire_time": at}).want(t, 200, "").json(t)
	if got := r["version_metadata"].(map[string]any)["expire_time"]; got != float64(at) {
		t.Fatalf("expire_time answered %v, want %d", got, at)
	}
	r = c.do("GET", "/v1/{p}/secrets/x/versions", nil).want(t, 200, "").json(t)
	if got := r["version_metadatas"].([]any)[0].(map[string]any)["expire_time"]; got != float64(at) {
		t.Fatalf("listed expire_time %v", got)
	}
	if got := c.records(50); len(got) != 0 {
		t.Fatalf("fired before the expiry: %v", recordTypes(got))
	}
	// The clock moves by the control route; the next call (or the move itself) fires it, once.
	resp := c.do("POST", "/_emulator/clock/advance", map[string]any{"by": "25h"}).want(t, 200, "").json(t)
	if resp["now"] == "" {
		t.Fatalf("clock answer: %v", resp)
	}
	c.do("GET", "/v1/{p}/secrets/x", nil).want(t, 200, "") // still signed with the real time: accepted
	if got := recordTypes(c.records(50)); fmt.Sprint(got) != "[SECRET_VERSION_EXPIRED:x]" {
		t.Fatalf("after the expiry: %v", got)
	}
	if got := recordTypes(c.records(50)); len(got) != 1 {
		t.Fatalf("an expiry fires once: %v", got)
	}
	// A new expiry fires again; a past one fires at the next call.
	c.do("PUT", "/v1/{p}/secrets/x/versions/v1", map[string]any{"expire_time": at}).want(t, 200, "")
	if got := c.records(50); len(got) != 2 {
		t.Fatalf("a new (past) expiry fires again: %v", recordTypes(got))
	}
	c.do("POST", "/_emulator/clock/advance", map[string]any{"by": "-1h"}).want(t, 400, "")
}

func TestUpdateVersionRefusals(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "u", "secret_string": "v"}).want(t, 200, "")
	later := time.Now().Add(time.Hour).UnixMilli()
	c.do("PUT", "/v1/{p}/secrets/u/versions/v9", map[string]any{"expire_time": later}).want(t, 400, "CSMS.0005")
	c.do("PUT", "/v1/{p}/secrets/nope/versions/v1", map[string]any{"expire_time": later}).want(t, 400, "CSMS.0106")
	c.do("PUT", "/v1/{p}/secrets/u/versions/v1", map[string]any{"expire_time": 0}).want(t, 400, "CSMS.0002")
	c.do("PUT", "/v1/{p}/secrets/u/versions/v1", map[string]any{"expire_time": later, "x": 1}).want(t, 400, "CSMS.0004")
	c.do("POST", "/v1/{p}/secrets/u/versions", map[string]any{"secret_string": "v", "expire_time": -5}).want(t, 400, "CSMS.0002")
	// A body without expire_time is accepted (an older page marks it optional) and changes nothing.
	r := c.do("PUT", "/v1/{p}/secrets/u/versions/v1", map[string]any{}).want(t, 200, "").json(t)
	if got := r["version_metadata"].(map[string]any)["expire_time"]; got != nil {
		t.Fatalf("expire_time %v, want null", got)
	}
	c.do("POST", "/v1/{p}/secrets/u/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7}).want(t, 200, "")
	c.do("PUT", "/v1/{p}/secrets/u/versions/v1", map[string]any{"expire_time": later}).want(t, 400, "CSMS.0103")
	if n := c.e().Count(OpUpdateVersion); n != 6 {
		t.Fatalf("UpdateVersion counted %d times", n)
	}
}
