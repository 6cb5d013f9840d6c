package csms

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

const csmsEventTestTopic = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:alerts"

func TestCSMSEventSchemaModelParity(t *testing.T) {
	t.Parallel()
	s := frameworktest.ResourceSchema(t, NewCSMSEventResource())
	if got, want := frameworktest.SortedKeys(s.Attributes), frameworktest.TFSDKTags(csmsEventModel{}); !slices.Equal(got, want) {
		t.Errorf("schema attributes %v, model fields %v", got, want)
	}
	n, ok := s.Attributes["notification"].(schema.SingleNestedAttribute)
	if !ok {
		t.Fatalf("notification is %T, want a single nested attribute", s.Attributes["notification"])
	}
	if got, want := frameworktest.SortedKeys(n.Attributes), frameworktest.TFSDKTags(csmsEventNotificationModel{}); !slices.Equal(got, want) {
		t.Errorf("notification attributes %v, model fields %v", got, want)
	}
}

func TestCSMSEventSchemaDescriptions(t *testing.T) {
	t.Parallel()
	s := frameworktest.ResourceSchema(t, NewCSMSEventResource())
	check := func(prefix string, attrs map[string]schema.Attribute) {
		for name, a := range attrs {
			if a.GetMarkdownDescription() == "" {
				t.Errorf("%s%s has no MarkdownDescription", prefix, name)
			}
		}
	}
	check("", s.Attributes)
	check("notification.", s.Attributes["notification"].(schema.SingleNestedAttribute).Attributes)
}

func TestTopicNameFromURN(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		csmsEventTestTopic:  "alerts",
		"urn:smn:r:p:a_b-1": "a_b-1",
		"no-colons":         "no-colons",
		"urn:smn:r:p:":      "",
		"":                  "",
	}
	for urn, want := range cases {
		if got := topicNameFromURN(urn); got != want {
			t.Errorf("topicNameFromURN(%q) = %q, want %q", urn, got, want)
		}
	}
}

func TestCSMSEventNameRegexp(t *testing.T) {
	t.Parallel()
	valid := []string{"a", "ev_1-X", "x234567890123456789012345678901234567890123456789012345678901234"}
	invalid := []string{"", "has space", "dot.name", "slash/name", "ü", "x2345678901234567890123456789012345678901234567890123456789012345"}
	for _, n := range valid {
		if !patterns.CSMSEventName.MatchString(n) {
			t.Errorf("%q rejected", n)
		}
	}
	for _, n := range invalid {
		if patterns.CSMSEventName.MatchString(n) {
			t.Errorf("%q accepted", n)
		}
	}
}

func csmsEventSet(t *testing.T, values ...string) types.Set {
	t.Helper()
	s, diags := types.SetValueFrom(context.Background(), types.StringType, values)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return s
}

func csmsEventTestModel(t *testing.T, enabled types.Bool, targetName types.String, eventTypes ...string) csmsEventModel {
	t.Helper()
	return csmsEventModel{
		Name:       types.StringValue("ev1"),
		EventTypes: csmsEventSet(t, eventTypes...),
		Enabled:    enabled,
		Notification: &csmsEventNotificationModel{
			TargetType: types.StringValue("SMN"),
			TargetID:   types.StringValue(csmsEventTestTopic),
			TargetName: targetName,
		},
	}
}

