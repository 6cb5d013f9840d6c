package emulator

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestFaultThrottleWithRetryAfter(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{Faults: FaultConfig{Rate: 1, Kinds: []string{"429"}, RetryAfter: 1500 * time.Millisecond}})
	r := c.do("POST", "/v1/{p}/csms/events", eventBody("ev", c.demoTopic())).want(t, 429, "APIG.0308")
	if r.header.Get("Retry-After") != "2" || r.header.Get("X-Request-Id") == "" || r.json(t)["request_id"] == nil {
		t.Fatalf("429 needs Retry-After in whole seconds and a request id: %v %s", r.header, r.body)
	}
	if len(c.e().store.events) != 0 || c.e().Count(OpCreateSecretEvent) != 1 {
		t.Fatal("an injected fault must happen before the handler, and still be counted")
	}
	c.e().SetFaults(FaultConfig{Rate: 1, Kinds: []string{"429"}})
	if got := c.do("GET", "/v1/{p}/csms/events", nil).want(t, 429, "").header.Get("Retry-After"); got != "0" {
		t.Fatalf("Retry-After without a configured wait: %q", got)
	}
}

func TestFaultServerErrors(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"500", "502", "503", "504"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			c := startEmulator(t, Options{Faults: FaultConfig{Rate: 1, Kinds: []string{kind}}})
			r := c.do("POST", "/v3/{p}/notifications", ctsBody("n"))
			if got := r.status; got != map[string]int{"500": 500, "502": 502, "503": 503, "504": 504}[kind] {
				t.Fatalf("status %d", got)
			}
			if r.header.Get("X-Request-Id") == "" {
				t.Fatal("faults carry X-Request-Id too")
			}
			if len(c.e().store.notifications) != 0 {
				t.Fatal("the store changed")
			}
			if c.e().FaultStats().Injected[kind] != 1 {
				t.Fatalf("stats: %v", c.e().FaultStats())
			}
		})
	}
}

func TestFaultConnectionReset(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{Faults: FaultConfig{Rate: 1, Kinds: []string{"reset"}}})
	if _, err := c.try("POST", "/v1/{p}/csms/events", eventBody("ev", c.demoTopic())); err == nil {
		t.Fatal("expected a transport error")
	}
	if len(c.e().store.events) != 0 || c.e().FaultStats().Injected["reset"] != 1 {
		t.Fatalf("reset must not apply the call: %v", c.e().FaultStats())
	}
}

func TestFaultLatencyIsApplied(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{Faults: FaultConfig{Latency: time.Millisecond}})
	for i := 0; i < 3; i++ {
		c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")
	}
	if got := c.e().FaultStats().LatencyApplied; got != 3 {
		t.Fatalf("latency applied to %d calls, want 3", got)
	}
}

// lostEventCreate starts an emulator that loses one create-event answer and
// sends it the create of name; what names the answer in the failure.
func lostEventCreate(t *testing.T, name, what string) *testClient {
	t.Helper()
	c := startEmulator(t, Options{})
	c.e().SetFaults(FaultConfig{LoseResponse: map[string]int{OpCreateSecretEvent: 1}})
	if _, err := c.try("POST", "/v1/{p}/csms/events", eventBody(name, c.demoTopic())); err == nil {
		t.Fatalf("the %s should be lost", what)
	}
	return c
}

func TestFaultLoseResponseAppliesTheWrite(t *testing.T) {
	t.Parallel()
	c := lostEventCreate(t, "ev_lost", "response")
	c.do("GET", "/v1/{p}/csms/events/ev_lost", nil).want(t, 200, "")                                         // applied
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_lost", c.demoTopic())).want(t, 400, codeEventConflict) // next call answered
	if st := c.e().FaultStats(); st.ResponsesLost != 1 {
		t.Fatalf("stats: %+v", st)
	}
	if pending := c.e().Options().Faults.LoseResponse; len(pending) != 0 {
		t.Fatalf("no lost responses should be pending: %v", pending)
	}
}

