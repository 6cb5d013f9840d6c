package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const officialAddress = "registry.terraform.io/huaweicloud/huaweicloud"

// officialInstances reads the attributes of every instance in a state file
// the official provider wrote (testdata/official-state/<type>.json).
func officialInstances(t *testing.T, typeName string) []json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "official-state", typeName+".json"))
	if err != nil {
		t.Fatal(err)
	}
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
		if in.SchemaVersion != officialSchemaVersion {
			t.Fatalf("%s instance %d has schema version %d", typeName, i, in.SchemaVersion)
		}
		out[i] = in.Attributes
	}
	return out
}

// patchJSON returns attrs with the given attributes replaced (nil deletes one).
func patchJSON(t *testing.T, attrs json.RawMessage, patch map[string]any) json.RawMessage {
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

type movableResource interface {
	resource.ResourceWithMoveState
}

func moveRequest(typeName string, attrs json.RawMessage) resource.MoveStateRequest {
	return resource.MoveStateRequest{
		SourceProviderAddress: officialAddress,
		SourceTypeName:        typeName,
		SourceSchemaVersion:   officialSchemaVersion,
		SourceRawState:        &tfprotov6.RawState{JSON: attrs},
	}
}

// runMove calls the resource's one state mover the way the framework does:
// the target state starts null, the resource is not configured (Terraform
// moves state before it configures providers).
func runMove(t *testing.T, r movableResource, req resource.MoveStateRequest) resource.MoveStateResponse {
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

// requireRefused checks that the move failed with an error mentioning every
// fragment, and that no state was produced (never a half-moved object).
func requireRefused(t *testing.T, resp resource.MoveStateResponse, fragments ...string) {
	t.Helper()
	if !resp.Diagnostics.HasError() {
		t.Fatalf("move accepted, want an error mentioning %q", fragments)
	}
	if !resp.TargetState.Raw.IsNull() {
		t.Errorf("a refused move left a state: %v", resp.TargetState.Raw)
	}
	text := diagText(resp.Diagnostics)
	for _, f := range fragments {
		if !strings.Contains(text, f) {
			t.Errorf("error does not mention %q:\n%s", f, text)
		}
	}
}

func diagText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary() + "\n" + d.Detail() + "\n")
	}
	return b.String()
}

func requireMoved(t *testing.T, resp resource.MoveStateResponse, into any) {
	t.Helper()
	if resp.Diagnostics.HasError() {
		t.Fatalf("move refused: %s", diagText(resp.Diagnostics))
	}
	if diags := resp.TargetState.Get(context.Background(), into); diags.HasError() {
		t.Fatalf("reading the moved state: %v", diags)
	}
}

func TestIsOfficialProvider(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"registry.terraform.io/huaweicloud/huaweicloud":      true,
		"registry.opentofu.org/huaweicloud/huaweicloud":      true,
		"mirror.example.com:8443/huaweicloud/huaweicloud":    true,
		"registry.terraform.io/HuaweiCloud/HuaweiCloud":      true, // registry addresses ignore case
		"huaweicloud/huaweicloud":                            true,
		"huaweicloud":                                        true,
		"registry.terraform.io/hashicorp/huaweicloud":        false, // what an unqualified `huaweicloud` resolves to
		"registry.terraform.io/someone/huaweicloud":          false,
		"registry.terraform.io/huaweicloud/hwcloud":          false,
		"registry.terraform.io/huaweicloud/huaweicloudstack": false,
		"hwcloud":                          false,
		"":                                 false,
		"/huaweicloud/huaweicloud":         false,
		"bad host/huaweicloud/huaweicloud": false,
		"a/registry.terraform.io/huaweicloud/huaweicloud": false,
	} {
		if got := isOfficialProvider(addr); got != want {
			t.Errorf("isOfficialProvider(%q) = %v, want %v", addr, got, want)
		}
	}
}

