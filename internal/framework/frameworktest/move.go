package frameworktest

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/apiref"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

// OfficialAddress is the official provider's address as Terraform sends it.
const OfficialAddress = "registry.terraform.io/huaweicloud/huaweicloud"

// OfficialInstances reads the attributes of every instance in a state file
// the official provider wrote (apiref's official-state/<type>.json).
func OfficialInstances(t *testing.T, typeName string) []json.RawMessage {
	t.Helper()
	raw := apiref.ReadFile(t, "official-state/"+typeName+".json")
	var file struct {
		Type      string `json:"type"`
		Instances []struct {
			SchemaVersion int64           `json:"schema_version"`
			Attributes    json.RawMessage `json:"attributes"`
		} `json:"instances"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if file.Type != typeName || len(file.Instances) == 0 {
		t.Fatalf("%s: type %q with %d instances", typeName, file.Type, len(file.Instances))
	}
	out := make([]json.RawMessage, len(file.Instances))
	for i, in := range file.Instances {
		if in.SchemaVersion != framework.OfficialSchemaVersion {
			t.Fatalf("%s instance %d has schema version %d", typeName, i, in.SchemaVersion)
		}
		out[i] = in.Attributes
	}
	return out
}

// PatchJSON returns attrs with the given attributes replaced (nil deletes one).
func PatchJSON(t *testing.T, attrs json.RawMessage, patch map[string]any) json.RawMessage {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(attrs, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range patch {
		if v == nil {
			delete(m, k)
			continue
		}
		m[k] = v
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// MoveRequest is Terraform's request to move an official instance of typeName.
func MoveRequest(typeName string, attrs json.RawMessage) resource.MoveStateRequest {
	return resource.MoveStateRequest{
		SourceProviderAddress: OfficialAddress,
		SourceTypeName:        typeName,
		SourceSchemaVersion:   framework.OfficialSchemaVersion,
		SourceRawState:        &tfprotov6.RawState{JSON: attrs},
	}
}

// RunMove calls the resource's one state mover the way the framework does:
// the target state starts null, the resource is not configured (Terraform
// moves state before it configures providers).
func RunMove(t *testing.T, r resource.ResourceWithMoveState, req resource.MoveStateRequest) resource.MoveStateResponse {
	t.Helper()
	ctx := context.Background()
	var sresp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sresp)
	movers := r.MoveState(ctx)
	if len(movers) != 1 || movers[0].SourceSchema != nil {
		t.Fatalf("want one mover that decodes the raw JSON itself, got %d", len(movers))
	}
	resp := resource.MoveStateResponse{TargetState: tfsdk.State{
		Schema: sresp.Schema,
		Raw:    tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), nil),
	}}
	// The framework hands the mover an empty private state; its type is internal to the framework.
	private := reflect.ValueOf(&resp).Elem().FieldByName("TargetPrivate")
	private.Set(reflect.New(private.Type().Elem()))
	movers[0].StateMover(ctx, req, &resp)
	return resp
}

// RequireRefused checks that the move failed with an error mentioning every
// fragment, and that no state was produced (never a half-moved object).
func RequireRefused(t *testing.T, resp resource.MoveStateResponse, fragments ...string) {
	t.Helper()
	if !resp.Diagnostics.HasError() {
		t.Fatalf("move accepted, want an error mentioning %q", fragments)
	}
	if !resp.TargetState.Raw.IsNull() {
		t.Errorf("a refused move left a state: %v", resp.TargetState.Raw)
	}
	text := DiagText(resp.Diagnostics)
	for _, f := range fragments {
		if !strings.Contains(text, f) {
			t.Errorf("error does not mention %q:\n%s", f, text)
		}
	}
}

// RequireMoved checks that the move succeeded and reads its state into into.
func RequireMoved(t *testing.T, resp resource.MoveStateResponse, into any) {
	t.Helper()
	if resp.Diagnostics.HasError() {
		t.Fatalf("move refused: %s", DiagText(resp.Diagnostics))
	}
	if diags := resp.TargetState.Get(context.Background(), into); diags.HasError() {
		t.Fatalf("reading the moved state: %v", diags)
	}
}

// IdentityKey reads a listed object's identity: its project and its key attribute.
func IdentityKey(t *testing.T, r list.ListResult, key string) (project, value string) {
	t.Helper()
	var p, v types.String
	if d := r.Identity.GetAttribute(context.Background(), path.Root(framework.IdentityProjectAttr), &p); d.HasError() {
		t.Fatal(d)
	}
	if d := r.Identity.GetAttribute(context.Background(), path.Root(key), &v); d.HasError() {
		t.Fatal(d)
	}
	return p.ValueString(), v.ValueString()
}
