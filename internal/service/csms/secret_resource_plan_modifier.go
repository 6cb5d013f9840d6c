package csms

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// expiresAtExample is the form expires_at takes, as every time the provider writes.
const expiresAtExample = "2030-01-02T03:04:05Z"

// expiresAtFormat checks that expires_at is RFC 3339 in UTC with whole
// seconds: the form the provider reads back, so a value in any other form
// (an offset, a fraction) would show a diff on every plan.
type expiresAtFormat struct{}

func (expiresAtFormat) Description(context.Context) string {
	return "must be an RFC 3339 time in UTC with whole seconds, such as " + expiresAtExample
}

func (v expiresAtFormat) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v expiresAtFormat) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if _, err := time.Parse(time.RFC3339, s); err != nil || !patterns.RFC3339UTC.MatchString(s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid expiry time",
			fmt.Sprintf("Attribute %s %s; got %q. Write it in UTC (a trailing Z) without fractions of a "+
				"second, so that it reads back exactly as written.", req.Path, v.Description(ctx), s))
	}
}

// expiresAtPlan checks a planned expiry change: a time that is not in the
// future is a warning (no source says the service refuses one; the event
// fires at once), and removing an expiry without a new version is an error,
// because CSMS has no call that removes one.
type expiresAtPlan struct{ now func() time.Time }

func (expiresAtPlan) Description(context.Context) string {
	return "Warns about an expiry that is not in the future; removing an expiry needs a new version (secret_wo_version)."
}

func (m expiresAtPlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m expiresAtPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || req.PlanValue.IsUnknown() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	if !req.PlanValue.IsNull() {
		if t, err := time.Parse(time.RFC3339, req.PlanValue.ValueString()); err == nil && !t.After(m.now()) {
			resp.Diagnostics.AddAttributeWarning(req.Path, "Expiry time is not in the future",
				fmt.Sprintf("%s is %s, which has already passed. The version is stored with this expiry, and an "+
					"event the secret subscribes to with SECRET_VERSION_EXPIRED notifies at once. If that is not "+
					"what you want, set a later time.", req.Path, req.PlanValue.ValueString()))
		}
		return
	}
	if req.State.Raw.IsNull() || req.StateValue.IsNull() {
		return
	}
	var planned, prior types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("secret_wo_version"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("secret_wo_version"), &prior)...)
	if !prior.IsNull() && !planned.IsUnknown() && !planned.Equal(prior) {
		return // a new version is stored without an expiry
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Cannot remove the expiry of the current version",
		fmt.Sprintf("The current version of this secret expires at %s (set by this configuration earlier, or "+
			"outside Terraform), and CSMS has no call that removes a version's expiry. To remove it, also change "+
			"secret_wo_version: the new version is stored without an expiry. To keep it, set expires_at = %q.",
			req.StateValue.ValueString(), req.StateValue.ValueString()))
}

// ModifyPlan plans tags_all: the provider's default tags merged with the
// planned tags, without the ignored keys (plannedTagsAll), and checks that the
// merged set respects the per-secret tag limit and that the defaults it adds
// follow the CSMS tag rules (checkDefaultTags).
func (r *csmsSecretResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var tags types.Map
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("tags"), &tags)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all := types.MapUnknown(types.StringType)
	if r.Data != nil { // unconfigured: the defaults are not known yet
		var diags diag.Diagnostics
		all, diags = plannedTagsAll(ctx, tags, r.Data.TagPolicy())
		resp.Diagnostics.Append(diags...)
	}
	if r.Data != nil {
		resp.Diagnostics.Append(checkDefaultTags(ctx, r.Data.TagPolicy(), tags)...)
	}
	if !all.IsUnknown() && len(all.Elements()) > csmsSecretMaxTags {
		resp.Diagnostics.AddAttributeError(path.Root("tags"), "Too many tags",
			fmt.Sprintf("A CSMS secret takes at most %d tags, and tags merged with the provider's default_tags "+
				"make %d (tags_all). Remove tags here or from default_tags, or ignore some (ignore_tags).",
				csmsSecretMaxTags, len(all.Elements())))
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("tags_all"), all)...)
}

// checkDefaultTags runs the rules of `tags` on the default tags a secret
// takes (those its own tags do not override, ignored keys left out): the
// provider block cannot know which service a default lands on, so a default
// CSMS would refuse fails the plan of each secret it would be sent with.
func checkDefaultTags(ctx context.Context, policy framework.TagPolicy, tags types.Map) diag.Diagnostics {
	if tags.IsUnknown() {
		return nil // its keys may override any default
	}
	var diags diag.Diagnostics
	own := tags.Elements()
	for _, k := range slices.Sorted(maps.Keys(policy.Defaults)) {
		if _, overridden := own[k]; overridden || policy.Ignored(k) {
			continue
		}
		at := path.Root("tags_all").AtMapKey(k)
		var found diag.Diagnostics
		for _, v := range secretTagKeyValidators() {
			r := &validator.StringResponse{}
			v.ValidateString(ctx, validator.StringRequest{Path: at, ConfigValue: types.StringValue(k)}, r)
			found.Append(r.Diagnostics...)
		}
		for _, v := range secretTagValueValidators() {
			r := &validator.StringResponse{}
			v.ValidateString(ctx, validator.StringRequest{Path: at, ConfigValue: types.StringValue(policy.Defaults[k])}, r)
			found.Append(r.Diagnostics...)
		}
		for _, d := range found.Errors() {
			diags.AddAttributeError(at, "Invalid default tag",
				fmt.Sprintf("The provider's default_tags give this secret the tag %q, which CSMS would refuse. %s. "+
					"Change it in default_tags, override it in this secret's tags, or name it in ignore_tags.",
					k, strings.TrimSuffix(d.Detail(), ".")))
		}
	}
	return diags
}

// plannedTagsAll is tags_all for the planned tags: unknown when tags or one
// of its values is; else policy.Merge of them.
func plannedTagsAll(ctx context.Context, tags types.Map, policy framework.TagPolicy) (types.Map, diag.Diagnostics) {
	if tags.IsUnknown() {
		return types.MapUnknown(types.StringType), nil
	}
	for _, v := range tags.Elements() {
		if v.IsUnknown() {
			return types.MapUnknown(types.StringType), nil
		}
	}
	configured, diags := stringMap(ctx, tags)
	if diags.HasError() {
		return types.MapUnknown(types.StringType), diags
	}
	all, d := types.MapValueFrom(ctx, types.StringType, policy.Merge(configured))
	diags.Append(d...)
	return all, diags
}
