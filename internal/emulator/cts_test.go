package emulator

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func ctsBody(name string, kv ...any) map[string]any {
	return edited(map[string]any{"notification_name": name, "operation_type": "complete"}, kv...)
}

func TestNotificationLifecycle(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	topic := c.demoTopic()
	fn := FunctionURN("cn-north-4", c.project(), "hwcloud-demo")

	r := c.do("POST", "/v3/{p}/notifications", ctsBody("audit", "topic_id", topic)).want(t, 201, "")
	n := r.json(t)
	if _, wrapped := n["notification"]; wrapped {
		t.Fatal("CTS responses are not wrapped")
	}
	if n["status"] != "enabled" || n["notification_type"] != "smn" || n["project_id"] != c.project() || n["domain_id"] == "" {
		t.Fatalf("created: %v", n)
	}
	if f, present := n["filter"]; !present || f != nil {
		t.Fatalf("a notification without a filter is answered with \"filter\": null, got %v", n["filter"])
	}
	id := n["notification_id"].(string)

	upd := c.do("PUT", "/v3/{p}/notifications", map[string]any{
		"notification_id": id, "status": "enabled", "notification_name": "audit_renamed", "operation_type": "customized",
		"operations":       []any{map[string]any{"service_type": "CTS", "resource_type": "tracker", "trace_names": []string{"createTracker"}}},
		"notify_user_list": []any{map[string]any{"user_group": "admin", "user_list": []string{"alice"}}},
		"topic_id":         fn, "agency_name": "cts_admin_trust",
		"filter": map[string]any{"condition": "OR", "is_support_filter": true, "rule": []string{"code = 200", "trace_rating != normal"}},
	}).want(t, 200, "").json(t)
	if upd["notification_id"] != id || upd["notification_type"] != "fun" || upd["notification_name"] != "audit_renamed" || upd["create_time"] != n["create_time"] {
		t.Fatalf("updated: %v", upd)
	}

	// A full-body update clears what it leaves out.
	cleared := c.do("PUT", "/v3/{p}/notifications", map[string]any{
		"notification_id": id, "status": "disabled", "notification_name": "audit_renamed", "operation_type": "complete",
	}).want(t, 200, "").json(t)
	if cleared["status"] != "disabled" || len(cleared["operations"].([]any)) != 0 || len(cleared["notify_user_list"].([]any)) != 0 ||
		cleared["filter"] != nil || cleared["topic_id"] != nil {
		t.Fatalf("cleared: %v", cleared)
	}

	list := c.do("GET", "/v3/{p}/notifications/smn", nil).want(t, 200, "").json(t)["notifications"].([]any)
	if len(list) != 1 {
		t.Fatalf("list: %v", list)
	}
	c.do("DELETE", "/v3/{p}/notifications?notification_id="+id, nil).want(t, 204, "")
	c.do("DELETE", "/v3/{p}/notifications?notification_id="+id, nil).want(t, 404, "CTS.0403")
	c.do("PUT", "/v3/{p}/notifications", map[string]any{"notification_id": id, "status": "disabled", "notification_name": "x", "operation_type": "complete"}).want(t, 404, "CTS.0403")
}

// "topic_id": "" is no topic, as if left out (Huawei's own provider sends it).
func TestNotificationWithoutTopicIsDisabled(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	for _, body := range []map[string]any{ctsBody("quiet"), ctsBody("quiet_empty", "topic_id", "")} {
		n := c.do("POST", "/v3/{p}/notifications", body).want(t, 201, "").json(t)
		if n["status"] != "disabled" || n["notification_type"] != "smn" {
			t.Fatalf("%v: status %v, type %v", body, n["status"], n["notification_type"])
		}
		if _, has := n["topic_id"]; has {
			t.Fatalf("%v: topic_id %v, want none", body, n["topic_id"])
		}
		update := map[string]any{"notification_id": n["notification_id"], "status": "enabled",
			"notification_name": body["notification_name"], "operation_type": "complete"}
		c.do("PUT", "/v3/{p}/notifications", update).want(t, 400, "CTS.0404")
		update["topic_id"] = ""
		c.do("PUT", "/v3/{p}/notifications", update).want(t, 400, "CTS.0404")
		update["status"] = "disabled"
		c.do("PUT", "/v3/{p}/notifications", update).want(t, 200, "")
	}
}

