package csms

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// variedSecrets covers what the conversion has to get right: user and system
// tags (empty value, unicode), no tags at all, every optional time set and
// unset, subscriptions, empty strings and a detail-less entry.
func variedSecrets() []hwc.ResourceInstance {
	deleteAt := int64(1581507580000)
	return []hwc.ResourceInstance{
		{
			ResourceID: "id-1", ResourceName: "db-password",
			Secret: hwc.Secret{ID: "id-1", Name: "db-password", State: "PENDING_DELETE", Description: "d",
				KMSKeyID: "k1", SecretType: "COMMON", CreateTime: 1581507580000, UpdateTime: 1581507581000,
				ScheduledDeleteTime: &deleteAt, AutoRotation: true, RotationPeriod: "30d",
				NextRotationTime: 1581507582000, EventSubscriptions: []string{"ev1"}, EnterpriseProjectID: "0"},
			Tags:    []hwc.Tag{{Key: "env", Value: "prod"}, {Key: "empty", Value: ""}},
			SysTags: []hwc.Tag{{Key: "_sys_enterprise_project_id", Value: "0"}},
		},
		{
			ResourceID: "id-2", ResourceName: "密钥-ünïcode",
			Secret: hwc.Secret{ID: "id-2", Name: "密钥-ünïcode", State: "ENABLED", Description: "描述 ✓ \"quoted\"\n",
				SecretType: "RDS-FG", CreateTime: 1, UpdateTime: 1700000000123, EventSubscriptions: []string{}},
			Tags: []hwc.Tag{{Key: "团队", Value: "数据库"}, {Key: "emoji", Value: "🔐"}},
		},
		{ResourceID: "id-3", ResourceName: "plain", Secret: hwc.Secret{ID: "id-3", Name: "plain", State: "DISABLED"}},
		{ResourceID: "id-4", ResourceName: "detail-less"},
		{
			ResourceID: "id-5", ResourceName: "frozen",
			Secret: hwc.Secret{ID: "id-5", Name: "frozen", State: "FROZEN", KMSKeyID: "", SecretType: "GaussDB-FG",
				CreateTime: 1581507580000, NextRotationTime: 0, RotationPeriod: "12h", EnterpriseProjectID: "ep-1"},
			Tags:    []hwc.Tag{},
			SysTags: []hwc.Tag{{Key: "_sys_enterprise_project_id", Value: "ep-1"}, {Key: "_sys_other", Value: "x y"}},
		},
	}
}

func secretsConfigs() map[string]csmsSecretsDataSourceModel {
	return map[string]csmsSecretsDataSourceModel{
		"no arguments": {NameMatch: types.StringNull(), State: types.StringNull()},
		"every argument": {
			Tags:      map[string][]string{"env": {"prod", "staging"}, "team": {}},
			NameMatch: types.StringValue("db"), State: types.StringValue("ENABLED"),
		},
	}
}

// referenceSecretsState is the straightforward conversion: the model struct
// through the framework's reflection.
func referenceSecretsState(t testing.TB, cfg csmsSecretsDataSourceModel, found []hwc.ResourceInstance) tfsdk.State {
	t.Helper()
	st := tfsdk.State{Schema: csmsSecretsSchema(t)}
	m := cfg
	m.setResults(found)
	if diags := st.Set(context.Background(), &m); diags.HasError() {
		t.Fatal(diags)
	}
	return st
}

// configValue is the configuration Terraform would send for cfg (computed
// attributes null).
func configValue(t testing.TB, cfg csmsSecretsDataSourceModel) tftypes.Value {
	t.Helper()
	c := tfsdk.State{Schema: csmsSecretsSchema(t)}
	if diags := c.Set(context.Background(), &cfg); diags.HasError() {
		t.Fatal(diags)
	}
	var attrs map[string]tftypes.Value
	if err := c.Raw.As(&attrs); err != nil {
		t.Fatal(err)
	}
	for _, computed := range []string{"secrets", "ids", "names", "total_count"} {
		attrs[computed] = tftypes.NewValue(attrs[computed].Type(), nil)
	}
	return tftypes.NewValue(c.Raw.Type(), attrs)
}

