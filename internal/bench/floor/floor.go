// Package floor is the benchmark's yardstick: the cheapest provider that can
// answer a plan of hwcloud_csms_secrets. It is built on terraform-plugin-go
// alone (no framework, no API client), declares exactly the data source's
// schema, and builds its answer for N secrets when Terraform configures it,
// before Terraform asks for the data (processes that only validate never
// build it); a read only copies the configured arguments in and encodes the
// value. A plan against it costs what Terraform itself costs (start-up,
// schema, decoding and storing N objects) plus the protocol encoding every
// provider pays, so hwcloud's wall time over the floor's is the overhead the
// provider adds.
package floor

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// DataSourceType is the one data source the floor serves.
const DataSourceType = "hwcloud_csms_secrets"

// EnvSecrets names the environment variable that tells the floor how many
// secrets to answer with.
const EnvSecrets = "HWCLOUD_BENCH_FLOOR_SECRETS"

var (
	stringList = tftypes.List{ElementType: tftypes.String}
	stringMap  = tftypes.Map{ElementType: tftypes.String}
)

func optional(name string, t tftypes.Type) *tfprotov6.SchemaAttribute {
	return &tfprotov6.SchemaAttribute{Name: name, Type: t, Optional: true}
}

func computed(name string, t tftypes.Type) *tfprotov6.SchemaAttribute {
	return &tfprotov6.SchemaAttribute{Name: name, Type: t, Computed: true}
}

// secretAttributes are the attributes of one element of secrets, in the
// order the framework sends them (sorted by name).
func secretAttributes() []*tfprotov6.SchemaAttribute {
	return []*tfprotov6.SchemaAttribute{
		computed("auto_rotation", tftypes.Bool),
		computed("created_at", tftypes.String),
		computed("description", tftypes.String),
		computed("enterprise_project_id", tftypes.String),
		computed("event_subscriptions", stringList),
		computed("id", tftypes.String),
		computed("kms_key_id", tftypes.String),
		computed("name", tftypes.String),
		computed("next_rotation_time", tftypes.String),
		computed("rotation_period", tftypes.String),
		computed("scheduled_delete_time", tftypes.String),
		computed("secret_type", tftypes.String),
		computed("state", tftypes.String),
		computed("sys_tags", stringMap),
		computed("tags", stringMap),
		computed("updated_at", tftypes.String),
	}
}

// DataSourceSchema is hwcloud_csms_secrets' schema without its descriptions.
func DataSourceSchema() *tfprotov6.Schema {
	return &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
		computed("ids", stringList),
		optional("name_match", tftypes.String),
		computed("names", stringList),
		{Name: "secrets", Computed: true, NestedType: &tfprotov6.SchemaObject{
			Nesting: tfprotov6.SchemaObjectNestingModeList, Attributes: secretAttributes()}},
		optional("state", tftypes.String),
		optional("tags", tftypes.Map{ElementType: stringList}),
		computed("total_count", tftypes.Number),
	}}}
}

// ProviderSchema accepts the hwcloud provider block the benchmark writes
// (the floor ignores it).
func ProviderSchema() *tfprotov6.Schema {
	endpoint := func(name string) *tfprotov6.SchemaAttribute { return optional(name, tftypes.String) }
	return &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
		optional("access_key", tftypes.String),
		optional("batch_reads", tftypes.Bool),
		{Name: "auth_token", Type: tftypes.String, Optional: true, Sensitive: true},
		optional("cacert_file", tftypes.String),
		optional("cert", tftypes.String),
		optional("enterprise_project_id", tftypes.String),
		{Name: "endpoints", Optional: true, NestedType: &tfprotov6.SchemaObject{
			Nesting:    tfprotov6.SchemaObjectNestingModeSingle,
			Attributes: []*tfprotov6.SchemaAttribute{endpoint("csms"), endpoint("cts"), endpoint("iam"), endpoint("sts")}}},
		optional("insecure", tftypes.Bool),
		{Name: "key", Type: tftypes.String, Optional: true, Sensitive: true},
		optional("max_retries", tftypes.Number),
		optional("profile", tftypes.String),
		optional("project_id", tftypes.String),
		optional("region", tftypes.String),
		{Name: "secret_key", Type: tftypes.String, Optional: true, Sensitive: true},
		{Name: "security_token", Type: tftypes.String, Optional: true, Sensitive: true},
		optional("shared_config_file", tftypes.String),
		optional("skip_credentials_validation", tftypes.Bool),
	}, BlockTypes: []*tfprotov6.SchemaNestedBlock{{
		TypeName: "assume_role",
		Nesting:  tfprotov6.SchemaNestedBlockNestingModeList,
		Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
			{Name: "agency_name", Type: tftypes.String, Required: true},
			optional("domain_id", tftypes.String),
			optional("domain_name", tftypes.String),
			optional("duration", tftypes.Number),
			optional("session_user", tftypes.String),
		}},
	}, {
		TypeName: "default_tags",
		Nesting:  tfprotov6.SchemaNestedBlockNestingModeList,
		Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
			optional("tags", tftypes.Map{ElementType: tftypes.String}),
		}},
	}, {
		TypeName: "ignore_tags",
		Nesting:  tfprotov6.SchemaNestedBlockNestingModeList,
		Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
			optional("key_prefixes", tftypes.Set{ElementType: tftypes.String}),
			optional("keys", tftypes.Set{ElementType: tftypes.String}),
		}},
	}}}}
}

