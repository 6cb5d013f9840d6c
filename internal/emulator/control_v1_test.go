package emulator

import (
	"encoding/json"
	"testing"
)

// Every control route answers under /_emulator/v1/, and the unversioned paths
// stay as aliases; reset exists only under v1.
func TestControlAPIV1(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	var health map[string]string
	if err := json.Unmarshal(c.control("GET", "/_emulator/v1/health", "").want(t, 200, "").body, &health); err != nil {
		t.Fatal(err)
	}
	if health["status"] != "ok" || health["control_api"] != "v1" {
		t.Fatalf("health: %v", health)
	}
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")
	for _, prefix := range []string{"/_emulator/v1", "/_emulator"} {
		c.control("GET", prefix+"/counts", "").want(t, 200, "")
		c.control("GET", prefix+"/faults", "").want(t, 200, "")
		c.control("GET", prefix+"/fault-stats", "").want(t, 200, "")
		c.control("PUT", prefix+"/faults", `{}`).want(t, 204, "")
		c.control("POST", prefix+"/counts/reset", "").want(t, 204, "")
	}
	c.control("POST", "/_emulator/v1/seed", `{"secrets":[{"name":"v1seeded"}]}`).want(t, 204, "")
	c.do("GET", "/v1/{p}/secrets/v1seeded", nil).want(t, 200, "")
	c.control("POST", "/_emulator/reset", "").want(t, 404, "")
	c.control("GET", "/_emulator/v1/reset", "").want(t, 404, "")
	c.control("GET", "/_emulator/v2/health", "").want(t, 404, "")
	c.control("GET", "/_emulator/v1/v1/health", "").want(t, 404, "")
}

func TestResetRestoresTheStart(t *testing.T) {
	t.Parallel()
	start := FaultConfig{Rate: 1, Kinds: []string{"503"}, Operations: []string{OpShowSecret}}
	c := startEmulator(t, Options{Seed: Seed{Secrets: []SeedSecret{{Name: "fixture"}}}, Faults: start})
	c.do("GET", "/v1/{p}/secrets/fixture", nil).want(t, 503, "") // seeded, and faulted from the start
	c.control("PUT", "/_emulator/v1/faults", `{}`).want(t, 204, "")
	c.do("POST", "/v1/{p}/secrets", map[string]any{"name": "made", "secret_string": "v"}).want(t, 200, "")
	c.control("POST", "/_emulator/v1/seed", `{"secrets":[{"name":"posted"}]}`).want(t, 204, "")

	c.control("POST", "/_emulator/v1/reset", "").want(t, 204, "")
	if n := c.e().TotalCount(); n != 0 {
		t.Fatalf("counters after reset: %d", n)
	}
	if st := c.e().FaultStats(); len(st.Injected) != 0 {
		t.Fatalf("fault stats after reset: %+v", st)
	}
	if f := c.e().Options().Faults; f.Rate != 1 {
		t.Fatalf("the start-up faults are not back: %+v", f)
	}
	c.control("PUT", "/_emulator/v1/faults", `{}`).want(t, 204, "")
	c.do("GET", "/v1/{p}/secrets/fixture", nil).want(t, 200, "") // the seed, loaded again
	c.do("GET", "/v1/{p}/secrets/made", nil).want(t, 400, "CSMS.0106")
	c.do("GET", "/v1/{p}/secrets/posted", nil).want(t, 400, "CSMS.0106")
	// The default topic is still there: an event may target it.
	c.do("POST", "/v1/{p}/csms/events", map[string]any{"name": "e", "event_types": []string{"SECRET_DELETED"}, "state": "ENABLED",
		"notification": map[string]any{"target_type": "SMN", "target_id": TopicURN(DefaultRegion, c.project(), "security-alerts"), "target_name": "t"}}).want(t, 200, "")
}

func TestNewRefusesABadSeed(t *testing.T) {
	t.Parallel()
	if _, err := New(Options{Seed: Seed{Secrets: []SeedSecret{{Name: "bad name"}}}}); err == nil {
		t.Fatal("New accepted a seed with an invalid secret name")
	}
}

// LoadState does not load Options.Seed (the state holds the seeded objects
// already), but Reset does.
func TestLoadStateKeepsTheSeedForReset(t *testing.T) {
	t.Parallel()
	opts := Options{Seed: Seed{Secrets: []SeedSecret{{Name: "fixture"}}}}
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/state.json"
	if err := e.SaveState(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadState(path, opts)
	if err != nil {
		t.Fatalf("LoadState with the seed that made the state: %v", err)
	}
	if err := loaded.Reset(); err != nil {
		t.Fatal(err)
	}
	if loaded.store.secrets["fixture"] == nil {
		t.Fatal("Reset did not load the seed")
	}
}
