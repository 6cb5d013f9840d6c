package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// providerConfig is a provider configuration with values for the named
// top-level arguments and every other one null.
func providerConfig(t *testing.T, p *hwcloudProvider, values map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	var sr provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &sr)
	typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	return tfsdk.Config{Schema: sr.Schema, Raw: objectWith(typ, values)}
}

// objectWith builds an object of typ from values; attributes not given are null.
func objectWith(typ tftypes.Object, values map[string]tftypes.Value) tftypes.Value {
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		if v, ok := values[name]; ok {
			attrs[name] = v
		} else {
			attrs[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(typ, attrs)
}

func unknownString() tftypes.Value { return tftypes.NewValue(tftypes.String, tftypes.UnknownValue) }

func configure(t *testing.T, values map[string]tftypes.Value, deferralAllowed bool) *provider.ConfigureResponse {
	t.Helper()
	p := newProvider("test")
	req := provider.ConfigureRequest{
		Config:             providerConfig(t, p, values),
		ClientCapabilities: provider.ConfigureProviderClientCapabilities{DeferralAllowed: deferralAllowed},
	}
	resp := &provider.ConfigureResponse{}
	p.Configure(context.Background(), req, resp)
	return resp
}

func TestConfigureDefersUnknownArguments(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	endpoints := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"csms": tftypes.String, "cts": tftypes.String, "iam": tftypes.String, "sts": tftypes.String,
	}}
	for name, values := range map[string]map[string]tftypes.Value{
		"region":         {"region": unknownString()},
		"secret_key":     {"region": tftypes.NewValue(tftypes.String, "cn-north-4"), "access_key": tftypes.NewValue(tftypes.String, "AK"), "secret_key": unknownString()},
		"endpoints.csms": {"region": tftypes.NewValue(tftypes.String, "cn-north-4"), "endpoints": objectWith(endpoints, map[string]tftypes.Value{"csms": unknownString()})},
		"cacert_file":    {"region": tftypes.NewValue(tftypes.String, "cn-north-4"), "cacert_file": unknownString()},
	} {
		t.Run(name, func(t *testing.T) {
			resp := configure(t, values, true)
			if resp.Diagnostics.HasError() {
				t.Fatalf("deferral allowed: errors %v", resp.Diagnostics)
			}
			if resp.Deferred == nil || resp.Deferred.Reason != provider.DeferredReasonProviderConfigUnknown {
				t.Fatalf("deferral allowed: Deferred = %+v, want ProviderConfigUnknown", resp.Deferred)
			}
			if resp.ResourceData != nil || resp.DataSourceData != nil {
				t.Error("a deferred configuration handed out provider data")
			}

			resp = configure(t, values, false)
			if resp.Deferred != nil {
				t.Fatalf("deferral not allowed: deferred anyway (%+v)", resp.Deferred)
			}
			root, nested, found := strings.Cut(name, ".")
			p := path.Root(root)
			if found {
				p = p.AtName(nested)
			}
			errorAt(t, resp.Diagnostics, p, "unknown until apply")
		})
	}
}

// A known configuration is never deferred: its errors are reported as usual.
func TestConfigureDoesNotDeferAKnownConfiguration(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	resp := configure(t, map[string]tftypes.Value{
		"region":     tftypes.NewValue(tftypes.String, "cn-north-4"),
		"access_key": tftypes.NewValue(tftypes.String, "AK"),
	}, true)
	if resp.Deferred != nil {
		t.Fatalf("a known configuration was deferred: %+v", resp.Deferred)
	}
	errorAt(t, resp.Diagnostics, path.Root("secret_key"), "Missing secret_key")
}

// The same through the protocol server Terraform talks to.
func TestProtocol6ConfigureProviderDefersUnknownConfig(t *testing.T) { //nolint:paralleltest // uses t.Setenv
	clearProviderEnv(t)
	ctx := context.Background()
	server, err := NewProtocol6Server("test")()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || schema.Provider == nil {
		t.Fatalf("GetProviderSchema: %v", err)
	}
	typ, ok := schema.Provider.ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	config, err := tfprotov6.NewDynamicValue(typ, objectWith(typ, map[string]tftypes.Value{"region": unknownString()}))
	if err != nil {
		t.Fatal(err)
	}
	secretsType, ok := schema.DataSourceSchemas["hwcloud_csms_secrets"].ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("no hwcloud_csms_secrets schema")
	}
	dsConfig, err := tfprotov6.NewDynamicValue(secretsType, objectWith(secretsType, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, allowed := range []bool{true, false} {
		server, err := NewProtocol6Server("test")()
		if err != nil {
			t.Fatal(err)
		}
		resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
			TerraformVersion:   "1.15.9",
			Config:             &config,
			ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{DeferralAllowed: allowed},
		})
		if err != nil {
			t.Fatal(err)
		}
		errs := protoErrors(resp.Diagnostics)
		if !allowed {
			if len(errs) != 1 {
				t.Errorf("deferral not allowed: errors %q, want the unknown-argument error", errs)
			}
			continue
		}
		if len(errs) > 0 {
			t.Fatalf("deferral allowed: errors %q", errs)
		}
		// The deferral shows on the calls that follow, the directly read data source included.
		read, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
			TypeName: "hwcloud_csms_secrets", Config: &dsConfig,
			ClientCapabilities: &tfprotov6.ReadDataSourceClientCapabilities{DeferralAllowed: true},
		})
		if err != nil {
			t.Fatal(err)
		}
		if read.Deferred == nil || read.Deferred.Reason != tfprotov6.DeferredReasonProviderConfigUnknown {
			t.Errorf("ReadDataSource after a deferred configuration: Deferred = %+v, errors %q", read.Deferred,
				protoErrors(read.Diagnostics))
		}
	}
}

func protoErrors(diags []*tfprotov6.Diagnostic) []string {
	var errs []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, d.Summary+": "+d.Detail)
		}
	}
	return errs
}