func TestFaultLoseResponseLosesRefusalsToo(t *testing.T) {
	t.Parallel()
	// A refused create writes nothing, but its answer can be lost like any other.
	c := lostEventCreate(t, "bad name!", "refusal")
	c.do("GET", "/v1/{p}/csms/events/bad name!", nil).want(t, 404, "")
	if st := c.e().FaultStats(); st.ResponsesLost != 1 {
		t.Fatalf("stats: %+v", st)
	}
}

func TestFaultVisibilityDelay(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}
	c := startEmulator(t, Options{Now: clock.now, Faults: FaultConfig{VisibilityDelay: 2 * time.Second}})

	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_v", c.demoTopic())).want(t, 200, "")
	c.do("GET", "/v1/{p}/csms/events/ev_v", nil).want(t, 404, "CSMS.0005")
	if n := len(c.do("GET", "/v1/{p}/csms/events", nil).json(t)["events"].([]any)); n != 0 {
		t.Fatal("a new event is listed before it is visible")
	}
	c.do("POST", "/v1/{p}/csms/events", eventBody("ev_v", c.demoTopic())).want(t, 400, codeEventConflict) // writes see it

	clock.t = clock.t.Add(2 * time.Second)
	c.do("GET", "/v1/{p}/csms/events/ev_v", nil).want(t, 200, "")

	// A change is invisible for the delay too: reads keep the old version.
	c.do("PUT", "/v1/{p}/csms/events/ev_v", map[string]any{"state": "DISABLED"}).want(t, 200, "")
	if s := c.do("GET", "/v1/{p}/csms/events/ev_v", nil).json(t)["event"].(map[string]any)["state"]; s != "ENABLED" {
		t.Fatalf("state during the delay: %v", s)
	}
	clock.t = clock.t.Add(2 * time.Second)
	if s := c.do("GET", "/v1/{p}/csms/events/ev_v", nil).json(t)["event"].(map[string]any)["state"]; s != "DISABLED" {
		t.Fatalf("state after the delay: %v", s)
	}

	// Secrets and ListResourceInstances.
	id := createSecret(t, c, "s_v")["id"].(string)
	c.do("GET", "/v1/{p}/secrets/s_v", nil).want(t, 400, "CSMS.0106")
	if _, total := lriNames(t, c.do("POST", "/v1/{p}/csms/resource_instances/action", map[string]any{"action": "filter"})); total != 0 {
		t.Fatal("a new secret is listed before it is visible")
	}
	clock.t = clock.t.Add(2 * time.Second)
	c.do("POST", "/v1/{p}/csms/"+id+"/tags", map[string]any{"tag": map[string]any{"key": "k", "value": "v"}}).want(t, 204, "")
	filter := map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "k"}}}
	if _, total := lriNames(t, c.do("POST", "/v1/{p}/csms/resource_instances/action", filter)); total != 0 {
		t.Fatal("a new tag is visible before the delay")
	}
	clock.t = clock.t.Add(2 * time.Second)
	if got, _ := lriNames(t, c.do("POST", "/v1/{p}/csms/resource_instances/action", filter)); got != "s_v" {
		t.Fatalf("after the delay: %q", got)
	}

	// CTS.
	n := c.do("POST", "/v3/{p}/notifications", ctsBody("cts_v")).want(t, 201, "").json(t)
	if len(c.do("GET", "/v3/{p}/notifications/smn", nil).json(t)["notifications"].([]any)) != 0 {
		t.Fatal("a new notification is listed before it is visible")
	}
	clock.t = clock.t.Add(2 * time.Second)
	list := c.do("GET", "/v3/{p}/notifications/smn", nil).json(t)["notifications"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["notification_id"] != n["notification_id"] {
		t.Fatalf("after the delay: %v", list)
	}
}

func TestFaultThrottleStorm(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}
	c := startEmulator(t, Options{Now: clock.now, Faults: FaultConfig{ThrottleUntil: clock.t.Add(10 * time.Second)}})
	for _, p := range []string{"/v1/{p}/csms/events", "/v3/projects", "/v3/{p}/notifications/smn"} {
		r := c.do("GET", p, nil).want(t, 429, "APIG.0308")
		if r.header.Get("Retry-After") != "10" {
			t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
		}
	}
	clock.t = clock.t.Add(10 * time.Second)
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")
	if got := c.e().FaultStats().Injected["429"]; got != 3 {
		t.Fatalf("storm 429s: %d", got)
	}
}

