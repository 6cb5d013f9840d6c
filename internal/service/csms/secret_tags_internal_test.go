package csms

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

var testTagPolicy = framework.TagPolicy{
	Defaults:          map[string]string{"env": "prod", "team": "a"},
	IgnoreKeys:        []string{"owner"},
	IgnoreKeyPrefixes: []string{"policy:"},
}

func TestPlannedTagsAll(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	all, diags := plannedTagsAll(ctx, tagMapValue(map[string]string{"team": "b", "app": "web", "policy:x": "1"}), testTagPolicy)
	if diags.HasError() {
		t.Fatal(diags)
	}
	got, _ := stringMap(ctx, all)
	if want := map[string]string{"env": "prod", "team": "b", "app": "web"}; !maps.Equal(got, want) {
		t.Errorf("tags_all = %v, want %v", got, want)
	}
	if all, _ := plannedTagsAll(ctx, types.MapUnknown(types.StringType), testTagPolicy); !all.IsUnknown() {
		t.Errorf("unknown tags: tags_all = %v, want unknown", all)
	}
	partly := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringUnknown()})
	if all, _ := plannedTagsAll(ctx, partly, testTagPolicy); !all.IsUnknown() {
		t.Errorf("an unknown tag value: tags_all = %v, want unknown", all)
	}
	if all, _ := plannedTagsAll(ctx, types.MapNull(types.StringType), framework.TagPolicy{}); all.IsNull() || len(all.Elements()) != 0 {
		t.Errorf("no tags and no defaults: tags_all = %v, want empty", all)
	}
}

// secretPlan is a plan of hwcloud_csms_secret with the given tags (the other attributes null).
func secretPlan(t *testing.T, tags types.Map) tfsdk.Plan {
	t.Helper()
	s := frameworktest.ResourceSchema(t, NewCSMSSecretResource())
	typ := s.Type().TerraformType(context.Background()).(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, attrs)}
	if diags := plan.SetAttribute(context.Background(), path.Root("tags"), tags); diags.HasError() {
		t.Fatal(diags)
	}
	return plan
}

func TestCSMSSecretModifyPlanTagsAll(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	run := func(data *framework.ProviderData, tags types.Map) (types.Map, string) {
		r := NewCSMSSecretResource().(*csmsSecretResource)
		r.Configure(ctx, resource.ConfigureRequest{ProviderData: data}, &resource.ConfigureResponse{})
		plan := secretPlan(t, tags)
		resp := &resource.ModifyPlanResponse{Plan: plan}
		r.ModifyPlan(ctx, resource.ModifyPlanRequest{Plan: plan}, resp)
		var all types.Map
		resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("tags_all"), &all)...)
		return all, frameworktest.DiagText(resp.Diagnostics)
	}
	data := &framework.ProviderData{Tags: testTagPolicy}
	all, diags := run(data, tagMapValue(map[string]string{"env": "dev"}))
	got, _ := stringMap(ctx, all)
	if want := map[string]string{"env": "dev", "team": "a"}; diags != "" || !maps.Equal(got, want) {
		t.Errorf("tags_all = %v (%s), want %v", got, diags, want)
	}
	if all, _ := run(nil, tagMapValue(nil)); !all.IsUnknown() {
		t.Errorf("unconfigured provider: tags_all = %v, want unknown", all)
	}
	// The limit applies to the merged set: 19 tags and two defaults are too many.
	many := map[string]string{}
	for i := range 19 {
		many["k"+strings.Repeat("x", i)] = "v"
	}
	if _, diags := run(data, tagMapValue(many)); !strings.Contains(diags, "Too many tags") || !strings.Contains(diags, "make 21") {
		t.Errorf("21 merged tags: diagnostics %q", diags)
	}
	if _, diags := run(&framework.ProviderData{}, tagMapValue(many)); diags != "" {
		t.Errorf("19 tags without defaults: diagnostics %q", diags)
	}
}