func TestCSMSEventCreateRequest(t *testing.T) {
	t.Parallel()
	m := csmsEventTestModel(t, types.BoolValue(false), types.StringUnknown(), "SECRET_ROTATED", "SECRET_DELETED")
	m.Notification.TargetType = types.StringNull()
	got, diags := m.createRequest(context.Background())
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := hwc.CreateSecretEventRequest{
		Name:         "ev1",
		EventTypes:   []string{"SECRET_DELETED", "SECRET_ROTATED"},
		State:        "DISABLED",
		Notification: hwc.EventNotification{TargetType: "SMN", TargetID: csmsEventTestTopic, TargetName: "alerts"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}

	m = csmsEventTestModel(t, types.BoolNull(), types.StringValue("Custom"), "SECRET_ROTATED")
	got, _ = m.createRequest(context.Background())
	if got.State != "ENABLED" || got.Notification.TargetName != "Custom" {
		t.Errorf("null enabled / explicit target_name: got state %q, target_name %q", got.State, got.Notification.TargetName)
	}
}

func TestCSMSEventUpdateRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	state := csmsEventTestModel(t, types.BoolValue(true), types.StringValue("alerts"), "SECRET_ROTATED", "SECRET_DELETED")
	disabled := "DISABLED"

	cases := []struct {
		name        string
		plan        csmsEventModel
		wantChanged bool
		want        hwc.UpdateSecretEventRequest
	}{
		{
			name: "same values, types in another order, target_name left to derive",
			plan: csmsEventTestModel(t, types.BoolValue(true), types.StringUnknown(), "SECRET_DELETED", "SECRET_ROTATED"),
		},
		{
			name:        "only enabled",
			plan:        csmsEventTestModel(t, types.BoolValue(false), types.StringValue("alerts"), "SECRET_ROTATED", "SECRET_DELETED"),
			wantChanged: true,
			want:        hwc.UpdateSecretEventRequest{State: &disabled},
		},
		{
			name:        "only event types",
			plan:        csmsEventTestModel(t, types.BoolValue(true), types.StringValue("alerts"), "SECRET_ROTATED"),
			wantChanged: true,
			want:        hwc.UpdateSecretEventRequest{EventTypes: []string{"SECRET_ROTATED"}},
		},
		{
			name:        "only target name",
			plan:        csmsEventTestModel(t, types.BoolValue(true), types.StringValue("Alerts topic"), "SECRET_ROTATED", "SECRET_DELETED"),
			wantChanged: true,
			want: hwc.UpdateSecretEventRequest{Notification: &hwc.EventNotification{
				TargetType: "SMN", TargetID: csmsEventTestTopic, TargetName: "Alerts topic",
			}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, changed, diags := updateRequest(ctx, tc.plan, state)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if changed != tc.wantChanged || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got changed=%v %+v, want changed=%v %+v", changed, got, tc.wantChanged, tc.want)
			}
		})
	}
}

func TestCSMSEventMatches(t *testing.T) {
	t.Parallel()
	req := hwc.CreateSecretEventRequest{
		Name:         "ev1",
		EventTypes:   []string{"SECRET_DELETED", "SECRET_ROTATED"},
		State:        "ENABLED",
		Notification: hwc.EventNotification{TargetType: "SMN", TargetID: csmsEventTestTopic, TargetName: "alerts"},
	}
	same := func() *hwc.SecretEvent {
		return &hwc.SecretEvent{Name: "ev1", EventID: "id", EventTypes: []string{"SECRET_ROTATED", "SECRET_DELETED"},
			State: "ENABLED", Notification: req.Notification}
	}
	if !eventMatches(same(), req) {
		t.Error("same event with types in another order does not match")
	}
	changes := map[string]func(*hwc.SecretEvent){
		"name":        func(e *hwc.SecretEvent) { e.Name = "ev2" },
		"state":       func(e *hwc.SecretEvent) { e.State = "DISABLED" },
		"fewer types": func(e *hwc.SecretEvent) { e.EventTypes = []string{"SECRET_ROTATED"} },
		"other type":  func(e *hwc.SecretEvent) { e.EventTypes = []string{"SECRET_ROTATED", "SECRET_VERSION_CREATED"} },
		"target id":   func(e *hwc.SecretEvent) { e.Notification.TargetID = "urn:smn:cn-north-4:p:other" },
		"target name": func(e *hwc.SecretEvent) { e.Notification.TargetName = "other" },
	}
	for name, change := range changes {
		ev := same()
		change(ev)
		if eventMatches(ev, req) {
			t.Errorf("event with a different %s matches", name)
		}
	}
	if eventMatches(nil, req) {
		t.Error("nil event matches")
	}
}

func TestFlattenCSMSEvent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	keep := timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType})}
	ev := &hwc.SecretEvent{
		Name: "ev1", EventID: "bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e", EventTypes: []string{"SECRET_VERSION_EXPIRED"},
		State: "DISABLED", CreateTime: 1581507580000, UpdateTime: 1581507581000,
		Notification: hwc.EventNotification{TargetType: "SMN", TargetID: csmsEventTestTopic, TargetName: "alerts"},
	}
	m, diags := flattenCSMSEvent(ctx, ev, keep)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := csmsEventModel{
		ID: types.StringValue("ev1"), Name: types.StringValue("ev1"),
		EventTypes: csmsEventSet(t, "SECRET_VERSION_EXPIRED"),
		Enabled:    types.BoolValue(false),
		Notification: &csmsEventNotificationModel{
			TargetType: types.StringValue("SMN"), TargetID: types.StringValue(csmsEventTestTopic),
			TargetName: types.StringValue("alerts"),
		},
		EventID:   types.StringValue("bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e"),
		CreatedAt: types.StringValue("2020-02-12T11:39:40Z"),
		UpdatedAt: types.StringValue("2020-02-12T11:39:41Z"),
		Timeouts:  keep,
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got  %+v\nwant %+v", m, want)
	}

	ev.State, ev.EventTypes = "ENABLED", nil
	m, _ = flattenCSMSEvent(ctx, ev, keep)
	if !m.Enabled.ValueBool() {
		t.Error("ENABLED flattened to enabled=false")
	}
	if m.EventTypes.IsNull() || len(m.EventTypes.Elements()) != 0 {
		t.Errorf("absent event types flattened to %v, want an empty set", m.EventTypes)
	}
}

