package floor_test

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/bench/floor"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/provider"
)

func hwcloudSchemas(t *testing.T) *tfprotov6.GetProviderSchemaResponse {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("%v %v", err, resp.Diagnostics)
	}
	return resp
}

type flags struct{ optional, computed, required, sensitive bool }

// attributeFlags maps every attribute path to its flags, nested ones included.
func attributeFlags(prefix string, attrs []*tfprotov6.SchemaAttribute, out map[string]flags) map[string]flags {
	for _, a := range attrs {
		out[prefix+a.Name] = flags{a.Optional, a.Computed, a.Required, a.Sensitive}
		if a.NestedType != nil {
			attributeFlags(prefix+a.Name+".", a.NestedType.Attributes, out)
		}
	}
	return out
}

func requireSameSchema(t *testing.T, what string, got, want *tfprotov6.Schema) {
	t.Helper()
	if !got.ValueType().Equal(want.ValueType()) {
		t.Errorf("%s: floor type %s, hwcloud type %s", what, got.ValueType(), want.ValueType())
	}
	g := attributeFlags("", got.Block.Attributes, map[string]flags{})
	w := attributeFlags("", want.Block.Attributes, map[string]flags{})
	for name, wf := range w {
		if g[name] != wf {
			t.Errorf("%s.%s: floor %+v, hwcloud %+v", what, name, g[name], wf)
		}
	}
	if len(g) != len(w) || len(got.Block.BlockTypes) != len(want.Block.BlockTypes) {
		t.Errorf("%s: floor has %d attributes and %d blocks, hwcloud %d and %d", what,
			len(g), len(got.Block.BlockTypes), len(w), len(want.Block.BlockTypes))
	}
}

// The floor is only a yardstick if it answers exactly what hwcloud answers.
func TestSchemasMatchTheProvider(t *testing.T) {
	t.Parallel()
	hw := hwcloudSchemas(t)
	requireSameSchema(t, floor.DataSourceType, floor.DataSourceSchema(), hw.DataSourceSchemas[floor.DataSourceType])
	requireSameSchema(t, "provider", floor.ProviderSchema(), hw.Provider)
}

func TestReadDataSourceAnswersThePrebuiltSecrets(t *testing.T) {
	t.Parallel()
	const n = 25
	server := floor.New(floor.BenchSecrets(n, time.Unix(1700000000, 0)))
	typ := floor.DataSourceSchema().ValueType().(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	tags := tftypes.NewValue(typ.AttributeTypes["tags"], map[string]tftypes.Value{
		"bench": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "match")}),
	})
	attrs["tags"] = tags
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: floor.DataSourceType, Config: &config})
	if err != nil {
		t.Fatal(err)
	}
	state, err := resp.State.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]tftypes.Value
	if err := state.As(&got); err != nil {
		t.Fatal(err)
	}
	var secrets, ids []tftypes.Value
	if err := got["secrets"].As(&secrets); err != nil {
		t.Fatal(err)
	}
	if err := got["ids"].As(&ids); err != nil {
		t.Fatal(err)
	}
	if len(secrets) != n || len(ids) != n || !got["tags"].Equal(tags) || !got["name_match"].IsNull() {
		t.Fatalf("answer: %d secrets, %d ids, tags %v, name_match %v", len(secrets), len(ids), got["tags"], got["name_match"])
	}
}
