package csms

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// csmsSecretsStateTypes are the data source's types, from its framework schema.
var csmsSecretsStateTypes = sync.OnceValues(func() (secretsStateTypes, error) {
	ctx := context.Background()
	var resp datasource.SchemaResponse
	NewCSMSSecretsDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
	return secretsStateTypesOf(resp.Schema.Type().TerraformType(ctx))
})

// DirectRead is Read without the framework around it (the provider's
// protocol server calls it). After a data source's Read the framework
// compares, copies and walks the whole result several times (semantic
// equality, null-block reification), which for thousands of secrets costs
// several times the read itself; this writes the state's wire encoding from
// the secrets found (encodeSecretsState) and does nothing else. Like the
// framework, it answers an error with the configuration as the state.
func (d *csmsSecretsDataSource) DirectRead(ctx context.Context, data *framework.ProviderData, req *tfprotov6.ReadDataSourceRequest) *tfprotov6.ReadDataSourceResponse {
	resp := &tfprotov6.ReadDataSourceResponse{State: req.Config}
	fail := func(diags diag.Diagnostics) *tfprotov6.ReadDataSourceResponse {
		resp.Diagnostics = framework.ProtocolDiagnostics(diags)
		return resp
	}
	var diags diag.Diagnostics
	st, err := csmsSecretsStateTypes()
	if err != nil {
		AddResultBugError(&diags, err)
		return fail(diags)
	}
	if req.Config == nil {
		diags.AddError("Missing configuration", "Terraform sent no configuration for hwcloud_csms_secrets. "+
			"This is a bug in the provider or in Terraform; please report it.")
		return fail(diags)
	}
	config, err := req.Config.Unmarshal(st.state)
	if err != nil {
		diags.AddError("Reading the hwcloud_csms_secrets configuration failed", err.Error())
		return fail(diags)
	}
	if data == nil {
		AddNotConfiguredError(&diags)
		return fail(diags)
	}
	q, err := secretsQueryFromConfig(config)
	if err != nil {
		diags.AddError("Reading the hwcloud_csms_secrets configuration failed", err.Error())
		return fail(diags)
	}
	found, diags := findSecrets(ctx, data, q)
	if diags.HasError() {
		return fail(diags)
	}
	encoded, err := encodeSecretsState(st, config, found)
	if err != nil {
		AddResultBugError(&diags, err)
		return fail(diags)
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: encoded}
	resp.Diagnostics = framework.ProtocolDiagnostics(diags)
	return resp
}

// secretsQueryFromConfig is csmsSecretsDataSourceModel.query read straight
// from the configuration value (null arguments are unset).
func secretsQueryFromConfig(config tftypes.Value) (secretsQuery, error) {
	var args map[string]tftypes.Value
	if err := config.As(&args); err != nil {
		return secretsQuery{}, err
	}
	var q secretsQuery
	if err := args["name_match"].As(&q.NameMatch); err != nil {
		return secretsQuery{}, fmt.Errorf("name_match: %w", err)
	}
	if err := args["state"].As(&q.State); err != nil {
		return secretsQuery{}, fmt.Errorf("state: %w", err)
	}
	var tags map[string]tftypes.Value
	if err := args["tags"].As(&tags); err != nil {
		return secretsQuery{}, fmt.Errorf("tags: %w", err)
	}
	for _, key := range slices.Sorted(maps.Keys(tags)) {
		var list []tftypes.Value
		if err := tags[key].As(&list); err != nil {
			return secretsQuery{}, fmt.Errorf("tags[%q]: %w", key, err)
		}
		filter := hwc.TagFilter{Key: key, Values: make([]string, len(list))}
		for i, v := range list {
			if err := v.As(&filter.Values[i]); err != nil {
				return secretsQuery{}, fmt.Errorf("tags[%q][%d]: %w", key, i, err)
			}
		}
		q.Tags = append(q.Tags, filter)
	}
	return q, nil
}
