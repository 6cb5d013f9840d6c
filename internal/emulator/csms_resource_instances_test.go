package emulator

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

func lriNames(t *testing.T, r result) (string, int) {
	t.Helper()
	m := r.want(t, 200, "").json(t)
	var names []string
	for _, res := range m["resources"].([]any) {
		rm := res.(map[string]any)
		if rm["resource_detail"].(map[string]any)["name"] != rm["resource_name"] {
			t.Fatalf("resource_detail and resource_name disagree: %v", rm)
		}
		names = append(names, rm["resource_name"].(string))
	}
	return strings.Join(names, ","), int(m["total_count"].(float64))
}

func seedTagged(t *testing.T, c *testClient) {
	t.Helper()
	err := c.e().Seed(Seed{Secrets: []SeedSecret{
		{Name: "app-prod-db", Tags: map[string]string{"env": "prod", "team": "db"}},
		{Name: "app-staging-db", Tags: map[string]string{"env": "staging", "team": "db"}},
		{Name: "app-dev-db", Tags: map[string]string{"env": "dev", "team": "db"}},
		{Name: "web-prod", Tags: map[string]string{"env": "prod"}},
		{Name: "untagged", State: "PENDING_DELETE"},
	}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestResourceInstancesFilterSemantics(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	seedTagged(t, c)
	lri := "/v1/{p}/csms/resource_instances/action"
	cases := []struct {
		name  string
		body  map[string]any
		want  string
		total int
	}{
		{"all", map[string]any{"action": "filter", "limit": "1000"}, "app-dev-db,app-prod-db,app-staging-db,untagged,web-prod", 5},
		{"values ORed", map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "env", "values": []string{"prod", "staging"}}}}, "app-prod-db,app-staging-db,web-prod", 3},
		{"keys ANDed", map[string]any{"action": "filter", "tags": []any{
			map[string]any{"key": "env", "values": []string{"prod", "staging"}},
			map[string]any{"key": "team", "values": []string{"db"}},
		}}, "app-prod-db,app-staging-db", 2},
		{"empty values match any value", map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "team", "values": []string{}}}}, "app-dev-db,app-prod-db,app-staging-db", 3},
		{"absent values match any value", map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "team"}}}, "app-dev-db,app-prod-db,app-staging-db", 3},
		{"name match", map[string]any{"action": "filter", "matches": []any{map[string]any{"key": "resource_name", "value": "prod"}}}, "app-prod-db,web-prod", 2},
		{"name matches ANDed", map[string]any{"action": "filter", "matches": []any{
			map[string]any{"key": "resource_name", "value": "prod"}, map[string]any{"key": "resource_name", "value": "app"},
		}}, "app-prod-db", 1},
		{"name match is case-sensitive", map[string]any{"action": "filter", "matches": []any{map[string]any{"key": "resource_name", "value": "PROD"}}}, "", 0},
		{"no match", map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "env", "values": []string{"qa"}}}}, "", 0},
		{"page", map[string]any{"action": "filter", "limit": "2", "offset": "1"}, "app-prod-db,app-staging-db", 5},
		{"limit and offset as numbers", map[string]any{"action": "filter", "limit": 2, "offset": 3}, "untagged,web-prod", 5},
		{"offset past the end", map[string]any{"action": "filter", "offset": "9"}, "", 5},
		{"default limit", map[string]any{"action": "filter"}, "app-dev-db,app-prod-db,app-staging-db,untagged,web-prod", 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, total := lriNames(t, c.do("POST", lri, tc.body))
			if got != tc.want || total != tc.total {
				t.Fatalf("got %q (total %d), want %q (total %d)", got, total, tc.want, tc.total)
			}
		})
	}

	r := c.do("POST", lri, map[string]any{"action": "count", "tags": []any{map[string]any{"key": "env", "values": []string{"prod"}}}}).want(t, 200, "").json(t)
	if _, has := r["resources"]; has || r["total_count"] != float64(2) {
		t.Fatalf("count: %v", r)
	}
	if c.e().Count(OpCountResourceInstances) != 1 || c.e().Count(OpListResourceInstances) != len(cases) {
		t.Fatalf("counters: %v", c.e().Counts())
	}

	item := c.do("POST", lri, map[string]any{"action": "filter", "limit": 1}).want(t, 200, "").json(t)["resources"].([]any)[0].(map[string]any)
	if fmt.Sprint(item["tags"]) != "[map[key:env value:dev] map[key:team value:db]]" || fmt.Sprint(item["sys_tags"]) != "[]" || item["resource_id"] == "" {
		t.Fatalf("resource item: %v", item)
	}
}

func TestResourceInstancesValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	lri := "/v1/{p}/csms/resource_instances/action"
	var elevenTags []any
	for i := 0; i < 11; i++ {
		elevenTags = append(elevenTags, map[string]any{"key": fmt.Sprintf("k%d", i)})
	}
	cases := []struct {
		name string
		body map[string]any
		code string
	}{
		{"action missing", map[string]any{}, "CSMS.0002"},
		{"action unknown", map[string]any{"action": "list"}, "CSMS.0002"},
		{"limit 0", map[string]any{"action": "filter", "limit": "0"}, "CSMS.0002"},
		{"limit 1001", map[string]any{"action": "filter", "limit": 1001}, "CSMS.0002"},
		{"limit not a number", map[string]any{"action": "filter", "limit": "ten"}, "CSMS.0002"},
		{"limit fraction", map[string]any{"action": "filter", "limit": 1.5}, "CSMS.0002"},
		{"limit bool", map[string]any{"action": "filter", "limit": true}, "CSMS.0004"},
		{"offset negative", map[string]any{"action": "filter", "offset": "-1"}, "CSMS.0002"},
		{"eleven tags", map[string]any{"action": "filter", "tags": elevenTags}, "CSMS.0002"},
		{"tag key missing", map[string]any{"action": "filter", "tags": []any{map[string]any{"values": []string{"v"}}}}, "CSMS.0002"},
		{"tag key invalid", map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "_sys_x"}}}, "CSMS.0002"},
		{"tag key twice", map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "k"}, map[string]any{"key": "k"}}}, "CSMS.0002"},
		{"tag value invalid", map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "k", "values": []string{"a*"}}}}, "CSMS.0002"},
		{"eleven values", map[string]any{"action": "filter", "tags": []any{map[string]any{"key": "k", "values": strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",")}}}, "CSMS.0002"},
		{"match value missing", map[string]any{"action": "filter", "matches": []any{map[string]any{"key": "resource_name"}}}, "CSMS.0002"},
		{"match key", map[string]any{"action": "filter", "matches": []any{map[string]any{"key": "name", "value": "x"}}}, "CSMS.0002"},
		{"match value too long", map[string]any{"action": "filter", "matches": []any{map[string]any{"key": "resource_name", "value": strings.Repeat("x", 256)}}}, "CSMS.0002"},
		{"sequence over 36 bytes", map[string]any{"action": "filter", "sequence": strings.Repeat("s", 37)}, "CSMS.0002"},
		{"unknown field", map[string]any{"action": "filter", "tag": []any{}}, "CSMS.0004"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do("POST", lri, tc.body).want(t, 400, tc.code)
			// The API page shows the nested shape: {"error":{"error_code","error_msg"}}.
			m := r.json(t)
			nested, isNested := m["error"].(map[string]any)
			if !isNested || nested["error_code"] != tc.code || nested["error_msg"] == "" || m["error_code"] != nil {
				t.Fatalf("want the nested error shape, got %s", r.body)
			}
		})
	}
	// Any sequence up to 36 bytes: a UUID, Huawei's own test value, an empty one.
	for _, seq := range []string{"919c82d4-8046-4722-9094-35c3c6524cff", "test_sequence", ""} {
		c.do("POST", lri, map[string]any{"action": "filter", "sequence": seq}).want(t, 200, "")
		c.do("POST", lri, map[string]any{"action": "count", "sequence": seq}).want(t, 200, "")
	}
}

