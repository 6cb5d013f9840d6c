// Package frameworktest holds the helpers that the unit tests of the
// framework and of every service package share: schemas and models, a
// provider whose client talks to a scripted server, moves from the official
// provider's state, list streams and diagnostics.
package frameworktest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// StubData is provider data whose client sends every service to h, for unit
// tests that script the API's answers.
func StubData(t *testing.T, h http.Handler) *framework.ProviderData {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	client, err := hwc.New(hwc.Config{
		Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef", AuthToken: "stub-token",
		Endpoints: hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &framework.ProviderData{Client: client, Region: "cn-north-4"}
}

// ResourceSchema returns r's schema, failing on any diagnostic.
func ResourceSchema(t *testing.T, r resource.Resource) schema.Schema {
	t.Helper()
	resp := &resource.SchemaResponse{}
	r.Schema(context.Background(), resource.SchemaRequest{}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	return resp.Schema
}

// TFSDKTags lists the attribute names a model struct maps, sorted.
func TFSDKTags(model any) []string {
	var out []string
	typ := reflect.TypeOf(model)
	for i := range typ.NumField() {
		out = append(out, typ.Field(i).Tag.Get("tfsdk"))
	}
	slices.Sort(out)
	return out
}

// SortedKeys lists a schema's (or an object type's) attribute names, sorted.
func SortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// ValidateString reports whether v accepts s without an error.
func ValidateString(v validator.String, s string) bool {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("x"), ConfigValue: types.StringValue(s),
	}, resp)
	return !resp.Diagnostics.HasError()
}

// DiagText is every diagnostic's summary and detail, one after the other.
func DiagText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary() + "\n" + d.Detail() + "\n")
	}
	return b.String()
}

// MemPrivate is an in-memory private state.
type MemPrivate map[string][]byte

func (m MemPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return m[key], nil
}

func (m MemPrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(m, key)
		return nil
	}
	m[key] = value
	return nil
}

// Collect reads a list stream like Terraform: at most stopAfter results (0: all).
func Collect(t *testing.T, stream func(func(list.ListResult) bool), stopAfter int) []list.ListResult {
	t.Helper()
	var out []list.ListResult
	stream(func(r list.ListResult) bool {
		out = append(out, r)
		return stopAfter == 0 || len(out) < stopAfter
	})
	return out
}

// NameOnlySchema and NameOnlyModel are the smallest resource a list stream can fill.
var NameOnlySchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"name": schema.StringAttribute{Required: true},
}}

type NameOnlyModel struct {
	Name types.String `tfsdk:"name"`
}

// ListRequest is a list request for objects of identity id.
// ListRequest is a list request for objects of identity id.
func ListRequest(id framework.ProjectIdentity, limit int64, includeResource bool) list.ListRequest {
	return list.ListRequest{
		Limit: limit, IncludeResource: includeResource,
		ResourceSchema: NameOnlySchema, ResourceIdentitySchema: id.Schema(),
	}
}