// A default tag CSMS would refuse fails the plan, unless the secret's own
// tag overrides it or ignore_tags names it.
func TestCSMSSecretModifyPlanChecksDefaultTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	check := func(policy framework.TagPolicy, tags map[string]string) string {
		r := NewCSMSSecretResource().(*csmsSecretResource)
		r.Configure(ctx, resource.ConfigureRequest{ProviderData: &framework.ProviderData{Tags: policy}}, &resource.ConfigureResponse{})
		plan := secretPlan(t, tagMapValue(tags))
		resp := &resource.ModifyPlanResponse{Plan: plan}
		r.ModifyPlan(ctx, resource.ModifyPlanRequest{Plan: plan}, resp)
		return frameworktest.DiagText(resp.Diagnostics)
	}
	bad := framework.TagPolicy{Defaults: map[string]string{"cost/center": "1", "_sys_x": "1", "ok": "a#b", "fine": "v"}}
	diags := check(bad, nil)
	for _, want := range []string{`"cost/center"`, `"_sys_x"`, `"ok"`, "Invalid default tag", "a#b"} {
		if !strings.Contains(diags, want) {
			t.Errorf("diagnostics lack %s: %s", want, diags)
		}
	}
	if strings.Contains(diags, `"fine"`) {
		t.Errorf("a valid default was reported: %s", diags)
	}
	overridden := framework.TagPolicy{Defaults: map[string]string{"ok": "a#b"}}
	if diags := check(overridden, map[string]string{"ok": "fixed"}); diags != "" {
		t.Errorf("a default the secret overrides: %s", diags)
	}
	ignored := framework.TagPolicy{Defaults: bad.Defaults, IgnoreKeys: []string{"ok", "_sys_x"}, IgnoreKeyPrefixes: []string{"cost/"}}
	if diags := check(ignored, nil); diags != "" {
		t.Errorf("ignored defaults: %s", diags)
	}
}

func TestCSMSSecretSetFromServiceSplitsTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := csmsSecretModel{Tags: tagMapValue(map[string]string{"app": "web"})}
	found := &csmsSecretFound{Tags: map[string]string{"app": "web", "env": "prod", "team": "x", "owner": "bob", "policy:c": "1"}}
	if diags := m.setFromService(ctx, found, testTagPolicy); diags.HasError() {
		t.Fatal(diags)
	}
	tags, _ := stringMap(ctx, m.Tags)
	all, _ := stringMap(ctx, m.TagsAll)
	if want := map[string]string{"app": "web", "team": "x"}; !maps.Equal(tags, want) {
		t.Errorf("tags = %v, want %v (a default as configured is not drift; a changed one is)", tags, want)
	}
	if want := map[string]string{"app": "web", "env": "prod", "team": "x"}; !maps.Equal(all, want) {
		t.Errorf("tags_all = %v, want %v (ignored keys left out)", all, want)
	}
}

func TestWithoutIgnoredTags(t *testing.T) {
	t.Parallel()
	found := []hwc.ResourceInstance{
		{Tags: []hwc.Tag{{Key: "owner", Value: "bob"}, {Key: "app", Value: "web"}}, SysTags: []hwc.Tag{{Key: "_sys_enterprise_project_id", Value: "0"}}},
		{Tags: []hwc.Tag{{Key: "policy:cost", Value: "1"}}},
	}
	got := withoutIgnoredTags(found, testTagPolicy)
	if !slices.Equal(got[0].Tags, []hwc.Tag{{Key: "app", Value: "web"}}) || len(got[1].Tags) != 0 {
		t.Errorf("tags = %v / %v", got[0].Tags, got[1].Tags)
	}
	if len(got[0].SysTags) != 1 {
		t.Errorf("system tags are kept: %v", got[0].SysTags)
	}
}

func TestCreateRequestEnterpriseProjectPrecedence(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, c := range []struct {
		planned    types.String
		provider   string
		wantOnWire string
	}{
		{types.StringValue("ep-own"), "ep-provider", "ep-own"},
		{types.StringUnknown(), "ep-provider", "ep-provider"},
		{types.StringUnknown(), "", ""}, // the service's default
	} {
		m := csmsSecretModel{EnterpriseProjectID: c.planned, EventSubscriptions: types.SetNull(types.StringType)}
		body, diags := m.createRequest(ctx, hwc.SecretValue{String: "v"}, c.provider)
		if diags.HasError() || body.EnterpriseProjectID != c.wantOnWire {
			t.Errorf("planned %v, provider %q: sent %q, want %q (%v)", c.planned, c.provider, body.EnterpriseProjectID, c.wantOnWire, diags)
		}
	}
}
