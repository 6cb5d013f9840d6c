package framework

import (
	"maps"
	"slices"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func TestTagPolicyIgnored(t *testing.T) {
	t.Parallel()
	p := TagPolicy{IgnoreKeys: []string{"owner"}, IgnoreKeyPrefixes: []string{"policy:"}}
	for key, want := range map[string]bool{
		"owner": true, "owner2": false, "Owner": false, "policy:cost": true, "policy:": true, "policy": false, "env": false,
	} {
		if got := p.Ignored(key); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", key, got, want)
		}
	}
	if (TagPolicy{}).Ignored("anything") {
		t.Error("the zero policy ignores nothing")
	}
}

func TestTagPolicyMerge(t *testing.T) {
	t.Parallel()
	p := TagPolicy{
		Defaults:          map[string]string{"env": "prod", "team": "a", "policy:x": "1"},
		IgnoreKeyPrefixes: []string{"policy:"},
	}
	got := p.Merge(map[string]string{"team": "b", "app": "web"})
	want := map[string]string{"env": "prod", "team": "b", "app": "web"}
	if !maps.Equal(got, want) {
		t.Errorf("Merge = %v, want %v (the resource wins, ignored keys dropped)", got, want)
	}
	if got := (TagPolicy{}).Merge(nil); got == nil || len(got) != 0 {
		t.Errorf("Merge of nothing = %#v, want an empty map", got)
	}
	if p.Defaults["team"] != "a" {
		t.Error("Merge changed the defaults")
	}
}

func TestTagPolicySplit(t *testing.T) {
	t.Parallel()
	p := TagPolicy{Defaults: map[string]string{"env": "prod", "team": "a"}, IgnoreKeys: []string{"owner"}}
	reported := map[string]string{
		"env":   "prod", // a default as configured: tags_all only
		"team":  "x",    // a default changed outside Terraform: drift of tags
		"app":   "web",  // configured
		"extra": "1",    // added outside Terraform: drift of tags
		"owner": "bob",  // ignored
	}
	tags, all := p.Split(reported, map[string]string{"app": "web"})
	if want := map[string]string{"team": "x", "app": "web", "extra": "1"}; !maps.Equal(tags, want) {
		t.Errorf("tags = %v, want %v", tags, want)
	}
	if want := map[string]string{"env": "prod", "team": "x", "app": "web", "extra": "1"}; !maps.Equal(all, want) {
		t.Errorf("tags_all = %v, want %v", all, want)
	}
	// A resource tag with the default's value stays in tags when configured.
	tags, _ = p.Split(map[string]string{"env": "prod"}, map[string]string{"env": "prod"})
	if !maps.Equal(tags, map[string]string{"env": "prod"}) {
		t.Errorf("configured tag equal to a default: tags = %v", tags)
	}
}

func TestTagPolicyWithoutIgnoredTags(t *testing.T) {
	t.Parallel()
	in := []hwc.Tag{{Key: "a", Value: "1"}, {Key: "sys:b", Value: "2"}, {Key: "c", Value: "3"}}
	if got := (TagPolicy{}).WithoutIgnoredTags(in); !slices.Equal(got, in) {
		t.Errorf("nothing ignored: %v", got)
	}
	got := TagPolicy{IgnoreKeys: []string{"c"}, IgnoreKeyPrefixes: []string{"sys:"}}.WithoutIgnoredTags(in)
	if want := []hwc.Tag{{Key: "a", Value: "1"}}; !slices.Equal(got, want) {
		t.Errorf("WithoutIgnoredTags = %v, want %v", got, want)
	}
	if len(in) != 3 {
		t.Error("the input was changed")
	}
}

func TestProviderDataTagPolicyNil(t *testing.T) {
	t.Parallel()
	var d *ProviderData
	if p := d.TagPolicy(); p.Defaults != nil || p.Ignored("x") {
		t.Errorf("nil provider data: %+v", p)
	}
}