// csmsEventPlanWithTargetID builds a plan of the resource whose target_id is v.
func csmsEventPlanWithTargetID(t *testing.T, s schema.Schema, v tftypes.Value) tfsdk.Plan {
	t.Helper()
	typ := s.Type().TerraformType(context.Background()).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	nType := typ.AttributeTypes["notification"].(tftypes.Object)
	vals["notification"] = tftypes.NewValue(nType, map[string]tftypes.Value{
		"target_type": tftypes.NewValue(tftypes.String, "SMN"),
		"target_id":   v,
		"target_name": tftypes.NewValue(tftypes.String, nil),
	})
	return tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, vals)}
}

func TestTargetNameFromURNPlanModifier(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := frameworktest.ResourceSchema(t, NewCSMSEventResource())
	p := path.Root("notification").AtName("target_name")
	cases := []struct {
		name     string
		config   types.String
		targetID tftypes.Value
		planned  types.String
		want     types.String
	}{
		{"omitted: derived from the URN", types.StringNull(), tftypes.NewValue(tftypes.String, csmsEventTestTopic),
			types.StringUnknown(), types.StringValue("alerts")},
		{"omitted, URN unknown: unknown", types.StringNull(), tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
			types.StringValue("stale"), types.StringUnknown()},
		{"configured: kept", types.StringValue("Mine"), tftypes.NewValue(tftypes.String, csmsEventTestTopic),
			types.StringValue("Mine"), types.StringValue("Mine")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := planmodifier.StringRequest{
				Path: p, ConfigValue: tc.config, PlanValue: tc.planned, Plan: csmsEventPlanWithTargetID(t, s, tc.targetID),
			}
			resp := &planmodifier.StringResponse{PlanValue: tc.planned}
			targetNameFromURN{}.PlanModifyString(ctx, req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("planned %v, want %v", resp.PlanValue, tc.want)
			}
		})
	}
}

// A refused delete looks for subscribing secrets; a throttled, failed or lost
// one does not, because only a refusal can be caused by them.
func TestCSMSEventAddDeleteErrorPolicy(t *testing.T) {
	t.Parallel()
	var listed atomic.Int32
	r := &csmsEventResource{IdentifiedResourceBase: framework.NewIdentifiedResourceBase("csms_event", csmsEventIdentity)}
	r.Data = frameworktest.StubData(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		listed.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"secrets":[{"name":"db","event_subscriptions":["ev1"]}],"page_info":{"next_marker":""}}`))
	}))
	cases := []struct {
		err        error
		wantList   bool
		wantDetail string
	}{
		{&hwc.APIError{StatusCode: 400, Code: "CSMS.0002"}, true, "still subscribed by these secrets: db"},
		{&hwc.APIError{StatusCode: 429, Code: "APIG.0308"}, false, "Run terraform destroy (or apply) again"},
		{&hwc.APIError{StatusCode: 503}, false, "Run terraform destroy (or apply) again"},
		{io.ErrUnexpectedEOF, false, "Run terraform destroy (or apply) again"},
	}
	for _, tc := range cases {
		before := listed.Load()
		var diags diag.Diagnostics
		r.addDeleteError(context.Background(), &diags, "ev1", tc.err)
		if got := listed.Load() > before; got != tc.wantList {
			t.Errorf("%v: listed subscribers = %v, want %v", tc.err, got, tc.wantList)
		}
		if !diags.HasError() || !strings.Contains(diags[0].Detail(), tc.wantDetail) {
			t.Errorf("%v: diagnostics %v, want detail containing %q", tc.err, diags, tc.wantDetail)
		}
	}
}

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
