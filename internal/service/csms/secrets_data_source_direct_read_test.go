package csms_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/provider"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/service/csms"
)

// seededSecretsEmulator serves a varied set of secrets: several states, tags
// with shared keys, an untagged one, and more than a page of bulk secrets.
func seededSecretsEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{Region: "cn-north-4",
		ProjectID: "0123456789abcdef0123456789abcdef", AccessKey: "AK", SecretKey: "SK"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	seed := emulator.Seed{Secrets: []emulator.SeedSecret{
		{Name: "app-db", Description: "database", Tags: map[string]string{"env": "prod", "team": "core"}},
		{Name: "app-cache", State: "DISABLED", Tags: map[string]string{"env": "staging", "team": "core"}},
		{Name: "app-old", State: "PENDING_DELETE", Tags: map[string]string{"env": "prod"}},
		{Name: "web-key", Description: "quotes \" and 雪", Tags: map[string]string{"env": "prod", "team": ""}},
		{Name: "untagged"},
	}}
	for i := range 1005 {
		seed.Secrets = append(seed.Secrets, emulator.SeedSecret{Name: fmt.Sprintf("bulk-%04d", i),
			Tags: map[string]string{"team": "bulk"}})
	}
	if err := srv.Emulator.Seed(seed); err != nil {
		t.Fatal(err)
	}
	return srv
}

func TestProtocol6Server_ReadsSecretsLikeTheFramework(t *testing.T) {
	t.Parallel()
	srv := seededSecretsEmulator(t)
	direct, dsType := configuredSecretsServer(t, provider.NewProtocol6Server("test"), srv.URL)
	framework, _ := configuredSecretsServer(t, providerserver.NewProtocol6WithError(provider.New("test")()), srv.URL)

	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	strList := func(vs ...string) tftypes.Value {
		l := make([]tftypes.Value, len(vs))
		for i, v := range vs {
			l[i] = str(v)
		}
		return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, l)
	}
	tags := func(m map[string]tftypes.Value) tftypes.Value {
		return tftypes.NewValue(dsType.AttributeTypes["tags"], m)
	}
	cases := []struct {
		name  string
		args  map[string]tftypes.Value
		count int64 // what both must find, so the comparison is not of two empty answers
	}{
		{"no arguments", nil, 1010},
		{"one tag value", map[string]tftypes.Value{"tags": tags(map[string]tftypes.Value{"env": strList("prod")})}, 3},
		{"values ORed, keys ANDed, any value", map[string]tftypes.Value{"tags": tags(map[string]tftypes.Value{
			"env": strList("prod", "staging"), "team": strList()})}, 3},
		{"name_match", map[string]tftypes.Value{"name_match": str("app-")}, 3},
		{"state", map[string]tftypes.Value{"state": str("PENDING_DELETE")}, 1},
		{"every argument", map[string]tftypes.Value{"tags": tags(map[string]tftypes.Value{"env": strList("prod")}),
			"name_match": str("app"), "state": str("ENABLED")}, 1},
		{"paged tag", map[string]tftypes.Value{"tags": tags(map[string]tftypes.Value{"team": strList("bulk")})}, 1005},
		{"empty tag map", map[string]tftypes.Value{"tags": tags(map[string]tftypes.Value{})}, 1010},
		{"no match", map[string]tftypes.Value{"tags": tags(map[string]tftypes.Value{"env": strList("nope")})}, 0},
		{"state filters everything out", map[string]tftypes.Value{"name_match": str("web"), "state": str("FROZEN")}, 0},
	}
	for _, tc := range cases {
		config, err := tfprotov6.NewDynamicValue(dsType, objectValue(dsType, tc.args))
		if err != nil {
			t.Fatal(err)
		}
		want := readSecrets(t, framework, dsType, config)
		got := readSecrets(t, direct, dsType, config)
		if !got.Equal(want) {
			diff, _ := got.Diff(want)
			t.Errorf("%s: the direct read differs from the framework's: %v", tc.name, diff)
		}
		var attrs map[string]tftypes.Value
		if err := got.As(&attrs); err != nil {
			t.Fatal(err)
		}
		var n big.Float
		if err := attrs["total_count"].As(&n); err != nil || n.Cmp(big.NewFloat(float64(tc.count))) != 0 {
			t.Errorf("%s: total_count %s (%v), want %d", tc.name, n.String(), err, tc.count)
		}
	}
}

// readSecrets reads the data source through server and decodes the state.
func readSecrets(t *testing.T, server tfprotov6.ProviderServer, dsType tftypes.Object, config tfprotov6.DynamicValue) tftypes.Value {
	t.Helper()
	resp, err := server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: csms.SecretsTypeName, Config: &config})
	if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
		t.Fatalf("read: %v %v", err, resp.Diagnostics)
	}
	state, err := resp.State.Unmarshal(dsType)
	if err != nil {
		t.Fatal(err)
	}
	return state
}

// An unconfigured provider and a failing API give the same diagnostics on both paths.
func TestProtocol6Server_DiagnosticsLikeTheFramework(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := seededSecretsEmulator(t)
	newServers := []func() (tfprotov6.ProviderServer, error){
		provider.NewProtocol6Server("test"), providerserver.NewProtocol6WithError(provider.New("test")()),
	}
	var (
		unconfigured, failing [2][]*tfprotov6.Diagnostic
		dsType                tftypes.Object
	)
	for i, newServer := range newServers {
		server, typ := configuredSecretsServer(t, newServer, srv.URL)
		dsType = typ
		// A tag key the service refuses (the schema's validators would refuse it first in a
		// plan, but ReadDataSource alone does not validate).
		config, err := tfprotov6.NewDynamicValue(dsType, objectValue(dsType, map[string]tftypes.Value{
			"tags": tftypes.NewValue(dsType.AttributeTypes["tags"], map[string]tftypes.Value{
				"_sys_x": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{})})}))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: csms.SecretsTypeName, Config: &config})
		if err != nil {
			t.Fatal(err)
		}
		failing[i] = resp.Diagnostics

		fresh, err := newServer()
		if err != nil {
			t.Fatal(err)
		}
		empty, err := tfprotov6.NewDynamicValue(dsType, objectValue(dsType, nil))
		if err != nil {
			t.Fatal(err)
		}
		resp, err = fresh.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: csms.SecretsTypeName, Config: &empty})
		if err != nil {
			t.Fatal(err)
		}
		unconfigured[i] = resp.Diagnostics
	}
	for name, pair := range map[string][2][]*tfprotov6.Diagnostic{"unconfigured": unconfigured, "API error": failing} {
		if len(pair[1]) != 1 || pair[1][0].Severity != tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: the framework answered %v, want one error", name, pair[1])
		}
		if len(pair[0]) != 1 || pair[0][0].Summary != pair[1][0].Summary || pair[0][0].Severity != pair[1][0].Severity {
			t.Errorf("%s: direct %+v, framework %+v", name, pair[0], pair[1])
		}
		// The request id differs between the two calls; everything else must match.
		if name == "unconfigured" && pair[0][0].Detail != pair[1][0].Detail {
			t.Errorf("%s: detail %q, framework %q", name, pair[0][0].Detail, pair[1][0].Detail)
		}
	}
	t.Logf("API error: %s: %s", failing[0][0].Summary, failing[0][0].Detail)
}
