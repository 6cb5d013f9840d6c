package provider

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
)

var (
	defaultTagsType = types.ObjectType{AttrTypes: map[string]attr.Type{"tags": types.MapType{ElemType: types.StringType}}}
	ignoreTagsType  = types.ObjectType{AttrTypes: map[string]attr.Type{
		"keys": types.SetType{ElemType: types.StringType}, "key_prefixes": types.SetType{ElemType: types.StringType},
	}}
)

func stringSet(values ...string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

func TestEnterpriseProjectVariableIsCloudVariable(t *testing.T) {
	t.Parallel()
	if !devenv.IsCloudVariable(envEnterpriseProjectID) {
		t.Errorf("the provider reads %s, which emulator runs do not clear", envEnterpriseProjectID)
	}
}

func TestResolveResourceDefaults(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	ctx := context.Background()

	d, diags := resolveResourceDefaults(ctx, nullModel())
	if diags.HasError() || d.enterpriseProjectID != "" || d.tags.Defaults != nil || d.tags.Ignored("x") {
		t.Fatalf("nothing set: %+v, %v", d, diags)
	}

	cfg := nullModel()
	cfg.EnterpriseProjectID = types.StringValue("ep-block")
	cfg.DefaultTags = types.ListValueMust(defaultTagsType, []attr.Value{types.ObjectValueMust(defaultTagsType.AttrTypes,
		map[string]attr.Value{"tags": types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("prod")})})})
	cfg.IgnoreTags = types.ListValueMust(ignoreTagsType, []attr.Value{types.ObjectValueMust(ignoreTagsType.AttrTypes,
		map[string]attr.Value{"keys": stringSet("owner"), "key_prefixes": stringSet("policy:", "cost:")})})
	t.Setenv(envEnterpriseProjectID, "ep-env")
	d, diags = resolveResourceDefaults(ctx, cfg)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if d.enterpriseProjectID != "ep-block" {
		t.Errorf("the argument beats the variable: got %q", d.enterpriseProjectID)
	}
	if !maps.Equal(d.tags.Defaults, map[string]string{"env": "prod"}) {
		t.Errorf("defaults = %v", d.tags.Defaults)
	}
	slices.Sort(d.tags.IgnoreKeyPrefixes)
	if !slices.Equal(d.tags.IgnoreKeys, []string{"owner"}) || !slices.Equal(d.tags.IgnoreKeyPrefixes, []string{"cost:", "policy:"}) {
		t.Errorf("ignore = %v / %v", d.tags.IgnoreKeys, d.tags.IgnoreKeyPrefixes)
	}

	d, diags = resolveResourceDefaults(ctx, nullModel())
	if diags.HasError() || d.enterpriseProjectID != "ep-env" {
		t.Errorf("the variable is the fallback: %q, %v", d.enterpriseProjectID, diags)
	}
	t.Setenv(envEnterpriseProjectID, strings.Repeat("x", 37))
	_, diags = resolveResourceDefaults(ctx, nullModel())
	errorAt(t, diags, path.Root("enterprise_project_id"), "1 to 36 characters")
}

func TestResolveResourceDefaultsUnknown(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	ctx := context.Background()
	cfg := nullModel()
	cfg.EnterpriseProjectID = types.StringUnknown()
	_, diags := resolveResourceDefaults(ctx, cfg)
	errorAt(t, diags, path.Root("enterprise_project_id"), "unknown")

	cfg = nullModel()
	cfg.DefaultTags = types.ListValueMust(defaultTagsType, []attr.Value{types.ObjectValueMust(defaultTagsType.AttrTypes,
		map[string]attr.Value{"tags": types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringUnknown()})})})
	_, diags = resolveResourceDefaults(ctx, cfg)
	errorAt(t, diags, path.Root("default_tags").AtListIndex(0).AtName("tags"), "unknown")

	cfg = nullModel()
	cfg.IgnoreTags = types.ListUnknown(ignoreTagsType)
	_, diags = resolveResourceDefaults(ctx, cfg)
	errorAt(t, diags, path.Root("ignore_tags"), "unknown")
}
