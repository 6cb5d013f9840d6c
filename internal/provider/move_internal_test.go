package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/service/csms"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/service/cts"
)

// moveTargets are the resources that accept moves, with their official source.
var moveTargets = []struct {
	source, target string
	new            func() resource.ResourceWithMoveState
}{
	{"huaweicloud_csms_event", "hwcloud_csms_event", movable(csms.NewCSMSEventResource)},
	{"huaweicloud_cts_notification", "hwcloud_cts_notification", movable(cts.NewCTSNotificationResource)},
	{"huaweicloud_csms_scheduled_delete_secret_task", "hwcloud_csms_secret_restore", movable(csms.NewCSMSSecretRestoreResource)},
	{"huaweicloud_csms_secret", "hwcloud_csms_secret", movable(csms.NewCSMSSecretResource)},
}

// movable is a resource constructor as the move tests call it.
func movable(newResource func() resource.Resource) func() resource.ResourceWithMoveState {
	return func() resource.ResourceWithMoveState { return newResource().(resource.ResourceWithMoveState) }
}

// TestMoveRefusesForeignAndMalformedSources runs the shared refusals against
// every resource that accepts moves: each must hold for all of them.
func TestMoveRefusesForeignAndMalformedSources(t *testing.T) {
	t.Parallel()
	for _, target := range moveTargets {
		good := frameworktest.OfficialInstances(t, target.source)[0]
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
				resp := frameworktest.RunMove(t, target.new(), c.req(frameworktest.MoveRequest(target.source, good)))
				frameworktest.RequireRefused(t, resp, c.fragments...)
			})
		}
		for _, addr := range []string{"registry.opentofu.org/huaweicloud/huaweicloud", "huaweicloud"} {
			t.Run(target.source+"/accepted from "+addr, func(t *testing.T) {
				t.Parallel()
				req := frameworktest.MoveRequest(target.source, good)
				req.SourceProviderAddress = addr
				resp := frameworktest.RunMove(t, target.new(), req)
				if resp.Diagnostics.HasError() || resp.TargetState.Raw.IsNull() {
					t.Fatalf("move from %q refused: %s", addr, frameworktest.DiagText(resp.Diagnostics))
				}
			})
		}
	}
}

// TestMovedRegionIsCheckedAtFirstRead: Terraform moves state before it
// configures providers, so the region is recorded by the move and checked by
// the refresh that follows it, with the provider's region.
func TestMovedRegionIsCheckedAtFirstRead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, target := range moveTargets {
		good := frameworktest.OfficialInstances(t, target.source)[0]
		moveIn := func(t *testing.T, region any) resource.MoveStateResponse {
			t.Helper()
			attrs := frameworktest.PatchJSON(t, good, map[string]any{"region": region})
			resp := frameworktest.RunMove(t, target.new(), frameworktest.MoveRequest(target.source, attrs))
			if resp.Diagnostics.HasError() || resp.TargetState.Raw.IsNull() {
				t.Fatalf("move refused: %s", frameworktest.DiagText(resp.Diagnostics))
			}
			return resp
		}
		firstRead := func(resp resource.MoveStateResponse, providerRegion string) (bool, diag.Diagnostics) {
			var diags diag.Diagnostics
			ok := framework.CheckMovedRegion(ctx, &framework.ProviderData{Region: providerRegion}, resp.TargetPrivate, resp.TargetPrivate,
				target.target, &diags)
			return ok, diags
		}
		t.Run(target.source+"/other region", func(t *testing.T) {
			t.Parallel()
			ok, diags := firstRead(moveIn(t, "eu-west-101"), "cn-north-4")
			if ok || !diags.HasError() {
				t.Fatal("an object of another region passed the first read")
			}
			text := frameworktest.DiagText(diags)
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
			if ok || !strings.Contains(frameworktest.DiagText(diags), `set region = "cn-north-4"`) {
				t.Fatalf("ok=%v: %s", ok, frameworktest.DiagText(diags))
			}
		})
		t.Run(target.source+"/same region, checked once", func(t *testing.T) {
			t.Parallel()
			resp := moveIn(t, "cn-north-4")
			if ok, diags := firstRead(resp, "cn-north-4"); !ok || diags.HasError() {
				t.Fatalf("same region refused: %s", frameworktest.DiagText(diags))
			}
			if raw, _ := resp.TargetPrivate.GetKey(ctx, framework.MovedRegionKey); len(raw) != 0 {
				t.Errorf("the record outlived its check: %s", raw)
			}
		})
		t.Run(target.source+"/null region", func(t *testing.T) {
			t.Parallel()
			resp := moveIn(t, nil)
			if ok, diags := firstRead(resp, "eu-west-101"); !ok || diags.HasError() {
				t.Fatalf("a state without region was refused: %s", frameworktest.DiagText(diags))
			}
		})
	}
	t.Run("not moved", func(t *testing.T) {
		t.Parallel()
		var diags diag.Diagnostics
		if !framework.CheckMovedRegion(ctx, &framework.ProviderData{Region: "cn-north-4"}, frameworktest.MemPrivate{}, frameworktest.MemPrivate{}, "hwcloud_csms_event", &diags) {
			t.Fatalf("an object that was never moved failed the check: %s", frameworktest.DiagText(diags))
		}
	})
}