// moveTargets are the resources that accept moves, with their official source.
var moveTargets = []struct {
	source, target string
	new            func() movableResource
}{
	{"huaweicloud_csms_event", "hwcloud_csms_event", func() movableResource { return &csmsEventResource{} }},
	{"huaweicloud_cts_notification", "hwcloud_cts_notification", func() movableResource { return &ctsNotificationResource{} }},
	{"huaweicloud_csms_scheduled_delete_secret_task", "hwcloud_csms_secret_restore", func() movableResource { return &csmsSecretRestoreResource{} }},
	{"huaweicloud_csms_secret", "hwcloud_csms_secret", func() movableResource { return &csmsSecretResource{} }},
}

// TestMoveRefusesForeignAndMalformedSources runs the shared refusals against
// every resource that accepts moves: each must hold for all of them.
func TestMoveRefusesForeignAndMalformedSources(t *testing.T) {
	t.Parallel()
	for _, target := range moveTargets {
		good := officialInstances(t, target.source)[0]
		cases := map[string]struct {
			req       func(resource.MoveStateRequest) resource.MoveStateRequest
			fragments []string
		}{
			"foreign provider": {func(r resource.MoveStateRequest) resource.MoveStateRequest {
				r.SourceProviderAddress = "registry.terraform.io/hashicorp/huaweicloud"
				return r
			}, []string{`"registry.terraform.io/hashicorp/huaweicloud"`, "huaweicloud/huaweicloud", "import"}},
			"other official type": {func(r resource.MoveStateRequest) resource.MoveStateRequest {
				r.SourceTypeName = "huaweicloud_kms_key"
				return r
			}, []string{"huaweicloud_kms_key", target.source}},
			"unknown schema version": {func(r resource.MoveStateRequest) resource.MoveStateRequest {
				r.SourceSchemaVersion = 1
				return r
			}, []string{"schema version 1", "Upgrade the hwcloud provider", "import"}},
			"no raw state": {func(r resource.MoveStateRequest) resource.MoveStateRequest {
				r.SourceRawState = nil
				return r
			}, []string{"no JSON state"}},
			"flatmap state": {func(r resource.MoveStateRequest) resource.MoveStateRequest {
				r.SourceRawState = &tfprotov6.RawState{Flatmap: map[string]string{"id": "x"}}
				return r
			}, []string{"flatmap"}},
			"truncated JSON": {func(r resource.MoveStateRequest) resource.MoveStateRequest {
				r.SourceRawState = &tfprotov6.RawState{JSON: good[:len(good)/2]}
				return r
			}, []string{"does not parse", "not valid JSON"}},
			"a list instead of an object": {func(r resource.MoveStateRequest) resource.MoveStateRequest {
				r.SourceRawState = &tfprotov6.RawState{JSON: []byte(`[1, 2]`)}
				return r
			}, []string{"does not parse", "not an object"}},
			"trailing data": {func(r resource.MoveStateRequest) resource.MoveStateRequest {
				r.SourceRawState = &tfprotov6.RawState{JSON: append(append([]byte{}, good...), []byte(` {}`)...)}
				return r
			}, []string{"does not parse"}},
		}
		for name, c := range cases {
			t.Run(target.source+"/"+name, func(t *testing.T) {
				t.Parallel()
				resp := runMove(t, target.new(), c.req(moveRequest(target.source, good)))
				requireRefused(t, resp, c.fragments...)
			})
		}
		for _, addr := range []string{"registry.opentofu.org/huaweicloud/huaweicloud", "huaweicloud"} {
			t.Run(target.source+"/accepted from "+addr, func(t *testing.T) {
				t.Parallel()
				req := moveRequest(target.source, good)
				req.SourceProviderAddress = addr
				resp := runMove(t, target.new(), req)
				if resp.Diagnostics.HasError() || resp.TargetState.Raw.IsNull() {
					t.Fatalf("move from %q refused: %s", addr, diagText(resp.Diagnostics))
				}
			})
		}
	}
}

