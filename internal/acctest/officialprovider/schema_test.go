package officialprovider

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/apiref"
)

// TestSchemasMatchTheOfficialState: each stand-in type has exactly the
// attributes the official provider writes, as its own state files show (the
// provider package's test data, where the move tests read them too).
func TestSchemasMatchTheOfficialState(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, newResource := range (&standIn{}).Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: Name}, &meta)
		var sch resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sch)
		var got []string
		for name := range sch.Schema.Attributes {
			got = append(got, name)
		}
		for name := range sch.Schema.Blocks {
			got = append(got, name)
		}
		slices.Sort(got)

		raw := apiref.ReadFile(t, "official-state/"+meta.TypeName+".json")
		var file struct {
			Instances []struct {
				Attributes map[string]json.RawMessage `json:"attributes"`
			} `json:"instances"`
		}
		if err := json.Unmarshal(raw, &file); err != nil {
			t.Fatal(err)
		}
		var want []string
		for name := range file.Instances[0].Attributes {
			want = append(want, name)
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: stand-in attributes %v, official state has %v", meta.TypeName, got, want)
		}
	}
}
