package csms_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/provider"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/service/csms"
)

// cannedSecretsServer answers ListResourceInstances from pages encoded once,
// so a benchmark measures the provider, not a server.
func cannedSecretsServer(tb testing.TB, found []hwc.ResourceInstance) *httptest.Server {
	tb.Helper()
	var pages [][]byte
	for off := 0; off <= len(found); off += csms.SecretsPageSize {
		body, err := json.Marshal(map[string]any{
			"resources":   found[off:min(off+csms.SecretsPageSize, len(found))],
			"total_count": len(found),
		})
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, body)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Offset string `json:"offset"`
		}
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &in)
		off, _ := strconv.Atoi(in.Offset)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "bench")
		_, _ = w.Write(pages[min(off/csms.SecretsPageSize, len(pages)-1)])
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// objectValue builds a value of typ from the given attributes, null elsewhere.
func objectValue(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	attrs := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range set {
		attrs[name] = v
	}
	return tftypes.NewValue(typ, attrs)
}

// configuredSecretsServer is a protocol server from newServer, configured
// against url, and the data source's configuration type.
func configuredSecretsServer(tb testing.TB, newServer func() (tfprotov6.ProviderServer, error), url string) (tfprotov6.ProviderServer, tftypes.Object) {
	tb.Helper()
	ctx := context.Background()
	server, err := newServer()
	if err != nil {
		tb.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	endpointsType := providerType.AttributeTypes["endpoints"].(tftypes.Object)
	cfg, err := tfprotov6.NewDynamicValue(providerType, objectValue(providerType, map[string]tftypes.Value{
		"region": str("cn-north-4"), "project_id": str("0123456789abcdef0123456789abcdef"),
		"access_key": str("AK"), "secret_key": str("SK"),
		"endpoints": objectValue(endpointsType, map[string]tftypes.Value{"csms": str(url), "cts": str(url), "iam": str(url)}),
	}))
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &cfg})
	if err != nil || len(resp.Diagnostics) > 0 {
		tb.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
	return server, schemas.DataSourceSchemas["hwcloud_csms_secrets"].ValueType().(tftypes.Object)
}

// BenchmarkCSMSSecretsRead is the data source's read path over 10,000
// secrets, in layers: the paged query (HTTP and JSON decoding), and the
// whole protocol call as the provider serves it (query, conversion to a
// Terraform value, msgpack encoding) and through the framework alone (the
// same plus the framework's own work after Read).
//
//	go test ./internal/service/csms -run '^$' -bench CSMSSecretsRead -benchmem -cpuprofile cpu.out
func BenchmarkCSMSSecretsRead(b *testing.B) {
	const n = 10000
	found := csms.BenchSecretsWire(n)
	srv := cannedSecretsServer(b, found)
	ctx := context.Background()

	b.Run("query", func(b *testing.B) {
		client, err := hwc.New(hwc.Config{Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef",
			AccessKey: "AK", SecretKey: "SK", Endpoints: hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL}})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if got, err := csms.QueryAllSecrets(ctx, client); err != nil || len(got) != n {
				b.Fatalf("%d secrets, %v", len(got), err)
			}
		}
	})

	servers := []struct {
		name      string
		newServer func() (tfprotov6.ProviderServer, error)
	}{
		{"protocol", provider.NewProtocol6Server("bench")},
		{"framework", providerserver.NewProtocol6WithError(provider.New("bench")())},
	}
	for _, sv := range servers {
		server, dsType := configuredSecretsServer(b, sv.newServer, srv.URL)
		config, err := tfprotov6.NewDynamicValue(dsType, objectValue(dsType, nil))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(sv.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
					TypeName: "hwcloud_csms_secrets", Config: &config})
				if err != nil || len(resp.Diagnostics) > 0 {
					b.Fatalf("%v %v", err, resp.Diagnostics)
				}
			}
		})
	}
}