// Secret is one prebuilt element of secrets; the fields are what the
// emulator answers for a benchmark seed.
type Secret struct {
	ID, Name, Team string
	Created        time.Time
}

// BenchSecrets are the n secrets the benchmark seeds, as the emulator
// describes them (same names, tags and field lengths; ids are made up).
func BenchSecrets(n int, created time.Time) []Secret {
	out := make([]Secret, n)
	for i := range out {
		out[i] = Secret{
			ID:   fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i),
			Name: "bench-" + strconv.Itoa(i), Team: "t" + strconv.Itoa(i%7), Created: created,
		}
	}
	return out
}

// Server is the floor provider.
type Server struct {
	schema  *tfprotov6.Schema
	state   tftypes.Object
	secrets []Secret
	build   sync.Once
	results map[string]tftypes.Value // secrets, ids, names, total_count
}

var _ tfprotov6.ProviderServer = (*Server)(nil)

// New is a floor that answers with secrets.
func New(secrets []Secret) *Server {
	s := &Server{schema: DataSourceSchema(), secrets: secrets}
	s.state = s.schema.ValueType().(tftypes.Object)
	return s
}

// buildResults builds the answer once (on configure, or on the first read).
func (s *Server) buildResults() { s.build.Do(s.buildResultsNow) }

func (s *Server) buildResultsNow() {
	secrets := s.secrets
	list := s.state.AttributeTypes["secrets"].(tftypes.List)
	item := list.ElementType.(tftypes.Object)
	null := tftypes.NewValue(tftypes.String, nil)
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	items := make([]tftypes.Value, len(secrets))
	ids := make([]tftypes.Value, len(secrets))
	names := make([]tftypes.Value, len(secrets))
	for i, sec := range secrets {
		created := str(sec.Created.UTC().Format(time.RFC3339))
		ids[i], names[i] = str(sec.ID), str(sec.Name)
		items[i] = tftypes.NewValue(item, map[string]tftypes.Value{
			"auto_rotation":         tftypes.NewValue(tftypes.Bool, false),
			"created_at":            created,
			"description":           str("benchmark secret"),
			"enterprise_project_id": str("0"),
			"event_subscriptions":   tftypes.NewValue(stringList, []tftypes.Value{}),
			"id":                    ids[i],
			"kms_key_id":            str("5d7cb1a5-0c6f-4a3e-9a57-c5a5defa0001"),
			"name":                  names[i],
			"next_rotation_time":    null,
			"rotation_period":       str(""),
			"scheduled_delete_time": null,
			"secret_type":           str("COMMON"),
			"state":                 str("ENABLED"),
			"sys_tags":              tftypes.NewValue(stringMap, map[string]tftypes.Value{}),
			"tags": tftypes.NewValue(stringMap, map[string]tftypes.Value{
				"bench": str("match"), "team": str(sec.Team)}),
			"updated_at": created,
		})
	}
	s.results = map[string]tftypes.Value{
		"secrets":     tftypes.NewValue(list, items),
		"ids":         tftypes.NewValue(stringList, ids),
		"names":       tftypes.NewValue(stringList, names),
		"total_count": tftypes.NewValue(tftypes.Number, int64(len(secrets))),
	}
}

func (s *Server) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return &tfprotov6.GetMetadataResponse{
		ServerCapabilities: &tfprotov6.ServerCapabilities{GetProviderSchemaOptional: true},
		DataSources:        []tfprotov6.DataSourceMetadata{{TypeName: DataSourceType}},
	}, nil
}

func (s *Server) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return &tfprotov6.GetProviderSchemaResponse{
		ServerCapabilities: &tfprotov6.ServerCapabilities{GetProviderSchemaOptional: true},
		Provider:           ProviderSchema(),
		DataSourceSchemas:  map[string]*tfprotov6.Schema{DataSourceType: s.schema},
	}, nil
}

func (s *Server) ReadDataSource(_ context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	s.buildResults()
	config, err := req.Config.Unmarshal(s.state)
	if err != nil {
		return nil, err
	}
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return nil, err
	}
	for name, v := range s.results {
		attrs[name] = v
	}
	state, err := tfprotov6.NewDynamicValue(s.state, tftypes.NewValue(s.state, attrs))
	if err != nil {
		return nil, err
	}
	return &tfprotov6.ReadDataSourceResponse{State: &state}, nil
}

// Every other call succeeds with nothing to say.

func (s *Server) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{}, nil
}

func (s *Server) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

func (s *Server) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	s.buildResults()
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

func (s *Server) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

func (s *Server) ValidateDataResourceConfig(context.Context, *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return &tfprotov6.ValidateDataResourceConfigResponse{}, nil
}

func (s *Server) GetFunctions(context.Context, *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return &tfprotov6.GetFunctionsResponse{}, nil
}

func (s *Server) CallFunction(context.Context, *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return &tfprotov6.CallFunctionResponse{}, nil
}