// With CTSEmptyFilterObject, "no filter" is answered in the empty-object form
// on create, update and list; a real filter is answered as it is.
func TestNotificationEmptyFilterObjectOption(t *testing.T) {
	t.Parallel()
	const emptyForm = `{"condition":"","is_support_filter":false,"rule":null}`
	for _, opt := range []bool{false, true} {
		c := startEmulator(t, Options{CTSEmptyFilterObject: opt})
		want := "null"
		if opt {
			want = emptyForm
		}
		filterOf := func(r result) string {
			var m map[string]json.RawMessage
			if err := json.Unmarshal(r.body, &m); err != nil {
				t.Fatal(err)
			}
			return string(m["filter"])
		}
		r := c.do("POST", "/v3/{p}/notifications", ctsBody("plain", "topic_id", c.demoTopic())).want(t, 201, "")
		if got := filterOf(r); got != want {
			t.Fatalf("option %v: create answered filter %s, want %s", opt, got, want)
		}
		id := r.json(t)["notification_id"]
		r = c.do("PUT", "/v3/{p}/notifications", ctsBody("plain", "notification_id", id, "status", "enabled", "topic_id", c.demoTopic())).want(t, 200, "")
		if got := filterOf(r); got != want {
			t.Fatalf("option %v: update answered filter %s, want %s", opt, got, want)
		}
		list := c.do("GET", "/v3/{p}/notifications/smn", nil).want(t, 200, "")
		var l struct{ Notifications []map[string]json.RawMessage }
		if err := json.Unmarshal(list.body, &l); err != nil || len(l.Notifications) != 1 || string(l.Notifications[0]["filter"]) != want {
			t.Fatalf("option %v: list answered %s", opt, list.body)
		}
		on := `{"condition":"OR","is_support_filter":true,"rule":["code = 1"]}`
		r = c.do("POST", "/v3/{p}/notifications", ctsBody("filtered", "filter", json.RawMessage(on))).want(t, 201, "")
		if got := filterOf(r); got != on {
			t.Fatalf("option %v: a set filter is answered as %s, want %s", opt, got, on)
		}
	}
}

// A name filter returns every notification whose name contains it, newest
// first: a client that takes the first hit picks the wrong one.
func TestListNotificationsByNameIsFuzzy(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	c.do("POST", "/v3/{p}/notifications", ctsBody("alerts", "topic_id", c.demoTopic())).want(t, 201, "")
	c.do("POST", "/v3/{p}/notifications", ctsBody("alerts_prod", "topic_id", c.demoTopic())).want(t, 201, "")
	c.do("POST", "/v3/{p}/notifications", ctsBody("other", "topic_id", c.demoTopic())).want(t, 201, "")
	c.do("POST", "/v3/{p}/notifications", ctsBody("alerts_fun", "topic_id", FunctionURN("cn-north-4", c.project(), "hwcloud-demo"))).want(t, 201, "")
	list := c.do("GET", "/v3/{p}/notifications/smn?notification_name=alerts", nil).want(t, 200, "").json(t)["notifications"].([]any)
	var names []string
	for _, n := range list {
		names = append(names, n.(map[string]any)["notification_name"].(string))
	}
	if strings.Join(names, ",") != "alerts_prod,alerts" {
		t.Fatalf("names: %v", names)
	}
	all := c.do("GET", "/v3/{p}/notifications/fun", nil).want(t, 200, "").json(t)["notifications"].([]any)
	if len(all) != 1 {
		t.Fatalf("fun: %v", all)
	}
	c.do("GET", "/v3/{p}/notifications/sms", nil).want(t, 400, "CTS.0410")
	c.do("GET", "/v3/{p}/notifications/smn?name=alerts", nil).want(t, 400, "CTS.0003")
	// Escaped names arrive decoded.
	c.do("GET", "/v3/{p}/notifications/smn?notification_name="+url.QueryEscape("a b&c"), nil).want(t, 200, "")
}