func TestSeedTenThousandSecretsAndPage(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	if err := c.e().Seed(bulkSeed(10000)); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	prev := ""
	for offset := 0; offset < 10000; offset += 1000 {
		m := c.do("POST", "/v1/{p}/csms/resource_instances/action", map[string]any{
			"action": "filter", "limit": "1000", "offset": fmt.Sprint(offset),
			"tags": []any{map[string]any{"key": "bulk", "values": []string{"yes"}}},
		}).want(t, 200, "").json(t)
		if m["total_count"] != float64(10000) {
			t.Fatalf("total_count %v", m["total_count"])
		}
		for _, r := range m["resources"].([]any) {
			name := r.(map[string]any)["resource_name"].(string)
			if seen[name] || name <= prev {
				t.Fatalf("order or uniqueness broken at %s after %s", name, prev)
			}
			seen[name], prev = true, name
		}
	}
	if len(seen) != 10000 {
		t.Fatalf("paged %d secrets", len(seen))
	}
}

func bulkSeed(n int) Seed {
	s := Seed{Secrets: make([]SeedSecret, n)}
	for i := range s.Secrets {
		s.Secrets[i] = SeedSecret{Name: fmt.Sprintf("bulk-%05d", (i*7919)%n), Tags: map[string]string{"bulk": "yes"}}
	}
	return s
}

func BenchmarkSeedTenThousandSecrets(b *testing.B) {
	for b.Loop() {
		e, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := e.Seed(bulkSeed(10000)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListResourceInstances pages through 10,000 tagged secrets, 1000
// at a time, through the whole handler (routing, auth, JSON both ways).
func BenchmarkListResourceInstances(b *testing.B) {
	e, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := e.Seed(bulkSeed(10000)); err != nil {
		b.Fatal(err)
	}
	path := "/v1/" + DefaultProjectID + "/csms/resource_instances/action"
	bodies := make([]string, 10)
	for i := range bodies {
		bodies[i] = fmt.Sprintf(`{"action":"filter","limit":"1000","offset":"%d","tags":[{"key":"bulk","values":["yes"]}]}`, i*1000)
	}
	for b.Loop() {
		for _, body := range bodies {
			req := httptest.NewRequest("POST", path, strings.NewReader(body))
			req.Header.Set("X-Auth-Token", DefaultAuthToken)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	}
}

// OmitTotalCount leaves total_count out of a filter answer (the client must
// page to a short page), but never out of a count answer.
func TestResourceInstancesOmitTotalCount(t *testing.T) {
	t.Parallel()
	lri := "/v1/{p}/csms/resource_instances/action"
	for _, omit := range []bool{false, true} {
		c := startEmulator(t, Options{OmitTotalCount: omit})
		seedTagged(t, c)
		m := c.do("POST", lri, map[string]any{"action": "filter", "limit": "2"}).want(t, 200, "").json(t)
		if _, has := m["total_count"]; has == omit {
			t.Errorf("OmitTotalCount=%v: filter answer %v", omit, m)
		}
		if res, _ := m["resources"].([]any); len(res) != 2 {
			t.Errorf("OmitTotalCount=%v: %d resources, want the page of 2", omit, len(res))
		}
		m = c.do("POST", lri, map[string]any{"action": "count"}).want(t, 200, "").json(t)
		if m["total_count"] != float64(5) {
			t.Errorf("OmitTotalCount=%v: count answer %v, want total_count 5", omit, m)
		}
	}
}

// The pages say an empty matches value gives an empty result and that limit
// and offset are not to be sent with count; neither is refused.
func TestResourceInstancesLenient(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	createSecret(t, c, "s1")
	lri := "/v1/{p}/csms/resource_instances/action"
	empty := []any{map[string]any{"key": "resource_name", "value": ""}}
	r := c.do("POST", lri, map[string]any{"action": "filter", "matches": empty}).want(t, 200, "").json(t)
	if len(r["resources"].([]any)) != 0 || r["total_count"] != float64(0) {
		t.Fatalf("an empty match value matches nothing: %v", r)
	}
	r = c.do("POST", lri, map[string]any{"action": "count", "limit": "ten", "offset": "5"}).want(t, 200, "").json(t)
	if r["total_count"] != float64(1) {
		t.Fatalf("count ignores limit and offset: %v", r)
	}
}
