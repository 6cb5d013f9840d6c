package csms

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// NewCSMSSecretsDataSource lists CSMS secrets by tag (ListResourceInstances).
func NewCSMSSecretsDataSource() datasource.DataSource {
	return &csmsSecretsDataSource{DataSourceBase: framework.NewDataSourceBase("csms_secrets")}
}

type csmsSecretsDataSource struct {
	framework.DataSourceBase
}

func (d *csmsSecretsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	states := "`" + strings.Join(secretStateValues, "`, `") + "`"
	computedString := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the CSMS secrets of the project that match a tag filter and, optionally, a " +
			"name pattern and a state. With no argument set, every secret of the project is listed. Results are " +
			"sorted by name (then id); no match gives empty lists, not an error. The search pages through " +
			"`ListResourceInstances` 1,000 secrets at a time.",
		Attributes: map[string]schema.Attribute{
			"tags": schema.MapAttribute{
				ElementType: types.ListType{ElemType: types.StringType},
				Optional:    true,
				MarkdownDescription: fmt.Sprintf("Tag filter: a map of tag key to the list of accepted values, e.g. "+
					"`{ env = [\"prod\", \"staging\"], team = [] }`. Keys are ANDed (a secret must carry every key), "+
					"the values of one key are ORed, and an empty list accepts any value of that key. At most %d keys "+
					"and %d unique values per key. A key has 1 to %d characters: letters, numbers and spaces of "+
					"any script and `_ . : = + - @`, no leading or trailing space, and it must not start with `%s`. "+
					"A value has at most %d characters: letters, numbers and spaces of any script and `_ . : / = + - @`.",
					secretTagMaxFilterKeys, secretTagMaxFilterValues, secretTagKeyMaxLen, secretTagSysPrefix,
					secretTagValueMaxLen),
				Validators: secretTagFilterValidators(),
			},
			"name_match": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Fuzzy match on the secret name, done by the service (a secret "+
					"matches when its name contains this text). 1 to %d characters.", secretNameMatchMaxLen),
				Validators: secretNameMatchValidators(),
			},
			"state": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Keep only secrets in this state: one of " + states + ". The service cannot " +
					"filter on state, so this filter is applied by the provider **after** the tag query: the " +
					"query still pages through every secret that matches `tags` and `name_match`.",
				Validators: []validator.String{stringvalidator.OneOf(secretStateValues...)},
			},
			"secrets": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching secrets, sorted by name, then id.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          computedString("Secret ID."),
					"name":        computedString("Secret name."),
					"state":       computedString("Secret state: one of " + states + "."),
					"description": computedString("Description of the secret."),
					"kms_key_id":  computedString("ID of the KMS key that encrypts the secret's values."),
					"secret_type": computedString("Secret type: `COMMON`, `RDS-FG` or `GaussDB-FG`."),
					"created_at":  computedString("Creation time, RFC 3339 in UTC."),
					"updated_at":  computedString("Last update time, RFC 3339 in UTC."),
					"scheduled_delete_time": computedString("When the secret will be deleted, RFC 3339 in UTC; " +
						"null unless the secret is `PENDING_DELETE`."),
					"auto_rotation": schema.BoolAttribute{Computed: true,
						MarkdownDescription: "Whether automatic rotation is on."},
					"rotation_period": computedString("Rotation period, e.g. `30d` or `12h` (empty when not set)."),
					"next_rotation_time": computedString("Next automatic rotation, RFC 3339 in UTC; null when " +
						"none is scheduled."),
					"event_subscriptions": schema.ListAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Names of the CSMS events the secret subscribes to (at most one)."},
					"enterprise_project_id": computedString("Enterprise project ID."),
					"tags": schema.MapAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "The secret's tags, key to value."},
					"sys_tags": schema.MapAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "System tags of the secret (e.g. `_sys_enterprise_project_id`), key to value."},
				}},
			},
			"ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "IDs of the matching secrets, in the order of `secrets`."},
			"names": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Names of the matching secrets, in the order of `secrets`."},
			"total_count": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Number of secrets in `secrets` (after the `state` filter)."},
		},
	}
}

// Read is the framework's way to the data source and the reference for the
// protocol server's direct read (DirectRead), which answers it in
// the provider binary; both share readSecretsState.
func (d *csmsSecretsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.Data == nil {
		AddNotConfiguredError(&resp.Diagnostics)
		return
	}
	var m csmsSecretsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	st, err := secretsStateTypesOf(resp.State.Schema.Type().TerraformType(ctx))
	if err != nil {
		AddResultBugError(&resp.Diagnostics, err)
		return
	}
	state, diags := readSecretsState(ctx, d.Data, st, req.Config.Raw, m.query())
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		resp.State.Raw = state
	}
}

// readSecretsState runs q and builds the data source's state from the
// configuration and the secrets found.
func readSecretsState(ctx context.Context, data *framework.ProviderData, st secretsStateTypes, config tftypes.Value,
	q secretsQuery,
) (tftypes.Value, diag.Diagnostics) {
	found, diags := findSecrets(ctx, data, q)
	if diags.HasError() {
		return tftypes.Value{}, diags
	}
	state, err := secretsStateValue(st, config, found)
	if err != nil {
		AddResultBugError(&diags, err)
	}
	return state, diags
}

// findSecrets runs q, leaving the provider's ignored tags out of the results
// (both read paths encode what it returns); a failure is the data source's
// error diagnostic.
func findSecrets(ctx context.Context, data *framework.ProviderData, q secretsQuery) ([]hwc.ResourceInstance, diag.Diagnostics) {
	var diags diag.Diagnostics
	found, err := querySecrets(data.LogContext(ctx), data.Client, q)
	if err != nil {
		framework.AddAPIError(&diags, "Listing CSMS secrets by tag failed", err,
			secretAPIHint(err, "ListResourceInstances", "Check the tags and name_match filters."))
	}
	return withoutIgnoredTags(found, data.TagPolicy()), diags
}

func AddNotConfiguredError(diags *diag.Diagnostics) {
	diags.AddError("Provider not configured",
		"The hwcloud provider was not configured before reading hwcloud_csms_secrets. This is a bug in the "+
			"provider; please report it.")
}

func AddResultBugError(diags *diag.Diagnostics, err error) {
	diags.AddError("Building the hwcloud_csms_secrets result failed",
		err.Error()+"\n\nThis is a bug in the provider; please report it.")
}

// secretAPIHint says what to do about a failed CSMS call: fix the credentials'
// permissions, fix the request (badRequest), or retry a failing service.
func secretAPIHint(err error, operation, badRequest string) string {
	switch {
	case errors.Is(err, hwc.ErrListKeptGrowing):
		return "Secrets matching the filter were being created faster than they could be listed. Try again " +
			"when the set is stable, or narrow the filter."
	case hwc.IsUnauthorized(err):
		return fmt.Sprintf("Check the credentials and that they may call CSMS %s in this project.", operation)
	case hwc.IsRefused(err):
		return "The service rejected the request. " + badRequest
	}
	return "The service or the network kept failing after retries; try again later (max_retries sets how often " +
		"a call is retried)."
}