func TestDeleteSeveralNotifications(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	var ids []string
	for _, n := range []string{"a", "b", "c"} {
		ids = append(ids, c.do("POST", "/v3/{p}/notifications", ctsBody(n)).want(t, 201, "").json(t)["notification_id"].(string))
	}
	// All or nothing: one unknown id fails the call.
	c.do("DELETE", "/v3/{p}/notifications?notification_id="+ids[0]+",6d4a09bb-aa8e-40db-9e87-0d5e203823a8", nil).want(t, 404, "CTS.0403")
	if len(c.e().store.notifications) != 3 {
		t.Fatal("a failed delete removed notifications")
	}
	c.do("DELETE", "/v3/{p}/notifications?notification_id="+ids[0]+","+ids[1], nil).want(t, 204, "")
	if len(c.e().store.notifications) != 1 {
		t.Fatal("both ids should be deleted")
	}
	c.do("DELETE", "/v3/{p}/notifications", nil).want(t, 400, "CTS.0003")
	c.do("DELETE", "/v3/{p}/notifications?notification_id="+ids[2]+",", nil).want(t, 400, "CTS.0003")
}

func TestNotificationBusinessRules(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{MaxNotifications: 2})
	c.do("POST", "/v3/{p}/notifications", ctsBody("one")).want(t, 201, "")
	c.do("POST", "/v3/{p}/notifications", ctsBody("one")).want(t, 400, "CTS.0400")
	id := c.do("POST", "/v3/{p}/notifications", ctsBody("two")).want(t, 201, "").json(t)["notification_id"]
	c.do("POST", "/v3/{p}/notifications", ctsBody("three")).want(t, 400, "CTS.0407")
	c.do("PUT", "/v3/{p}/notifications", map[string]any{"notification_id": id, "status": "disabled", "notification_name": "one", "operation_type": "complete"}).want(t, 400, "CTS.0400")
	c.do("POST", "/v3/{p}/notifications", ctsBody("x", "topic_id", TopicURN("cn-north-4", c.project(), "missing"))).want(t, 400, "CTS.0402")
}

func TestNotificationValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	op := func(svc, res string, traces ...string) map[string]any {
		return map[string]any{"service_type": svc, "resource_type": res, "trace_names": traces}
	}
	var manyOps, oneServiceOps []any
	for i := 0; i < 101; i++ {
		manyOps = append(manyOps, op(fmt.Sprintf("SVC%d", i), "server", "t"))
		oneServiceOps = append(oneServiceOps, op("ECS", fmt.Sprintf("res%d", i), "t"))
	}
	var bigOps []any
	for i := 0; i < 11; i++ {
		var traces []string
		for j := 0; j < 100; j++ {
			traces = append(traces, fmt.Sprintf("t%d_%d", i, j))
		}
		bigOps = append(bigOps, op("ECS", "server", traces...))
	}
	group := func(name string, n int) map[string]any {
		var users []string
		for i := 0; i < n; i++ {
			users = append(users, fmt.Sprintf("%s_u%d", name, i))
		}
		return map[string]any{"user_group": name, "user_list": users}
	}
	var elevenGroups []any
	for i := 0; i < 11; i++ {
		elevenGroups = append(elevenGroups, group(fmt.Sprintf("g%d", i), 1))
	}
	filter := func(cond string, on bool, rules ...string) map[string]any {
		return map[string]any{"condition": cond, "is_support_filter": on, "rule": rules}
	}
	cases := []struct {
		name string
		body map[string]any
		code string
	}{
		{"name missing", ctsBody("n", "notification_name", nil), "CTS.0411"},
		{"name bad char", ctsBody("a-b"), "CTS.0411"},
		{"name too long", ctsBody(strings.Repeat("n", 65)), "CTS.0411"},
		{"name with a letter outside English", ctsBody("café"), "CTS.0411"},
		{"name in Cyrillic", ctsBody("журнал"), "CTS.0411"},
		{"operation_type missing", ctsBody("n", "operation_type", nil), "CTS.0003"},
		{"operation_type bad", ctsBody("n", "operation_type", "all"), "CTS.0003"},
		{"customized without operations", ctsBody("n", "operation_type", "customized"), "CTS.0401"},
		{"service_type empty", ctsBody("n", "operation_type", "customized", "operations", []any{op("", "server", "t")}), "CTS.0401"},
		{"resource_type empty", ctsBody("n", "operation_type", "customized", "operations", []any{op("ECS", "", "t")}), "CTS.0401"},
		{"no trace names", ctsBody("n", "operation_type", "customized", "operations", []any{op("ECS", "server")}), "CTS.0401"},
		{"empty trace name", ctsBody("n", "operation_type", "customized", "operations", []any{op("ECS", "server", "t", "")}), "CTS.0401"},
		{"101 services", ctsBody("n", "operation_type", "customized", "operations", manyOps), "CTS.0401"},
		{"1100 operations", ctsBody("n", "operation_type", "customized", "operations", bigOps), "CTS.0401"},
		{"11 groups", ctsBody("n", "notify_user_list", elevenGroups), "CTS.0003"},
		{"51 users", ctsBody("n", "notify_user_list", []any{group("a", 30), group("b", 21)}), "CTS.0003"},
		{"group without users", ctsBody("n", "notify_user_list", []any{group("a", 0)}), "CTS.0003"},
		{"group name too long", ctsBody("n", "notify_user_list", []any{group(strings.Repeat("g", 129), 1)}), "CTS.0003"},
		{"group name missing", ctsBody("n", "notify_user_list", []any{map[string]any{"user_list": []string{"u"}}}), "CTS.0003"},
		{"topic not a URN", ctsBody("n", "topic_id", "my-topic"), "CTS.0003"},
		{"missing function", ctsBody("n", "topic_id", FunctionURN("cn-north-4", c.project(), "gone")), "CTS.0404"},
		{"agency", ctsBody("n", "agency_name", "admin"), "CTS.0003"},
		{"status on create", ctsBody("n", "status", "enabled"), "CTS.0003"},
		{"id on create", ctsBody("n", "notification_id", "x"), "CTS.0003"},
		{"unknown field", ctsBody("n", "notify_users", []any{}), "CTS.0003"},
		{"unknown nested field", ctsBody("n", "filter", map[string]any{"condition": "AND", "is_support_filter": true, "rule": []string{"code = 1"}, "rules": []string{}}), "CTS.0003"},
		{"filter condition", ctsBody("n", "filter", filter("XOR", true, "code = 1")), "CTS.0003"},
		{"filter no is_support_filter", ctsBody("n", "filter", map[string]any{"condition": "AND", "rule": []string{"code = 1"}}), "CTS.0003"},
		{"filter on without rules", ctsBody("n", "filter", filter("AND", true)), "CTS.0003"},
		// A switched-off filter still needs its rules: to have no filter, leave it out.
		{"filter off with an empty rule list", ctsBody("n", "filter", map[string]any{"condition": "AND", "is_support_filter": false, "rule": []string{}}), "CTS.0003"},
		{"filter off without rule", ctsBody("n", "filter", map[string]any{"condition": "", "is_support_filter": false}), "CTS.0003"},
		{"filter in the empty-object form", ctsBody("n", "filter", map[string]any{"condition": "", "is_support_filter": false, "rule": nil}), "CTS.0003"},
		{"rule without spaces", ctsBody("n", "filter", filter("AND", true, "code=1")), "CTS.0003"},
		{"rule bad operator", ctsBody("n", "filter", filter("AND", true, "code == 1")), "CTS.0003"},
		{"rule bad field", ctsBody("n", "filter", filter("AND", true, "user = bob")), "CTS.0003"},
		{"rule empty value", ctsBody("n", "filter", filter("AND", true, "code = ")), "CTS.0003"},
		{"rule api_version", ctsBody("n", "filter", filter("AND", true, "api_version = v1/2")), "CTS.0003"},
		{"rule code too long", ctsBody("n", "filter", filter("AND", true, "code = "+strings.Repeat("1", 257))), "CTS.0003"},
		{"rule trace_rating", ctsBody("n", "filter", filter("AND", true, "trace_rating = fatal")), "CTS.0003"},
		{"rule trace_type", ctsBody("n", "filter", filter("AND", true, "trace_type = apicall")), "CTS.0003"},
		{"rule resource_id too long", ctsBody("n", "filter", filter("AND", true, "resource_id = "+strings.Repeat("r", 351))), "CTS.0003"},
		{"rule resource_name too long", ctsBody("n", "filter", filter("AND", true, "resource_name = "+strings.Repeat("r", 257))), "CTS.0003"},
		{"malformed JSON", nil, "CTS.0003"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body any = tc.body
			if tc.body == nil {
				body = `{"notification_name":`
			}
			r := c.do("POST", "/v3/{p}/notifications", body).want(t, 400, tc.code)
			if _, nested := r.json(t)["error"]; nested {
				t.Fatalf("CTS errors are flat: %s", r.body)
			}
		})
	}
	if len(c.e().store.notifications) != 0 {
		t.Fatal("an invalid request created a notification")
	}
	valid := []map[string]any{
		ctsBody("中文_名称"),
		ctsBody("Audit_2"),
		ctsBody(strings.Repeat("名", 64)),
		ctsBody("f1", "filter", filter("AND", true, "api_version = v1.0_b-2", "code = 404 Not Found", "trace_rating = incident",
			"trace_type = SystemAction", "resource_id = "+strings.Repeat("r", 350), "resource_name = "+strings.Repeat("r", 256))),
		ctsBody("f2", "filter", map[string]any{"condition": "", "is_support_filter": false, "rule": []string{"code = 1"}}),
		ctsBody("f3", "filter", nil),
		ctsBody("u50", "notify_user_list", []any{group("a", 25), group("b", 25)}),
		ctsBody("ops", "operation_type", "customized", "operations", []any{op("CTS", "tracker", "createTracker", "deleteTracker")}),
		// The lenient readings (docs-dev/validation-rules.md): operations with complete are kept (a guess), service types
		// are "generally" upper case, the limit is 100 services (not entries), no length caps or
		// uniqueness on resource types and trace names, group names up to 128 characters (IAM),
		// and any whitespace around a filter rule's operator.
		ctsBody("opsc", "operations", []any{op("ECS", "server", "t")}),
		ctsBody("lower", "operation_type", "customized", "operations", []any{op("ecs", "server", "t")}),
		ctsBody("onesvc", "operation_type", "customized", "operations", oneServiceOps),
		ctsBody("long", "operation_type", "customized", "operations", []any{op("ECS", strings.Repeat("r", 300), strings.Repeat("t", 300), "t", "t")}),
		ctsBody("g128", "notify_user_list", []any{map[string]any{"user_group": strings.Repeat("g", 128), "user_list": []string{"u"}}}),
		ctsBody("ws", "filter", filter("AND", true, "code =  1", " trace_type\t!= ApiCall ")),
	}
	for _, body := range valid {
		c.do("POST", "/v3/{p}/notifications", body).want(t, 201, "")
	}
}

func TestNotificationUpdateValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	id := c.do("POST", "/v3/{p}/notifications", ctsBody("n", "topic_id", c.demoTopic())).want(t, 201, "").json(t)["notification_id"]
	base := func(kv ...any) map[string]any {
		return ctsBody("n", append([]any{"notification_id", id, "status", "enabled", "topic_id", c.demoTopic()}, kv...)...)
	}
	c.do("PUT", "/v3/{p}/notifications", base("notification_id", nil)).want(t, 400, "CTS.0003")
	c.do("PUT", "/v3/{p}/notifications", base("status", nil)).want(t, 400, "CTS.0003")
	c.do("PUT", "/v3/{p}/notifications", base("status", "on")).want(t, 400, "CTS.0003")
	c.do("PUT", "/v3/{p}/notifications", base("topic_id", nil)).want(t, 400, "CTS.0404")
	c.do("PUT", "/v3/{p}/notifications", base("notification_name", "bad name")).want(t, 400, "CTS.0411")
	c.do("PUT", "/v3/{p}/notifications", base()).want(t, 200, "")
}
