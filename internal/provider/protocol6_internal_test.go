package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// recordingServer stands in for the framework's server and records which
// data sources it was asked to read.
type recordingServer struct {
	frameworkProtocol6
	reads []string
}

func (r *recordingServer) ReadDataSource(_ context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	r.reads = append(r.reads, req.TypeName)
	return &tfprotov6.ReadDataSourceResponse{}, nil
}

func TestProtocol6Server_DelegatesOtherDataSources(t *testing.T) {
	t.Parallel()
	inner := &recordingServer{}
	p := newProvider("test")
	server := &protocol6Server{frameworkProtocol6: inner, provider: p, directReads: directReaders(p)}
	ctx := context.Background()
	if _, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "hwcloud_other"}); err != nil {
		t.Fatal(err)
	}
	resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "hwcloud_csms_secrets"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"hwcloud_other"}; !reflect.DeepEqual(inner.reads, want) {
		t.Fatalf("framework read %v, want %v", inner.reads, want)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("a read without configuration answered %v, want one error", resp.Diagnostics)
	}

	// Everything else reaches the framework's server unchanged, the optional
	// capabilities (found by type assertion) included.
	served, err := NewProtocol6Server("test")()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := served.(tfprotov6.ListResourceServer); !ok {
		t.Error("list resources are not served")
	}
	if _, ok := served.(tfprotov6.ActionServer); !ok {
		t.Error("actions are not served")
	}
	if _, ok := served.(tfprotov6.StateStoreServer); !ok {
		t.Error("state stores are not served")
	}
	schemas, err := served.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || schemas.DataSourceSchemas["hwcloud_csms_secrets"] == nil || schemas.Provider == nil {
		t.Fatalf("GetProviderSchema: %v, %v", err, schemas)
	}
}
