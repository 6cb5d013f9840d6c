package framework_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
)

func TestImportByKey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := framework.ProjectIdentity{TypeName: "hwcloud_test", Key: "name", KeyDesc: "Name.",
		ValidKey: func(s string) bool { return s != "" && !strings.Contains(s, " ") }, KeyRule: "no spaces"}
	b := framework.NewIdentifiedResourceBase("test", id)
	sch := rschema.Schema{Attributes: map[string]rschema.Attribute{
		"id": rschema.StringAttribute{Computed: true}, "name": rschema.StringAttribute{Required: true},
	}}

	for _, tc := range []struct {
		importID, wantError string
	}{
		{importID: "fx-name"},
		{importID: "two words", wantError: `Import a test object by its name (no spaces), got "two words".`},
	} {
		t.Run(tc.importID, func(t *testing.T) {
			t.Parallel()
			resp := &resource.ImportStateResponse{State: tfsdk.State{Schema: sch,
				Raw: tftypes.NewValue(sch.Type().TerraformType(ctx), nil)}}
			ok := b.ImportByKey(ctx, resource.ImportStateRequest{ID: tc.importID}, resp, "test object")
			if text := frameworktest.DiagText(resp.Diagnostics); ok != (tc.wantError == "") || !strings.Contains(text, tc.wantError) {
				t.Fatalf("ok %v, diagnostics %q; want error %q", ok, text, tc.wantError)
			}
			if !ok {
				return
			}
			for _, attr := range []string{"id", "name"} {
				var v types.String
				resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root(attr), &v)...)
				if v.ValueString() != tc.importID {
					t.Errorf("%s = %s, want %q", attr, v, tc.importID)
				}
			}
		})
	}
}
