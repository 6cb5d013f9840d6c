package provider

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// resourceSchema returns r's schema, failing on any diagnostic.
func resourceSchema(t *testing.T, r resource.Resource) schema.Schema {
	t.Helper()
	resp := &resource.SchemaResponse{}
	r.Schema(context.Background(), resource.SchemaRequest{}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	return resp.Schema
}

// tfsdkTags lists the attribute names a model struct maps, sorted.
func tfsdkTags(model any) []string {
	var out []string
	typ := reflect.TypeOf(model)
	for i := range typ.NumField() {
		out = append(out, typ.Field(i).Tag.Get("tfsdk"))
	}
	slices.Sort(out)
	return out
}

// sortedKeys lists a schema's (or an object type's) attribute names, sorted.
func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