func TestFaultsAreDeterministicAndTargeted(t *testing.T) {
	t.Parallel()
	statuses := func(seed int64) string {
		c := startEmulator(t, Options{Faults: FaultConfig{Seed: seed, Rate: 0.5, Kinds: []string{"503", "429"},
			Operations: []string{OpListSecretEvents}}})
		var out []string
		for i := 0; i < 24; i++ {
			out = append(out, string(rune('0'+c.do("GET", "/v1/{p}/csms/events", nil).status/100)))
			c.do("GET", "/v1/{p}/secrets", nil).want(t, 200, "") // not targeted
		}
		return strings.Join(out, "")
	}
	a, b := statuses(7), statuses(7)
	if a != b {
		t.Fatalf("same seed, different faults: %s vs %s", a, b)
	}
	if !strings.Contains(a, "2") || !strings.Contains(a, "4") && !strings.Contains(a, "5") {
		t.Fatalf("rate 0.5 should both fail and pass: %s", a)
	}
}

func TestSetFaultsIgnoresInvalidConfig(t *testing.T) {
	t.Parallel()
	e, err := New(Options{Faults: FaultConfig{Latency: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	e.SetFaults(FaultConfig{Rate: 2, Kinds: []string{"429"}})
	if e.Options().Faults.Latency != time.Millisecond {
		t.Fatal("an invalid configuration replaced the valid one")
	}
	if _, err := New(Options{Faults: FaultConfig{Kinds: []string{"418"}}}); err == nil {
		t.Fatal("New accepted an unknown fault kind")
	}
}

func TestParseFaultSpec(t *testing.T) {
	t.Parallel()
	before := time.Now()
	f, err := ParseFaultSpec("rate=0.15,kinds=429+503,retry_after=1s,latency=20ms,ops=CreateSecretEvent+ShowSecretEvent,seed=7,visibility=2s,lose=CreateSecretEvent:1+DeleteSecret,throttle_for=10s")
	if err != nil {
		t.Fatal(err)
	}
	want := FaultConfig{Seed: 7, Rate: 0.15, Kinds: []string{"429", "503"}, Operations: []string{OpCreateSecretEvent, OpShowSecretEvent},
		RetryAfter: time.Second, Latency: 20 * time.Millisecond, VisibilityDelay: 2 * time.Second,
		LoseResponse: map[string]int{OpCreateSecretEvent: 1, OpDeleteSecret: 1}}
	storm := f.ThrottleUntil
	f.ThrottleUntil = time.Time{}
	if !reflect.DeepEqual(f, want) {
		t.Fatalf("got %+v\nwant %+v", f, want)
	}
	if storm.Before(before.Add(10*time.Second)) || storm.After(time.Now().Add(10*time.Second)) {
		t.Fatalf("throttle_for counts from now: %v", storm)
	}
	if f, err := ParseFaultSpec(""); err != nil || !reflect.DeepEqual(f, FaultConfig{}) {
		t.Fatalf("empty spec: %+v %v", f, err)
	}
	for _, bad := range []string{"rate", "rate=2,kinds=429", "rate=0.1", "kinds=418", "ops=Nope", "latency=fast", "lose=CreateSecret:0",
		"lose=Nope", "color=red", "seed=x", "retry_after=-1s"} {
		if _, err := ParseFaultSpec(bad); err == nil {
			t.Errorf("%q should be rejected", bad)
		}
	}
}

func TestFaultConfigJSON(t *testing.T) {
	t.Parallel()
	in := FaultConfig{Seed: 3, Rate: 0.5, Kinds: []string{"500"}, Latency: 15 * time.Millisecond, RetryAfter: time.Second,
		VisibilityDelay: time.Second, ThrottleUntil: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), LoseResponse: map[string]int{OpDeleteSecret: 2}}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"latency":"15ms"`) {
		t.Fatalf("durations are strings: %s", data)
	}
	var out FaultConfig
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip: %+v", out)
	}
	if err := json.Unmarshal([]byte(`{"latnecy":"1s"}`), &out); err == nil {
		t.Fatal("unknown fields must be rejected")
	}
}
