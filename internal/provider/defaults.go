package provider

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// The provider-wide defaults of resources: the enterprise project, default
// tags and ignored tags. Kept apart from the credentials and endpoints.

const envEnterpriseProjectID = "HW_ENTERPRISE_PROJECT_ID"

// resourceDefaults are the resolved defaults, handed on in framework.ProviderData.
type resourceDefaults struct {
	enterpriseProjectID string
	tags                framework.TagPolicy
}

type defaultTagsModel struct {
	Tags types.Map `tfsdk:"tags"`
}

type ignoreTagsModel struct {
	Keys        types.Set `tfsdk:"keys"`
	KeyPrefixes types.Set `tfsdk:"key_prefixes"`
}

// addResourceDefaultsSchema adds enterprise_project_id, default_tags and ignore_tags to s.
func addResourceDefaultsSchema(s *schema.Schema) {
	if s.Attributes == nil {
		s.Attributes = map[string]schema.Attribute{}
	}
	if s.Blocks == nil {
		s.Blocks = map[string]schema.Block{}
	}
	s.Attributes["enterprise_project_id"] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Enterprise project in which resources that take one (`hwcloud_csms_secret`) are " +
			"created when they do not set their own `enterprise_project_id`, 1–36 characters (usually `0`, the " +
			"default project, or a UUID). Can also be set with `" + envEnterpriseProjectID + "`. Precedence: the " +
			"resource's own value, else this one, else the service's default (`0`). The state records the value " +
			"the service used. Only used when a resource is created: changing it later moves nothing.",
		Validators: []validator.String{stringvalidator.RegexMatches(patterns.EnterpriseProjectID,
			"must be 1 to 36 characters")},
	}
	s.Blocks["default_tags"] = atMostOneBlock(
		"Tags applied to every taggable resource (`hwcloud_csms_secret`), at most one block. "+
			"A resource's own `tags` win on the same key. The resource's `tags` stay exactly what its "+
			"configuration says; its computed `tags_all` holds the merged set, which is what is sent. Each "+
			"resource checks the defaults it takes against its service's tag rules at plan time.",
		map[string]schema.Attribute{
			"tags": schema.MapAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The default tags, key to value.",
			},
		})
	s.Blocks["ignore_tags"] = atMostOneBlock(
		"Tag keys the provider leaves alone on every taggable resource, for tags that "+
			"something else manages (a tag policy, another tool), at most one block. An ignored tag is never "+
			"sent, never removed, and never shown as drift: refreshes leave it out of `tags` and `tags_all`, and "+
			"list resources and data sources leave it out of their results. Do not configure an ignored key in "+
			"`tags` or `default_tags`: it is not sent, and the plan would never be empty.",
		map[string]schema.Attribute{
			"keys":         tagKeySet("Tag keys ignored exactly."),
			"key_prefixes": tagKeySet("Tag key prefixes: every key that starts with one of them is ignored."),
		})
}

// atMostOneBlock is an optional list block of attrs that may appear once.
func atMostOneBlock(description string, attrs map[string]schema.Attribute) schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: description,
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject:        schema.NestedBlockObject{Attributes: attrs},
	}
}

// tagKeySet is an optional set of non-empty tag keys (or key prefixes).
func tagKeySet(description string) schema.SetAttribute {
	return schema.SetAttribute{
		Optional:            true,
		ElementType:         types.StringType,
		MarkdownDescription: description,
		Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
	}
}

// resolveResourceDefaults reads enterprise_project_id (or its environment
// variable), default_tags and ignore_tags. An unknown value is an error, as
// for every provider argument.
func resolveResourceDefaults(ctx context.Context, cfg providerModel) (resourceDefaults, diag.Diagnostics) {
	var diags diag.Diagnostics
	var out resourceDefaults
	unknown := func(p path.Path) {
		diags.AddAttributeError(p, "Unknown provider argument",
			fmt.Sprintf("The provider cannot be configured because %s is unknown until apply (it depends on a "+
				"value that is not known yet). Use a literal or a variable.", p))
	}

	switch {
	case cfg.EnterpriseProjectID.IsUnknown():
		unknown(path.Root("enterprise_project_id"))
	case !cfg.EnterpriseProjectID.IsNull():
		out.enterpriseProjectID = cfg.EnterpriseProjectID.ValueString()
	default:
		if v, ok := os.LookupEnv(envEnterpriseProjectID); ok && v != "" {
			if !patterns.EnterpriseProjectID.MatchString(v) {
				diags.AddAttributeError(path.Root("enterprise_project_id"), "Invalid "+envEnterpriseProjectID,
					fmt.Sprintf("%s must be 1 to 36 characters, got %d.", envEnterpriseProjectID, len([]rune(v))))
			}
			out.enterpriseProjectID = v
		}
	}

	for i, d := range blockElements[defaultTagsModel](ctx, cfg.DefaultTags, "default_tags", unknown, &diags) {
		p := path.Root("default_tags").AtListIndex(i).AtName("tags")
		if d.Tags.IsUnknown() || containsUnknown(slices.Collect(maps.Values(d.Tags.Elements()))) {
			unknown(p)
			continue
		}
		if d.Tags.IsNull() {
			continue
		}
		m := map[string]string{}
		diags.Append(d.Tags.ElementsAs(ctx, &m, false)...)
		out.tags.Defaults = m
	}

	for i, ig := range blockElements[ignoreTagsModel](ctx, cfg.IgnoreTags, "ignore_tags", unknown, &diags) {
		for name, set := range map[string]types.Set{"keys": ig.Keys, "key_prefixes": ig.KeyPrefixes} {
			p := path.Root("ignore_tags").AtListIndex(i).AtName(name)
			if set.IsUnknown() || containsUnknown(set.Elements()) {
				unknown(p)
				continue
			}
			if set.IsNull() {
				continue
			}
			var values []string
			diags.Append(set.ElementsAs(ctx, &values, false)...)
			if name == "keys" {
				out.tags.IgnoreKeys = values
			} else {
				out.tags.IgnoreKeyPrefixes = values
			}
		}
	}
	return out, diags
}

// blockElements is the list block name read into its models: none when it is
// null, and none with the block reported to unknown when it is unknown.
func blockElements[T any](ctx context.Context, block types.List, name string, unknown func(path.Path),
	diags *diag.Diagnostics,
) []T {
	var out []T
	switch {
	case block.IsUnknown():
		unknown(path.Root(name))
	case !block.IsNull():
		diags.Append(block.ElementsAs(ctx, &out, false)...)
	}
	return out
}

func containsUnknown(values []attr.Value) bool {
	for _, v := range values {
		if v.IsUnknown() {
			return true
		}
	}
	return false
}

// apply hands the defaults to the resources.
func (d resourceDefaults) apply(data *framework.ProviderData) {
	data.EnterpriseProjectID = d.enterpriseProjectID
	data.Tags = d.tags
}
