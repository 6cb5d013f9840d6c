package csms

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// listedSecretState builds the managed resource's state of a listed secret
// (for -generate-config-out).
type listedSecretState func(ctx context.Context, r hwc.ResourceInstance, policy framework.TagPolicy) (any, diag.Diagnostics)

// NewCSMSSecretListResource lists CSMS secrets for `terraform query`, filtered
// like the hwcloud_csms_secrets data source. The framework serves a list
// resource only next to a managed resource of the same name, so the provider
// registers it together with hwcloud_csms_secret, passing that resource's state builder.
func NewCSMSSecretListResource(state listedSecretState) func() list.ListResource {
	return func() list.ListResource {
		return &csmsSecretListResource{ListResourceBase: framework.NewListResourceBase(csmsSecretIdentity, ""), state: state}
	}
}

type csmsSecretListResource struct {
	framework.ListResourceBase // with its own schema: it takes arguments
	state                      listedSecretState
}

type csmsSecretListModel struct {
	Tags      map[string][]string `tfsdk:"tags"`
	NameMatch types.String        `tfsdk:"name_match"`
}

func (l *csmsSecretListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the CSMS secrets of the provider's project that match a tag filter and, " +
			"optionally, a name pattern, sorted by name, with their identity (`project_id`, `name`). With no " +
			"argument set, every secret is listed. The search pages through `ListResourceInstances` 1,000 " +
			"secrets at a time, like the `hwcloud_csms_secrets` data source.",
		Attributes: map[string]schema.Attribute{
			"tags": schema.MapAttribute{
				ElementType: types.ListType{ElemType: types.StringType},
				Optional:    true,
				MarkdownDescription: fmt.Sprintf("Tag filter: a map of tag key to the list of accepted values, e.g. "+
					"`{ env = [\"prod\"], team = [] }`. Keys are ANDed, the values of one key are ORed, and an "+
					"empty list accepts any value of that key. At most %d keys and %d unique values per key; keys "+
					"and values follow the same rules as in the `hwcloud_csms_secrets` data source (checked at "+
					"plan time).", secretTagMaxFilterKeys, secretTagMaxFilterValues),
			},
			"name_match": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Fuzzy match on the secret name, done by the service (a secret "+
					"matches when its name contains this text). 1 to %d characters.", secretNameMatchMaxLen),
			},
		},
	}
}

// ValidateListResourceConfig applies the data source's filter rules: list
// resource schemas cannot carry validators themselves.
func (l *csmsSecretListResource) ValidateListResourceConfig(ctx context.Context, req list.ValidateConfigRequest, resp *list.ValidateConfigResponse) {
	var tags types.Map
	var nameMatch types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags"), &tags)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name_match"), &nameMatch)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, v := range secretTagFilterValidators() {
		r := &validator.MapResponse{}
		v.ValidateMap(ctx, validator.MapRequest{Path: path.Root("tags"), PathExpression: path.MatchRoot("tags"),
			Config: req.Config, ConfigValue: tags}, r)
		resp.Diagnostics.Append(r.Diagnostics...)
	}
	for _, v := range secretNameMatchValidators() {
		r := &validator.StringResponse{}
		v.ValidateString(ctx, validator.StringRequest{Path: path.Root("name_match"),
			PathExpression: path.MatchRoot("name_match"), Config: req.Config, ConfigValue: nameMatch}, r)
		resp.Diagnostics.Append(r.Diagnostics...)
	}
}

func (l *csmsSecretListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	if !l.ListConfigured(stream) {
		return
	}
	var m csmsSecretListModel
	if diags := req.Config.Get(ctx, &m); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	q := csmsSecretsDataSourceModel{Tags: m.Tags, NameMatch: m.NameMatch}.query()
	produce := func(ctx context.Context, emit func(framework.Listed) bool) error {
		found, err := querySecrets(ctx, l.Data.Client, q)
		if err != nil {
			return err
		}
		policy := l.Data.TagPolicy()
		for _, r := range withoutIgnoredTags(found, policy) {
			state := func(ctx context.Context) (any, diag.Diagnostics) { return l.state(ctx, r, policy) }
			name := r.Name()
			if !emit(framework.Listed{DisplayName: name, Key: name, State: state}) {
				return nil
			}
		}
		return nil
	}
	l.Stream(ctx, req, stream, produce, "Listing CSMS secrets by tag failed")
}

// secretTagFilterValidators check a tag filter: key to the accepted values.
func secretTagFilterValidators() []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(secretTagMaxFilterKeys),
		mapvalidator.KeysAre(secretTagKeyValidators()...),
		mapvalidator.NoNullValues(),
		mapvalidator.ValueListsAre(
			listvalidator.SizeAtMost(secretTagMaxFilterValues),
			listvalidator.NoNullValues(),
			listvalidator.UniqueValues(),
			listvalidator.ValueStringsAre(secretTagValueValidators()...),
		),
	}
}

func secretNameMatchValidators() []validator.String {
	return []validator.String{stringvalidator.UTF8LengthBetween(1, secretNameMatchMaxLen)}
}