func TestDecodeOfficialStateNamesTheAttribute(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	req := moveRequest("huaweicloud_csms_event", json.RawMessage(`{"name":"a","event_types":"SECRET_ROTATED"}`))
	var dst officialCSMSEvent
	if csmsEventMove.decode(req, &dst, &diags) {
		t.Fatal("a string where a list belongs was accepted")
	}
	text := diagText(diags)
	for _, want := range []string{`attribute "event_types"`, "JSON string", "a list"} {
		if !strings.Contains(text, want) {
			t.Errorf("error does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "SECRET_ROTATED") {
		t.Errorf("error echoes a state value:\n%s", text)
	}
}

// TestMovedRegionIsCheckedAtFirstRead: Terraform moves state before it
// configures providers, so the region is recorded by the move and checked by
// the refresh that follows it, with the provider's region.
func TestMovedRegionIsCheckedAtFirstRead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, target := range moveTargets {
		good := officialInstances(t, target.source)[0]
		moveIn := func(t *testing.T, region any) resource.MoveStateResponse {
			t.Helper()
			attrs := patchJSON(t, good, map[string]any{"region": region})
			resp := runMove(t, target.new(), moveRequest(target.source, attrs))
			if resp.Diagnostics.HasError() || resp.TargetState.Raw.IsNull() {
				t.Fatalf("move refused: %s", diagText(resp.Diagnostics))
			}
			return resp
		}
		firstRead := func(resp resource.MoveStateResponse, providerRegion string) (bool, diag.Diagnostics) {
			var diags diag.Diagnostics
			ok := checkMovedRegion(ctx, &providerData{region: providerRegion}, resp.TargetPrivate, resp.TargetPrivate,
				target.target, &diags)
			return ok, diags
		}
		t.Run(target.source+"/other region", func(t *testing.T) {
			t.Parallel()
			ok, diags := firstRead(moveIn(t, "eu-west-101"), "cn-north-4")
			if ok || !diags.HasError() {
				t.Fatal("an object of another region passed the first read")
			}
			text := diagText(diags)
			for _, want := range []string{target.source, `region = "eu-west-101"`, `region "cn-north-4"`,
				`alias  = "eu_west_101"`, "provider = hwcloud.eu_west_101", target.target} {
				if !strings.Contains(text, want) {
					t.Errorf("error does not mention %q:\n%s", want, text)
				}
			}
		})
		t.Run(target.source+"/provider without region", func(t *testing.T) {
			t.Parallel()
			ok, diags := firstRead(moveIn(t, "cn-north-4"), "")
			if ok || !strings.Contains(diagText(diags), `set region = "cn-north-4"`) {
				t.Fatalf("ok=%v: %s", ok, diagText(diags))
			}
		})
		t.Run(target.source+"/same region, checked once", func(t *testing.T) {
			t.Parallel()
			resp := moveIn(t, "cn-north-4")
			if ok, diags := firstRead(resp, "cn-north-4"); !ok || diags.HasError() {
				t.Fatalf("same region refused: %s", diagText(diags))
			}
			if raw, _ := resp.TargetPrivate.GetKey(ctx, movedRegionKey); len(raw) != 0 {
				t.Errorf("the record outlived its check: %s", raw)
			}
		})
		t.Run(target.source+"/null region", func(t *testing.T) {
			t.Parallel()
			resp := moveIn(t, nil)
			if ok, diags := firstRead(resp, "eu-west-101"); !ok || diags.HasError() {
				t.Fatalf("a state without region was refused: %s", diagText(diags))
			}
		})
	}
	t.Run("not moved", func(t *testing.T) {
		t.Parallel()
		var diags diag.Diagnostics
		if !checkMovedRegion(ctx, &providerData{region: "cn-north-4"}, memPrivate{}, memPrivate{}, "hwcloud_csms_event", &diags) {
			t.Fatalf("an object that was never moved failed the check: %s", diagText(diags))
		}
	})
}
