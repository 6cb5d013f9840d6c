package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// csmsSecretsTypeName is the data source the protocol server reads itself.
const csmsSecretsTypeName = "hwcloud_csms_secrets"

// NewProtocol6Server is the provider's protocol server: the framework's,
// except that ReadDataSource for hwcloud_csms_secrets is answered directly.
// After a data source's Read the framework compares, copies and walks the
// whole result several times (semantic equality, null-block reification),
// which for thousands of secrets costs several times the read itself; the
// direct read writes the state's wire encoding from the secrets found and
// does nothing else (encodeSecretsState). Schemas, validation,
// configuration and every other call stay with the framework.
// main, the acceptance harness and the benchmarks all serve this.
func NewProtocol6Server(version string, opts ...Option) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p := newProvider(version, opts...)
		server, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		framework, ok := server.(frameworkProtocol6)
		if !ok {
			return nil, fmt.Errorf("the framework's protocol server (%T) lacks list, action or state-store support", server)
		}
		return &protocol6Server{frameworkProtocol6: framework, provider: p}, nil
	}
}

// ServeProtocol6 serves NewProtocol6Server(version, opts...) as a plugin
// under address, as main does (and the acceptance harness when Terraform
// starts the test binary as its plugin); debug serves for a debugger.
func ServeProtocol6(address, version string, debug bool, opts ...Option) error {
	server, err := NewProtocol6Server(version, opts...)()
	if err != nil {
		return err
	}
	var serveOpts []tf6server.ServeOpt
	if debug {
		serveOpts = append(serveOpts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer { return server }, serveOpts...)
}

// frameworkProtocol6 is every protocol interface the framework's server
// implements: tf6server finds list resources, actions and state stores by
// type assertion, so the wrapper must embed them all, not only ProviderServer.
type frameworkProtocol6 interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

type protocol6Server struct {
	frameworkProtocol6 // the framework's server: everything not overridden here
	provider           *hwcloudProvider
}

// csmsSecretsStateTypes are the data source's types, from its framework schema.
var csmsSecretsStateTypes = sync.OnceValues(func() (secretsStateTypes, error) {
	ctx := context.Background()
	var resp datasource.SchemaResponse
	NewCSMSSecretsDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
	return secretsStateTypesOf(resp.Schema.Type().TerraformType(ctx))
})

func (s *protocol6Server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if req.TypeName != csmsSecretsTypeName {
		return s.frameworkProtocol6.ReadDataSource(ctx, req)
	}
	return readCSMSSecretsDirect(ctx, s.provider.configured.Load(), req), nil
}

// readCSMSSecretsDirect is csmsSecretsDataSource.Read without the framework
// around it. Like the framework, it answers an error with the configuration
// as the state.
func readCSMSSecretsDirect(ctx context.Context, data *providerData, req *tfprotov6.ReadDataSourceRequest) *tfprotov6.ReadDataSourceResponse {
	resp := &tfprotov6.ReadDataSourceResponse{State: req.Config}
	fail := func(diags diag.Diagnostics) *tfprotov6.ReadDataSourceResponse {
		resp.Diagnostics = protocolDiagnostics(diags)
		return resp
	}
	var diags diag.Diagnostics
	st, err := csmsSecretsStateTypes()
	if err != nil {
		addResultBugError(&diags, err)
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
		addNotConfiguredError(&diags)
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
		addResultBugError(&diags, err)
		return fail(diags)
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: encoded}
	resp.Diagnostics = protocolDiagnostics(diags)
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

// protocolDiagnostics converts diagnostics the way the framework does for
// diagnostics without an attribute path.
func protocolDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		severity := tfprotov6.DiagnosticSeverityWarning
		if d.Severity() == diag.SeverityError {
			severity = tfprotov6.DiagnosticSeverityError
		}
		out = append(out, &tfprotov6.Diagnostic{Severity: severity, Summary: d.Summary(), Detail: d.Detail()})
	}
	return out
}