func fastSecretsState(t testing.TB, config tftypes.Value, found []hwc.ResourceInstance) tftypes.Value {
	t.Helper()
	st, err := secretsStateTypesOf(csmsSecretsSchema(t).Type().TerraformType(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	v, err := secretsStateValue(st, config, found)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSecretsStateValue_EqualsReferenceConversion(t *testing.T) {
	t.Parallel()
	results := map[string][]hwc.ResourceInstance{
		"varied":   variedSecrets(),
		"no match": nil,
		"many":     benchSecretsWire(50),
	}
	for cfgName, cfg := range secretsConfigs() {
		for resName, found := range results {
			t.Run(cfgName+"/"+resName, func(t *testing.T) {
				t.Parallel()
				want := referenceSecretsState(t, cfg, found).Raw
				got := fastSecretsState(t, configValue(t, cfg), found)
				if !got.Equal(want) {
					diffs, err := got.Diff(want)
					t.Fatalf("fast path differs from the reference conversion (%v):\n%v", err, diffs)
				}
			})
		}
	}
}

// The comparison above is only as good as its power to notice a difference.
func TestSecretsStateValue_ComparisonNoticesADifference(t *testing.T) {
	t.Parallel()
	cfg := secretsConfigs()["every argument"]
	found := variedSecrets()
	want := referenceSecretsState(t, cfg, found).Raw
	changed := variedSecrets()
	changed[1].Tags[0].Value = "数据"
	if fastSecretsState(t, configValue(t, cfg), changed).Equal(want) {
		t.Fatal("a changed tag value compared equal")
	}
}

func TestSecretsStateTypesOf_RejectsOtherShapes(t *testing.T) {
	t.Parallel()
	for _, typ := range []tftypes.Type{
		tftypes.String,
		tftypes.Object{AttributeTypes: map[string]tftypes.Type{"secrets": tftypes.String}},
		tftypes.Object{AttributeTypes: map[string]tftypes.Type{"secrets": tftypes.List{ElementType: tftypes.String}}},
	} {
		if _, err := secretsStateTypesOf(typ); err == nil {
			t.Errorf("%s accepted", typ)
		}
	}
}

// benchSecrets is what the emulator answers for the benchmark's seeds, in
// the shape of the wire (every field a real secret has).
func benchSecretsWire(n int) []hwc.ResourceInstance {
	out := make([]hwc.ResourceInstance, n)
	for i := range out {
		id := fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i)
		name := "bench-" + strconv.Itoa(i)
		out[i] = hwc.ResourceInstance{
			ResourceID: id, ResourceName: name,
			Secret: hwc.Secret{ID: id, Name: name, State: "ENABLED", Description: "benchmark secret",
				KMSKeyID: "5f8b8cd0-7e34-4ea5-9ef4-7a2b9c1d0e11", SecretType: "COMMON",
				CreateTime: 1700000000000 + int64(i), UpdateTime: 1700000000000 + int64(i),
				EventSubscriptions: []string{}, EnterpriseProjectID: "0"},
			Tags:    []hwc.Tag{{Key: "bench", Value: "match"}, {Key: "team", Value: "t" + strconv.Itoa(i%7)}},
			SysTags: []hwc.Tag{},
		}
	}
	return out
}

// BenchmarkSecretsState compares the fast path with the reflection-based
// reference on 10,000 secrets (go test -bench SecretsState -benchmem).
func BenchmarkSecretsState(b *testing.B) {
	found, cfg, config, st := benchSecretsState(b)
	benchLoop(b, "fast", func(*testing.B) error {
		_, err := secretsStateValue(st, config, found)
		return err
	})
	benchLoop(b, "reference", func(b *testing.B) error {
		referenceSecretsState(b, cfg, found)
		return nil
	})
}

// benchSecretsState is what the state benchmarks convert: 10,000 secrets
// (benchSecretsWire), the configuration that found them, as a model and as
// a value, and the state's types.
func benchSecretsState(b *testing.B) ([]hwc.ResourceInstance, csmsSecretsDataSourceModel, tftypes.Value, secretsStateTypes) {
	b.Helper()
	cfg := csmsSecretsDataSourceModel{Tags: map[string][]string{"bench": {"match"}},
		NameMatch: types.StringNull(), State: types.StringNull()}
	return benchSecretsWire(10000), cfg, configValue(b, cfg), secretsTypes(b)
}

// benchLoop runs fn as a sub-benchmark that reports allocations and stops
// at fn's first error.
func benchLoop(b *testing.B, name string, fn func(*testing.B) error) {
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := fn(b); err != nil {
				b.Fatal(err)
			}
		}
	})
}
