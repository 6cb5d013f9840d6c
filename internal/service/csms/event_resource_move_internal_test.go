package csms

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
)

func TestCSMSEventMoveFromOfficial(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := frameworktest.OfficialInstances(t, "huaweicloud_csms_event")[0]
	var got csmsEventModel
	frameworktest.RequireMoved(t, frameworktest.RunMove(t, &csmsEventResource{}, frameworktest.MoveRequest("huaweicloud_csms_event", src)), &got)

	if got.ID.ValueString() != "fx_event" || got.Name.ValueString() != "fx_event" {
		t.Errorf("id/name = %s/%s, want fx_event (id is the name in both providers)", got.ID, got.Name)
	}
	types, diags := framework.SortedStrings(ctx, got.EventTypes)
	if diags.HasError() || !slices.Equal(types, []string{"SECRET_ROTATED", "SECRET_VERSION_CREATED"}) {
		t.Errorf("event_types = %v (%v)", types, diags)
	}
	if !got.Enabled.ValueBool() {
		t.Error("status ENABLED did not become enabled = true")
	}
	n := got.Notification
	if n == nil || n.TargetType.ValueString() != "SMN" || n.TargetName.ValueString() != "t1" ||
		n.TargetID.ValueString() != "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:t1" {
		t.Errorf("notification = %+v", n)
	}
	if got.EventID.ValueString() != "e26e1e5a-3197-4fba-8981-d06572d92a57" {
		t.Errorf("event_id = %s", got.EventID)
	}
	// Not in the official state: left to the refresh, never invented.
	if !got.CreatedAt.IsNull() || !got.UpdatedAt.IsNull() || !got.Timeouts.IsNull() {
		t.Errorf("created_at/updated_at/timeouts = %s/%s/%s, want null", got.CreatedAt, got.UpdatedAt, got.Timeouts)
	}
}

func TestCSMSEventMoveVariants(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, "huaweicloud_csms_event")[0]
	move := func(patch map[string]any) csmsEventModel {
		var got csmsEventModel
		frameworktest.RequireMoved(t, frameworktest.RunMove(t, &csmsEventResource{}, frameworktest.MoveRequest("huaweicloud_csms_event", frameworktest.PatchJSON(t, src, patch))), &got)
		return got
	}
	if got := move(map[string]any{"status": "DISABLED"}); got.Enabled.ValueBool() {
		t.Error("status DISABLED did not become enabled = false")
	}
	if got := move(map[string]any{"name": ""}); got.Name.ValueString() != "fx_event" {
		t.Errorf("an empty name did not fall back to id: %s", got.Name)
	}
	if got := move(map[string]any{"region": nil}); got.Name.ValueString() != "fx_event" {
		t.Error("a state without region was not moved")
	}

	for name, c := range map[string]struct {
		patch     map[string]any
		fragments []string
	}{
		"unknown status":  {map[string]any{"status": "PAUSED"}, []string{`status = "PAUSED"`, "ENABLED"}},
		"no name, no id":  {map[string]any{"name": "", "id": ""}, []string{"name is empty"}},
		"wrong list type": {map[string]any{"event_types": map[string]any{"a": 1}}, []string{`"event_types"`}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := frameworktest.RunMove(t, &csmsEventResource{}, frameworktest.MoveRequest("huaweicloud_csms_event", frameworktest.PatchJSON(t, src, c.patch)))
			frameworktest.RequireRefused(t, resp, c.fragments...)
		})
	}
}

func TestDecodeOfficialStateNamesTheAttribute(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	req := frameworktest.MoveRequest("huaweicloud_csms_event", json.RawMessage(`{"name":"a","event_types":"SECRET_ROTATED"}`))
	var dst officialCSMSEvent
	if csmsEventMove.Decode(req, &dst, &diags) {
		t.Fatal("a string where a list belongs was accepted")
	}
	text := frameworktest.DiagText(diags)
	for _, want := range []string{`attribute "event_types"`, "JSON string", "a list"} {
		if !strings.Contains(text, want) {
			t.Errorf("error does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "SECRET_ROTATED") {
		t.Errorf("error echoes a state value:\n%s", text)
	}
}
