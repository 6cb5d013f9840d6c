package emulator

import (
	"fmt"
	"strings"
	"testing"
)

func TestSecretTags(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	id := createSecret(t, c, "tagged")["id"].(string)
	tags := "/v1/{p}/csms/" + id + "/tags"

	c.do("POST", tags, map[string]any{"tag": map[string]any{"key": "env", "value": "prod"}}).want(t, 204, "")
	c.do("POST", tags+"/action", map[string]any{"action": "create", "tags": []any{
		map[string]any{"key": "team", "value": "sec"}, map[string]any{"key": "env", "value": "staging"},
	}}).want(t, 204, "")
	got := c.do("GET", tags, nil).want(t, 200, "").json(t)
	if fmt.Sprint(got["tags"]) != "[map[key:env value:staging] map[key:team value:sec]]" || len(got["sys_tags"].([]any)) != 0 {
		t.Fatalf("tags: %v", got)
	}
	c.do("POST", tags+"/action", map[string]any{"action": "delete", "tags": []any{map[string]any{"key": "env"}}}).want(t, 204, "")
	got = c.do("GET", tags, nil).want(t, 200, "").json(t)
	if fmt.Sprint(got["tags"]) != "[map[key:team value:sec]]" {
		t.Fatalf("after delete: %v", got)
	}

	// Tag routes take the id, not the name.
	c.do("GET", "/v1/{p}/csms/tagged/tags", nil).want(t, 400, "CSMS.0005")
	c.do("POST", "/v1/{p}/csms/tagged/tags", map[string]any{"tag": map[string]any{"key": "k", "value": "v"}}).want(t, 400, "CSMS.0005")

	// A secret pending deletion cannot be changed.
	c.do("POST", "/v1/{p}/secrets/tagged/scheduled-deleted-tasks/create", map[string]any{"recovery_window_in_days": 7}).want(t, 200, "")
	c.do("POST", tags, map[string]any{"tag": map[string]any{"key": "k", "value": "v"}}).want(t, 400, "CSMS.0103")
	c.do("POST", tags+"/action", map[string]any{"action": "delete", "tags": []any{map[string]any{"key": "team"}}}).want(t, 400, "CSMS.0103")
	c.do("GET", tags, nil).want(t, 200, "")
}

func TestSecretTagValidation(t *testing.T) {
	t.Parallel()
	c := startEmulator(t, Options{})
	id := createSecret(t, c, "s")["id"].(string)
	tags := "/v1/{p}/csms/" + id + "/tags"
	tag := func(k, v string) map[string]any { return map[string]any{"tag": map[string]any{"key": k, "value": v}} }
	cases := []struct {
		name string
		body any
		code string
	}{
		{"empty key", tag("", "v"), "CSMS.0002"},
		{"key too long", tag(strings.Repeat("k", 129), "v"), "CSMS.0002"},
		{"key leading space", tag(" k", "v"), "CSMS.0002"},
		{"key trailing space", tag("k ", "v"), "CSMS.0002"},
		{"key _sys_", tag("_sys_x", "v"), "CSMS.0002"},
		{"key bad char", tag("k/1", "v"), "CSMS.0002"},
		{"key tab", tag("k\t1", "v"), "CSMS.0002"},
		{"value too long", tag("k", strings.Repeat("v", 256)), "CSMS.0002"},
		{"value bad char", tag("k", "a*b"), "CSMS.0002"},
		{"tag missing", map[string]any{}, "CSMS.0002"},
		{"unknown field", map[string]any{"tag": map[string]any{"key": "k", "value": "v", "x": 1}}, "CSMS.0004"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { c.do("POST", tags, tc.body).want(t, 400, tc.code) })
	}
	c.do("POST", tags, tag("a key:=+-@_.", "a value:/=+-@_.")).want(t, 204, "")
	c.do("POST", tags, tag("中文", "")).want(t, 204, "")
	// Separators and numbers of any script (\p{Z}, \p{N}), and a tag without a value (the pages mark it optional).
	c.do("POST", tags, tag("\u3000ideographic\u00a0space²", "Ⅳ\u3000x")).want(t, 204, "")
	c.do("POST", tags, map[string]any{"tag": map[string]any{"key": "novalue"}}).want(t, 204, "")
	if got := c.do("GET", tags, nil).want(t, 200, "").json(t); !strings.Contains(fmt.Sprint(got["tags"]), "map[key:novalue value:]") {
		t.Fatalf("a tag without a value is stored with the empty value: %v", got)
	}
	c.do("POST", tags+"/action", map[string]any{"action": "delete", "tags": []any{
		map[string]any{"key": "\u3000ideographic\u00a0space²"}, map[string]any{"key": "novalue"}}}).want(t, 204, "")

	batch := func(action string, kv ...string) map[string]any {
		var ts []any
		for i := 0; i < len(kv); i += 2 {
			ts = append(ts, map[string]any{"key": kv[i], "value": kv[i+1]})
		}
		return map[string]any{"action": action, "tags": ts}
	}
	c.do("POST", tags+"/action", batch("update", "k", "v")).want(t, 400, "CSMS.0002")
	c.do("POST", tags+"/action", map[string]any{"action": "create", "tags": []any{}}).want(t, 400, "CSMS.0002")
	c.do("POST", tags+"/action", batch("create", "k", "v", "k", "w")).want(t, 400, "CSMS.0002")

	// At most 20 tags per secret (two exist already).
	var kv []string
	for i := 0; i < 18; i++ {
		kv = append(kv, fmt.Sprintf("k%02d", i), "v")
	}
	c.do("POST", tags+"/action", batch("create", kv...)).want(t, 204, "")
	c.do("POST", tags, tag("one-more", "v")).want(t, 400, "CSMS.0002")
	c.do("POST", tags, tag("k00", "overwrite")).want(t, 204, "") // an existing key is overwritten

	// One request may name any number of tags: no page limits a batch, only the 20 a secret holds.
	var del []any
	for i := 0; i < 30; i++ {
		del = append(del, map[string]any{"key": fmt.Sprintf("k%02d", i)})
	}
	c.do("POST", tags+"/action", map[string]any{"action": "delete", "tags": del}).want(t, 204, "")
	kv = kv[:0]
	for i := 0; i < 21; i++ {
		kv = append(kv, fmt.Sprintf("n%02d", i), "v")
	}
	c.do("POST", tags+"/action", batch("create", kv...)).want(t, 400, "CSMS.0002")
}
