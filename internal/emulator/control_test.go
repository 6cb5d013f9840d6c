package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func (c *testClient) control(method, path, body string) result {
	c.t.Helper()
	req, err := http.NewRequest(method, c.srv.URL+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	return c.send(req)
}

func TestControlAPI(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")

	var counts struct {
		Counts map[string]int `json:"counts"`
		Total  int            `json:"total"`
	}
	if err := json.Unmarshal(c.control("GET", "/_emulator/counts", "").want(t, 200, "").body, &counts); err != nil {
		t.Fatal(err)
	}
	if counts.Counts[OpListSecretEvents] != 2 || counts.Total != 2 {
		t.Fatalf("counts: %+v", counts)
	}
	c.control("POST", "/_emulator/counts/reset", "").want(t, 204, "")
	if c.e().TotalCount() != 0 {
		t.Fatal("reset did not reset (and control calls must not be counted)")
	}

	c.control("PUT", "/_emulator/faults", `{"rate":1,"kinds":["503"],"operations":["ListSecretEvents"],"latency":"1ms"}`).want(t, 204, "")
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 503, "")
	if f := c.e().Options().Faults; f.Latency != time.Millisecond || f.Rate != 1 {
		t.Fatalf("faults: %+v", f)
	}
	c.control("PUT", "/_emulator/faults", `{"rate":3,"kinds":["503"]}`).want(t, 400, "")
	c.control("PUT", "/_emulator/faults", `{"rat":1}`).want(t, 400, "")
	c.control("PUT", "/_emulator/faults", `{}`).want(t, 204, "")
	c.do("GET", "/v1/{p}/csms/events", nil).want(t, 200, "")

	c.control("POST", "/_emulator/seed", `{"topics":["urn:smn:cn-north-4:`+c.project()+`:seeded"],"secrets":[{"name":"s1","tags":{"env":"prod"}}]}`).want(t, 204, "")
	c.do("GET", "/v1/{p}/secrets/s1", nil).want(t, 200, "")
	c.control("POST", "/_emulator/seed", `{"secrets":[{"name":"svc.token"}]}`).want(t, 204, "") // periods, as the console allows
	c.do("GET", "/v1/{p}/secrets/svc.token", nil).want(t, 200, "")
	c.control("POST", "/_emulator/seed", `{"secrets":[{"name":"s1"}]}`).want(t, 400, "") // exists
	c.control("POST", "/_emulator/seed", `{"secret":[{"name":"s2"}]}`).want(t, 400, "")  // unknown field

	c.control("GET", "/_emulator/health", "").want(t, 200, "")
	c.control("GET", "/_emulator/fault-stats", "").want(t, 200, "")
	c.control("GET", "/_emulator/nothing", "").want(t, 404, "")
	if c.e().TotalCount() != 4 {
		t.Fatalf("control calls must not be counted: %d", c.e().TotalCount())
	}
}

func TestSeedIsAllOrNothing(t *testing.T) {
	t.Parallel()
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	bad := []Seed{
		{Topics: []string{"topic"}},
		{Functions: []string{"urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:x"}},
		{Secrets: []SeedSecret{{Name: "ok"}, {Name: "bad name"}}},
		{Secrets: []SeedSecret{{Name: "dup"}, {Name: "dup"}}},
		{Secrets: []SeedSecret{{Name: "s", State: "GONE"}}},
		{Secrets: []SeedSecret{{Name: "s", ScheduledDeleteTime: &time.Time{}}}},
		{Secrets: []SeedSecret{{Name: "s", Tags: map[string]string{"_sys_k": "v"}}}},
	}
	for i, s := range bad {
		if err := e.Seed(s); err == nil {
			t.Errorf("seed %d accepted", i)
		}
	}
	if len(e.store.secrets) != 0 {
		t.Fatal("a rejected seed added secrets")
	}
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := e.Seed(Seed{Secrets: []SeedSecret{{Name: "p", State: "PENDING_DELETE", ScheduledDeleteTime: &at}}}); err != nil {
		t.Fatal(err)
	}
	if got := *e.store.secrets["p"].Cur.ScheduledDeleteTime; got != at.UnixMilli() {
		t.Fatalf("scheduled_delete_time %d", got)
	}
}

func TestDefaultTopicsAndFunction(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	for _, topic := range []string{"hwcloud-demo", "security-alerts"} {
		c.do("POST", "/v3/{p}/notifications", ctsBody("n_"+strings.ReplaceAll(topic, "-", "_"), "topic_id", TopicURN("cn-north-4", c.project(), topic))).want(t, 201, "")
	}
	fn := "urn:fss:cn-north-4:" + c.project() + ":function:default:hwcloud-demo:latest"
	if FunctionURN("cn-north-4", c.project(), "hwcloud-demo") != fn {
		t.Fatalf("FunctionURN: %s", FunctionURN("cn-north-4", c.project(), "hwcloud-demo"))
	}
	c.do("POST", "/v3/{p}/notifications", ctsBody("n_fn", "topic_id", fn)).want(t, 201, "")
	c.e().AddFunction(FunctionURN("cn-north-4", c.project(), "other"))
	c.do("POST", "/v3/{p}/notifications", ctsBody("n_fn2", "topic_id", FunctionURN("cn-north-4", c.project(), "other"))).want(t, 201, "")
}

func TestNewValidatesOptions(t *testing.T) {
	t.Parallel()
	for name, o := range map[string]Options{
		"project id":        {ProjectID: "abc"},
		"temporary":         {TemporaryCredentials: []TemporaryCredential{{AccessKey: "A", SecretKey: "S"}}},
		"duplicate AK":      {TemporaryCredentials: []TemporaryCredential{{AccessKey: DefaultAccessKey, SecretKey: "S", SecurityToken: "T"}}},
		"extra project":     {ExtraProjects: []Project{{ID: "x", Name: "n"}}},
		"duplicate project": {ExtraProjects: []Project{{ID: DefaultProjectID, Name: "n"}}},
		"negative":          {MaxEvents: -1},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("%s: New accepted invalid options", name)
		}
	}
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := e.Options()
	if o.Region != DefaultRegion || o.ProjectID != DefaultProjectID || o.AccessKey != DefaultAccessKey || o.SecretKey != DefaultSecretKey ||
		o.AuthToken != DefaultAuthToken || o.MaxEvents != 30 || o.MaxNotifications != 100 || o.Now == nil {
		t.Fatalf("defaults: %+v", o)
	}
}

func TestServerCloseTwice(t *testing.T) {
	t.Parallel()
	srv, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if resp, err := http.Get(srv.URL + "/_emulator/health"); err == nil {
		_ = resp.Body.Close()
		t.Fatal("the server still answers after Close")
	}
}
