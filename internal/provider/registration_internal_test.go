package provider

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

// registeredType is one type the provider serves, by kind as the docs name them.
type registeredType struct {
	kind     string // docs/ and examples/ folder: resources, data-sources, ...
	readme   string // the kind as the README's table says it
	typeName string
}

// registeredTypes lists every type the provider registers.
func registeredTypes(t *testing.T) []registeredType {
	t.Helper()
	ctx := context.Background()
	p := newProvider("test")
	var out []registeredType
	add := func(kind, readme, typeName string) {
		out = append(out, registeredType{kind: kind, readme: readme, typeName: typeName})
	}
	providerType := resource.MetadataRequest{ProviderTypeName: framework.ProviderTypeName}
	for _, newType := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		newType().Metadata(ctx, providerType, &resp)
		add("resources", "resource", resp.TypeName)
	}
	for _, newType := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		newType().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: framework.ProviderTypeName}, &resp)
		add("data-sources", "data source", resp.TypeName)
	}
	for _, newType := range p.EphemeralResources(ctx) {
		var resp ephemeral.MetadataResponse
		newType().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: framework.ProviderTypeName}, &resp)
		add("ephemeral-resources", "ephemeral resource", resp.TypeName)
	}
	for _, newType := range p.ListResources(ctx) {
		var resp resource.MetadataResponse
		newType().Metadata(ctx, providerType, &resp)
		add("list-resources", "list resource", resp.TypeName)
	}
	for _, newType := range p.Actions(ctx) {
		var resp action.MetadataResponse
		newType().Metadata(ctx, action.MetadataRequest{ProviderTypeName: framework.ProviderTypeName}, &resp)
		add("actions", "action", resp.TypeName)
	}
	if len(out) == 0 {
		t.Fatal("no types registered")
	}
	return out
}

// acceptanceTestSources is the text of every service test file that holds an
// acceptance test.
func acceptanceTestSources(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "service", "*", "*_test.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no service tests found: %v", err)
	}
	var b strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "func TestAcc") {
			b.Write(src)
		}
	}
	return b.String()
}

// TestRegisteredTypesAreDocumented: every registered type has its registry
// page, an example, an acceptance test that names it, and a row in the
// README's table of types.
func TestRegisteredTypesAreDocumented(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	acceptance := acceptanceTestSources(t)
	for _, rt := range registeredTypes(t) {
		short := strings.TrimPrefix(rt.typeName, framework.ProviderTypeName+"_")
		if _, err := os.Stat(filepath.Join(root, "docs", rt.kind, short+".md")); err != nil {
			t.Errorf("%s %s has no docs page (run make docs): %v", rt.readme, rt.typeName, err)
		}
		examples, _ := filepath.Glob(filepath.Join(root, "examples", rt.kind, rt.typeName, "*"))
		if len(examples) == 0 {
			t.Errorf("%s %s has no example in examples/%s/%s/", rt.readme, rt.typeName, rt.kind, rt.typeName)
		}
		if !regexp.MustCompile(`\b` + rt.kindHCL() + ` "` + rt.typeName + `"`).MatchString(acceptance) {
			t.Errorf("%s %s is declared (%s %q) by no acceptance test in internal/service", rt.readme, rt.typeName,
				rt.kindHCL(), rt.typeName)
		}
		row := regexp.MustCompile("(?m)^\\| " + rt.readme + " \\| `" + regexp.QuoteMeta(rt.typeName) + "` \\|")
		if !row.Match(readme) {
			t.Errorf("the README's table of types has no row | %s | `%s` |", rt.readme, rt.typeName)
		}
	}
}

// kindHCL is the block keyword that declares the type in a configuration.
func (rt registeredType) kindHCL() string {
	return map[string]string{"resources": "resource", "data-sources": "data", "ephemeral-resources": "ephemeral",
		"list-resources": "list", "actions": "action"}[rt.kind]
}
