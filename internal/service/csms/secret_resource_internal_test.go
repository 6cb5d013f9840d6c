package csms

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func TestCSMSSecretSchemaModelParity(t *testing.T) {
	t.Parallel()
	s := frameworktest.ResourceSchema(t, NewCSMSSecretResource())
	if got, want := frameworktest.SortedKeys(s.Attributes), frameworktest.TFSDKTags(csmsSecretModel{}); !slices.Equal(got, want) {
		t.Errorf("schema attributes %v, model fields %v", got, want)
	}
	// The values are write-only and sensitive; nothing else is write-only.
	for name, a := range s.Attributes {
		str, isString := a.(schema.StringAttribute)
		wo := isString && str.WriteOnly
		if want := strings.HasSuffix(name, "_wo"); wo != want || want && !str.Sensitive {
			t.Errorf("%s: write-only %v, sensitive %v", name, wo, isString && str.Sensitive)
		}
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no description", name)
		}
	}
}

// The lenient readings at plan time (docs-dev/validation-rules.md): a description of 2,048
// characters (not bytes), values up to 64 KiB, key ids in the API Explorer's
// [0-9a-z] UUID form or 32 hex, and any enterprise project id of 1 to 36
// characters.
func TestCSMSSecretSchemaLenientRules(t *testing.T) {
	t.Parallel()
	s := frameworktest.ResourceSchema(t, NewCSMSSecretResource())
	attr := func(name string) schema.StringAttribute { return s.Attributes[name].(schema.StringAttribute) }
	b64 := func(n int) string { return base64.StdEncoding.EncodeToString(make([]byte, n)) }
	cases := []struct {
		attr, value string
		ok          bool
	}{
		{"description", strings.Repeat("秘", 2048), true},
		{"description", strings.Repeat("秘", 2049), false},
		{"description", strings.Repeat("d", 2049), false},
		{"secret_string_wo", strings.Repeat("x", 64*1024), true},
		{"secret_string_wo", strings.Repeat("x", 64*1024+1), false},
		{"secret_binary_wo", b64(64 * 1024), true},
		{"secret_binary_wo", b64(64*1024 + 1), false},
		{"kms_key_id", "0d0466b0-e727-4d9c-b35d-f84bb474a37f", true},
		{"kms_key_id", "zzzzzzzz-gggg-hhhh-iiii-jjjjjjjjjjjj", true},
		{"kms_key_id", "0d0466b0e7274d9cb35df84bb474a37f", true},
		{"kms_key_id", "0D0466B0-E727-4D9C-B35D-F84BB474A37F", false},
		{"kms_key_id", "alias/default", false},
		{"enterprise_project_id", "0", true},
		{"enterprise_project_id", "default", true},
		{"enterprise_project_id", strings.Repeat("e", 36), true},
		{"enterprise_project_id", "", false},
		{"enterprise_project_id", strings.Repeat("e", 37), false},
	}
	for _, tc := range cases {
		got := true
		for _, v := range attr(tc.attr).StringValidators() {
			got = got && frameworktest.ValidateString(v, tc.value)
		}
		if got != tc.ok {
			t.Errorf("%s = %.40q (%d characters): ok=%v, want %v", tc.attr, tc.value, len([]rune(tc.value)), got, tc.ok)
		}
	}
}

func TestCSMSSecretVersionSchemaModelParity(t *testing.T) {
	t.Parallel()
	resp := &ephemeral.SchemaResponse{}
	NewCSMSSecretVersionEphemeral().Schema(context.Background(), ephemeral.SchemaRequest{}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if got, want := frameworktest.SortedKeys(resp.Schema.Attributes), frameworktest.TFSDKTags(csmsSecretVersionModel{}); !slices.Equal(got, want) {
		t.Errorf("schema attributes %v, model fields %v", got, want)
	}
	for _, name := range []string{"secret_string", "secret_binary"} {
		if !resp.Schema.Attributes[name].IsSensitive() {
			t.Errorf("%s must be sensitive", name)
		}
	}
}

func tagMapValue(kv map[string]string) types.Map {
	m := map[string]attr.Value{}
	for k, v := range kv {
		m[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, m)
}

func TestTagDiff(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	upsert, remove, diags := tagDiff(ctx,
		tagMapValue(map[string]string{"keep": "1", "change": "new", "add": "x"}),
		tagMapValue(map[string]string{"keep": "1", "change": "old", "drop": "y", "drop2": ""}))
	if diags.HasError() {
		t.Fatal(diags)
	}
	wantUpsert := []hwc.Tag{{Key: "add", Value: "x"}, {Key: "change", Value: "new"}}
	wantRemove := []hwc.Tag{{Key: "drop", Value: "y"}, {Key: "drop2", Value: ""}}
	if !slices.Equal(upsert, wantUpsert) || !slices.Equal(remove, wantRemove) {
		t.Fatalf("upsert %v remove %v; want %v and %v", upsert, remove, wantUpsert, wantRemove)
	}
	// From nothing (create), everything is added.
	upsert, remove, _ = tagDiff(ctx, tagMapValue(map[string]string{"a": "b"}), types.MapNull(types.StringType))
	if len(upsert) != 1 || len(remove) != 0 {
		t.Fatalf("create: upsert %v remove %v", upsert, remove)
	}
	// Equal maps: no call at all.
	upsert, remove, _ = tagDiff(ctx, tagMapValue(map[string]string{"a": "b"}), tagMapValue(map[string]string{"a": "b"}))
	if len(upsert)+len(remove) != 0 {
		t.Fatalf("no change: upsert %v remove %v", upsert, remove)
	}
}

func TestMetadataUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	events := func(names ...string) types.Set {
		var vals []attr.Value
		for _, n := range names {
			vals = append(vals, types.StringValue(n))
		}
		return types.SetValueMust(types.StringType, vals)
	}
	state := csmsSecretModel{Description: types.StringValue("d"), KMSKeyID: types.StringValue("k"), EventSubscriptions: events("ev")}

	if _, changed, _ := metadataUpdate(ctx, state, state); changed {
		t.Error("equal plan and state must send nothing")
	}
	plan := state
	plan.KMSKeyID = types.StringUnknown()
	if _, changed, _ := metadataUpdate(ctx, plan, state); changed {
		t.Error("an unknown key id (left to the service) must send nothing")
	}
	plan = state
	plan.EventSubscriptions = events()
	body, changed, _ := metadataUpdate(ctx, plan, state)
	if !changed || body.EventSubscriptions == nil || len(*body.EventSubscriptions) != 0 || body.Description != nil || body.KMSKeyID != nil {
		t.Errorf("unsubscribing must send an empty list and nothing else: %+v", body)
	}
	plan = state
	plan.Description = types.StringValue("")
	body, changed, _ = metadataUpdate(ctx, plan, state)
	if !changed || body.Description == nil || *body.Description != "" || body.EventSubscriptions != nil {
		t.Errorf("clearing the description must send an empty one: %+v", body)
	}
}

// The base64 rule accepts up to the limit, only warns about an empty value, and never repeats the value in its error.
func TestBase64ValueValidator(t *testing.T) {
	t.Parallel()
	v := base64Value{maxBytes: 4}
	for value, valid := range map[string]bool{
		base64.StdEncoding.EncodeToString([]byte("abcd")):  true,
		base64.StdEncoding.EncodeToString([]byte("a")):     true,
		base64.StdEncoding.EncodeToString([]byte("abcde")): false,
		"":                          true, // a warning, below
		"secret-marker not base64!": false,
		"YWJj":                      true,
		"YWJ":                       false, // unpadded: not standard base64
	} {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("secret_binary_wo"), ConfigValue: types.StringValue(value)}, resp)
		if resp.Diagnostics.HasError() == valid {
			t.Errorf("%q: valid %v, diagnostics %v", value, valid, resp.Diagnostics)
		}
		for _, d := range resp.Diagnostics {
			if value != "" && strings.Contains(d.Summary()+d.Detail(), value) {
				t.Errorf("the error repeats the value: %s", d.Detail())
			}
		}
	}
	empty := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("secret_binary_wo"), ConfigValue: types.StringValue("")}, empty)
	if empty.Diagnostics.WarningsCount() != 1 {
		t.Errorf("an empty value must warn once: %v", empty.Diagnostics)
	}
	for _, unset := range []types.String{types.StringNull(), types.StringUnknown()} {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{ConfigValue: unset}, resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%v must be skipped", unset)
		}
	}
}

// expires_at converts to and from the API's milliseconds in whole seconds, so
// a value read back equals the value written; 0 (the official provider's
// "none") and nil are null.
func TestExpiresAtConversion(t *testing.T) {
	t.Parallel()
	ms, err := expiresAtMillis(types.StringValue("2030-01-02T03:04:05Z"))
	if err != nil || ms == nil || *ms != 1893553445000 {
		t.Fatalf("expiresAtMillis = %v, %v", ms, err)
	}
	if got := expiresAtValue(ms).ValueString(); got != "2030-01-02T03:04:05Z" {
		t.Errorf("round trip gave %s", got)
	}
	withMillis := int64(1893553445678) // set outside Terraform with a sub-second part
	if got := expiresAtValue(&withMillis).ValueString(); got != "2030-01-02T03:04:05Z" {
		t.Errorf("a sub-second part must be dropped, got %s", got)
	}
	zero := int64(0)
	if !expiresAtValue(nil).IsNull() || !expiresAtValue(&zero).IsNull() {
		t.Error("nil and 0 must be null")
	}
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		if ms, err := expiresAtMillis(v); ms != nil || err != nil {
			t.Errorf("%v: %v, %v", v, ms, err)
		}
	}
}

func TestExpiresAtFormatValidator(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for value, valid := range map[string]bool{
		"2030-01-02T03:04:05Z":      true,
		"2030-01-02T03:04:05.5Z":    false, // a fraction would read back without it
		"2030-01-02T11:04:05+08:00": false, // an offset would read back as UTC
		"2030-02-31T00:00:00Z":      false,
		"2030-01-02 03:04:05":       false,
		"tomorrow":                  false,
	} {
		resp := &validator.StringResponse{}
		expiresAtFormat{}.ValidateString(ctx, validator.StringRequest{Path: path.Root("expires_at"), ConfigValue: types.StringValue(value)}, resp)
		if resp.Diagnostics.HasError() == valid {
			t.Errorf("%q: valid %v, diagnostics %v", value, valid, resp.Diagnostics)
		}
		if !valid && !strings.Contains(frameworktest.DiagText(resp.Diagnostics), "2030-01-02T03:04:05Z") {
			t.Errorf("%q: the message shows no example: %v", value, resp.Diagnostics)
		}
	}
}

// secretPlanState is a plan or state of hwcloud_csms_secret with only
// expires_at and secret_wo_version set.
func secretPlanState(t *testing.T, s schema.Schema, expires tftypes.Value, version int64) tftypes.Value {
	t.Helper()
	typ := s.Type().TerraformType(context.Background()).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	vals["expires_at"] = expires
	vals["secret_wo_version"] = tftypes.NewValue(tftypes.Number, version)
	return tftypes.NewValue(typ, vals)
}

func TestExpiresAtPlanModifier(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := frameworktest.ResourceSchema(t, NewCSMSSecretResource())
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	str := func(v string) tftypes.Value {
		if v == "" {
			return tftypes.NewValue(tftypes.String, nil)
		}
		return tftypes.NewValue(tftypes.String, v)
	}
	val := func(v string) types.String {
		if v == "" {
			return types.StringNull()
		}
		return types.StringValue(v)
	}
	cases := []struct {
		name                 string
		prior, planned       string
		priorVer, plannedVer int64
		noState              bool
		wantError, wantWarn  bool
	}{
		{name: "create in the future", planned: "2030-01-01T00:00:00Z", noState: true},
		{name: "create in the past: a warning", planned: "2020-01-01T00:00:00Z", noState: true, wantWarn: true},
		{name: "changed to the past: a warning", prior: "2030-01-01T00:00:00Z", planned: "2026-05-31T23:59:59Z", priorVer: 1, plannedVer: 1, wantWarn: true},
		{name: "unchanged and passed: silent", prior: "2020-01-01T00:00:00Z", planned: "2020-01-01T00:00:00Z", priorVer: 1, plannedVer: 1},
		{name: "removed without a new version: an error", prior: "2030-01-01T00:00:00Z", priorVer: 1, plannedVer: 1, wantError: true},
		{name: "removed with a new version", prior: "2030-01-01T00:00:00Z", priorVer: 1, plannedVer: 2},
		{name: "none before, none now", priorVer: 1, plannedVer: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := planmodifier.StringRequest{
				Path: path.Root("expires_at"), PlanValue: val(tc.planned), ConfigValue: val(tc.planned), StateValue: val(tc.prior),
				Plan:  tfsdk.Plan{Schema: s, Raw: secretPlanState(t, s, str(tc.planned), tc.plannedVer)},
				State: tfsdk.State{Schema: s, Raw: secretPlanState(t, s, str(tc.prior), tc.priorVer)},
			}
			if tc.noState {
				req.State.Raw, req.StateValue = tftypes.NewValue(s.Type().TerraformType(ctx), nil), types.StringNull()
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			expiresAtPlan{now: func() time.Time { return now }}.PlanModifyString(ctx, req, resp)
			if got := resp.Diagnostics.HasError(); got != tc.wantError {
				t.Errorf("error %v, want %v: %v", got, tc.wantError, resp.Diagnostics)
			}
			if got := resp.Diagnostics.WarningsCount() > 0; got != tc.wantWarn {
				t.Errorf("warning %v, want %v: %v", got, tc.wantWarn, resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(req.PlanValue) {
				t.Errorf("the plan changed to %v", resp.PlanValue)
			}
		})
	}
}

// An empty text value warns, never fails: no source says the service refuses one.
func TestEmptySecretStringOnlyWarns(t *testing.T) {
	t.Parallel()
	attr := frameworktest.ResourceSchema(t, NewCSMSSecretResource()).Attributes["secret_string_wo"].(schema.StringAttribute)
	var diags diag.Diagnostics
	for _, v := range attr.StringValidators() {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("secret_string_wo"), ConfigValue: types.StringValue("")}, resp)
		diags.Append(resp.Diagnostics...)
	}
	if diags.HasError() || diags.WarningsCount() != 1 {
		t.Fatalf("want one warning and no error, got %v", diags)
	}
}

const officialSecretType = "huaweicloud_csms_secret"

// officialSecretHash is the SHA-1 the official provider keeps in secret_text.
const officialSecretHash = "369be5ad560a911cd79f5a4da71a58b6203a5f6c"

func decodeOfficialSecret(t *testing.T, attrs json.RawMessage) officialCSMSSecret {
	t.Helper()
	var diags diag.Diagnostics
	var src officialCSMSSecret
	if !csmsSecretMove.Decode(frameworktest.MoveRequest(officialSecretType, attrs), &src, &diags) {
		t.Fatalf("decode: %s", frameworktest.DiagText(diags))
	}
	return src
}

func TestCSMSSecretFromOfficialState(t *testing.T) {
	t.Parallel()
	attrs := frameworktest.OfficialInstances(t, officialSecretType)[0]
	if !strings.Contains(string(attrs), officialSecretHash) {
		t.Fatal("the fixture no longer holds the hash this test looks for")
	}
	var diags diag.Diagnostics
	s, tags, ok := decodeOfficialSecret(t, attrs).secret(&diags)
	if !ok {
		t.Fatal(frameworktest.DiagText(diags))
	}
	if s.Name != "fx-secret" || s.ID != "dfa19467-32df-4818-aecc-82c8c76e6505" || s.State != "ENABLED" ||
		s.KMSKeyID != "9c2a6f1e-0d5b-4c1a-8d53-3a1f2b7c9e10" || s.SecretType != "COMMON" ||
		s.EnterpriseProjectID != "0" || s.Description != "a secret made by the official provider" {
		t.Errorf("secret = %+v", s)
	}
	if len(s.EventSubscriptions) != 1 || s.EventSubscriptions[0] != "fx_event" || tags["env"] != "prod" || len(tags) != 1 {
		t.Errorf("event_subscriptions/tags = %v/%v", s.EventSubscriptions, tags)
	}
	if got := framework.MillisToRFC3339(s.CreateTime).ValueString(); got != "2026-12-01T18:15:08Z" {
		t.Errorf("create_time became %s", got)
	}
	// Not in the official state: left to the refresh, never invented.
	if s.UpdateTime != 0 {
		t.Errorf("update_time = %d, want 0 (unknown)", s.UpdateTime)
	}
	// The hash of the value must not survive in anything the move produces.
	if dump := fmt.Sprintf("%+v %v", s, tags); strings.Contains(dump, officialSecretHash) {
		t.Errorf("the SHA-1 of the value was carried over: %s", dump)
	}
}

func TestCSMSSecretFromOfficialStateVariants(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, officialSecretType)[0]
	var diags diag.Diagnostics
	s, _, ok := decodeOfficialSecret(t, frameworktest.PatchJSON(t, src, map[string]any{"name": "", "secret_id": ""})).secret(&diags)
	if !ok || s.Name != "fx-secret" || s.ID != "dfa19467-32df-4818-aecc-82c8c76e6505" {
		t.Errorf("name and secret_id were not taken from id: %+v (%s)", s, frameworktest.DiagText(diags))
	}
	// Periods, as the console allows them, whether the name comes from name or from id.
	for _, patch := range []map[string]any{{"name": "svc.db.token"}, {"name": "", "id": "dfa19467-32df-4818-aecc-82c8c76e6505/svc.db.token"}} {
		if s, _, ok := decodeOfficialSecret(t, frameworktest.PatchJSON(t, src, patch)).secret(&diags); !ok || s.Name != "svc.db.token" {
			t.Errorf("a name with periods did not move (%v): %+v (%s)", patch, s, frameworktest.DiagText(diags))
		}
	}
	s, tags, ok := decodeOfficialSecret(t, frameworktest.PatchJSON(t, src, map[string]any{"tags": nil, "create_time": "now"})).secret(&diags)
	if !ok || tags == nil || len(tags) != 0 || s.CreateTime != 0 {
		t.Errorf("no tags and an unreadable create_time: tags=%v create=%d", tags, s.CreateTime)
	}
	for name, c := range map[string]struct {
		patch     map[string]any
		fragments []string
	}{
		"no name at all": {map[string]any{"name": "", "id": ""}, []string{"name is empty"}},
		"invalid name":   {map[string]any{"name": "a b"}, []string{`"a b"`, "not a valid"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			if _, _, ok := decodeOfficialSecret(t, frameworktest.PatchJSON(t, src, c.patch)).secret(&diags); ok {
				t.Fatal("accepted")
			}
			for _, f := range c.fragments {
				if !strings.Contains(frameworktest.DiagText(diags), f) {
					t.Errorf("error does not mention %q: %s", f, frameworktest.DiagText(diags))
				}
			}
		})
	}
}

func TestCSMSSecretMoveFromOfficial(t *testing.T) {
	t.Parallel()
	resp := frameworktest.RunMove(t, &csmsSecretResource{}, frameworktest.MoveRequest(officialSecretType, frameworktest.OfficialInstances(t, officialSecretType)[0]))
	var got csmsSecretModel
	frameworktest.RequireMoved(t, resp, &got)
	if got.ID.ValueString() != "fx-secret" || got.Name.ValueString() != "fx-secret" ||
		got.SecretID.ValueString() != "dfa19467-32df-4818-aecc-82c8c76e6505" || got.State.ValueString() != "ENABLED" {
		t.Errorf("id/name/secret_id/state = %s/%s/%s/%s", got.ID, got.Name, got.SecretID, got.State)
	}
	if got.CreatedAt.ValueString() != "2026-12-01T18:15:08Z" || !got.UpdatedAt.IsNull() || !got.LatestVersionID.IsNull() {
		t.Errorf("created_at/updated_at/latest_version_id = %s/%s/%s", got.CreatedAt, got.UpdatedAt, got.LatestVersionID)
	}
	// Terraform-side settings at their defaults, so a configuration without them plans no change.
	if got.SecretWOVersion.ValueInt64() != 1 || got.RecoveryWindowDays.ValueInt64() != csmsSecretMinRecoveryDays ||
		got.DeleteWithoutRecovery.ValueBool() {
		t.Errorf("secret_wo_version/recovery_window_days/delete_without_recovery = %s/%s/%s",
			got.SecretWOVersion, got.RecoveryWindowDays, got.DeleteWithoutRecovery)
	}
	if !got.SecretStringWO.IsNull() || !got.SecretBinaryWO.IsNull() {
		t.Error("a write-only value is set in the moved state")
	}
	if raw := resp.TargetState.Raw.String(); strings.Contains(raw, officialSecretHash) {
		t.Errorf("the SHA-1 of the value reached the moved state: %s", raw)
	}
}

// The official expire_time (ms, 0 = none) becomes expires_at.
func TestCSMSSecretMoveKeepsExpiry(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, officialSecretType)[0]
	for expire, want := range map[int64]string{1893553445000: "2030-01-02T03:04:05Z", 0: ""} {
		resp := frameworktest.RunMove(t, &csmsSecretResource{}, frameworktest.MoveRequest(officialSecretType,
			frameworktest.PatchJSON(t, src, map[string]any{"expire_time": expire})))
		var got csmsSecretModel
		frameworktest.RequireMoved(t, resp, &got)
		if got.ExpiresAt.ValueString() != want || (want == "") != got.ExpiresAt.IsNull() {
			t.Errorf("expire_time %d became expires_at %v, want %q", expire, got.ExpiresAt, want)
		}
	}
}

// The official provider merged its default tags into tags: after the move,
// tags_all holds every tag, and tags what is not one of this provider's
// defaults with the default's value; ignored keys are in neither.
func TestCSMSSecretMoveTagsAll(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, officialSecretType)[0]
	patched := frameworktest.PatchJSON(t, src, map[string]any{"tags": map[string]string{"env": "prod", "app": "web", "owner": "bob"}})
	r := &csmsSecretResource{}
	r.Data = &framework.ProviderData{Tags: framework.TagPolicy{Defaults: map[string]string{"env": "prod"}, IgnoreKeys: []string{"owner"}}}
	resp := frameworktest.RunMove(t, r, frameworktest.MoveRequest(officialSecretType, patched))
	var got csmsSecretModel
	frameworktest.RequireMoved(t, resp, &got)
	if tags := got.Tags.String(); tags != `{"app":"web"}` {
		t.Errorf("tags = %s", tags)
	}
	if all := got.TagsAll.String(); all != `{"app":"web","env":"prod"}` {
		t.Errorf("tags_all = %s", all)
	}
}

var testTagPolicy = framework.TagPolicy{
	Defaults:          map[string]string{"env": "prod", "team": "a"},
	IgnoreKeys:        []string{"owner"},
	IgnoreKeyPrefixes: []string{"policy:"},
}

func TestPlannedTagsAll(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	all, diags := plannedTagsAll(ctx, tagMapValue(map[string]string{"team": "b", "app": "web", "policy:x": "1"}), testTagPolicy)
	if diags.HasError() {
		t.Fatal(diags)
	}
	got, _ := stringMap(ctx, all)
	if want := map[string]string{"env": "prod", "team": "b", "app": "web"}; !maps.Equal(got, want) {
		t.Errorf("tags_all = %v, want %v", got, want)
	}
	if all, _ := plannedTagsAll(ctx, types.MapUnknown(types.StringType), testTagPolicy); !all.IsUnknown() {
		t.Errorf("unknown tags: tags_all = %v, want unknown", all)
	}
	partly := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringUnknown()})
	if all, _ := plannedTagsAll(ctx, partly, testTagPolicy); !all.IsUnknown() {
		t.Errorf("an unknown tag value: tags_all = %v, want unknown", all)
	}
	if all, _ := plannedTagsAll(ctx, types.MapNull(types.StringType), framework.TagPolicy{}); all.IsNull() || len(all.Elements()) != 0 {
		t.Errorf("no tags and no defaults: tags_all = %v, want empty", all)
	}
}

// secretPlan is a plan of hwcloud_csms_secret with the given tags (the other attributes null).
func secretPlan(t *testing.T, tags types.Map) tfsdk.Plan {
	t.Helper()
	s := frameworktest.ResourceSchema(t, NewCSMSSecretResource())
	typ := s.Type().TerraformType(context.Background()).(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, attrs)}
	if diags := plan.SetAttribute(context.Background(), path.Root("tags"), tags); diags.HasError() {
		t.Fatal(diags)
	}
	return plan
}

func TestCSMSSecretModifyPlanTagsAll(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	run := func(data *framework.ProviderData, tags types.Map) (types.Map, string) {
		r := NewCSMSSecretResource().(*csmsSecretResource)
		r.Configure(ctx, resource.ConfigureRequest{ProviderData: data}, &resource.ConfigureResponse{})
		plan := secretPlan(t, tags)
		resp := &resource.ModifyPlanResponse{Plan: plan}
		r.ModifyPlan(ctx, resource.ModifyPlanRequest{Plan: plan}, resp)
		var all types.Map
		resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("tags_all"), &all)...)
		return all, frameworktest.DiagText(resp.Diagnostics)
	}
	data := &framework.ProviderData{Tags: testTagPolicy}
	all, diags := run(data, tagMapValue(map[string]string{"env": "dev"}))
	got, _ := stringMap(ctx, all)
	if want := map[string]string{"env": "dev", "team": "a"}; diags != "" || !maps.Equal(got, want) {
		t.Errorf("tags_all = %v (%s), want %v", got, diags, want)
	}
	if all, _ := run(nil, tagMapValue(nil)); !all.IsUnknown() {
		t.Errorf("unconfigured provider: tags_all = %v, want unknown", all)
	}
	// The limit applies to the merged set: 19 tags and two defaults are too many.
	many := map[string]string{}
	for i := range 19 {
		many["k"+strings.Repeat("x", i)] = "v"
	}
	if _, diags := run(data, tagMapValue(many)); !strings.Contains(diags, "Too many tags") || !strings.Contains(diags, "make 21") {
		t.Errorf("21 merged tags: diagnostics %q", diags)
	}
	if _, diags := run(&framework.ProviderData{}, tagMapValue(many)); diags != "" {
		t.Errorf("19 tags without defaults: diagnostics %q", diags)
	}
}

// A default tag CSMS would refuse fails the plan, unless the secret's own
// tag overrides it or ignore_tags names it.
func TestCSMSSecretModifyPlanChecksDefaultTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	check := func(policy framework.TagPolicy, tags map[string]string) string {
		r := NewCSMSSecretResource().(*csmsSecretResource)
		r.Configure(ctx, resource.ConfigureRequest{ProviderData: &framework.ProviderData{Tags: policy}}, &resource.ConfigureResponse{})
		plan := secretPlan(t, tagMapValue(tags))
		resp := &resource.ModifyPlanResponse{Plan: plan}
		r.ModifyPlan(ctx, resource.ModifyPlanRequest{Plan: plan}, resp)
		return frameworktest.DiagText(resp.Diagnostics)
	}
	bad := framework.TagPolicy{Defaults: map[string]string{"cost/center": "1", "_sys_x": "1", "ok": "a#b", "fine": "v"}}
	diags := check(bad, nil)
	for _, want := range []string{`"cost/center"`, `"_sys_x"`, `"ok"`, "Invalid default tag", "a#b"} {
		if !strings.Contains(diags, want) {
			t.Errorf("diagnostics lack %s: %s", want, diags)
		}
	}
	if strings.Contains(diags, `"fine"`) {
		t.Errorf("a valid default was reported: %s", diags)
	}
	overridden := framework.TagPolicy{Defaults: map[string]string{"ok": "a#b"}}
	if diags := check(overridden, map[string]string{"ok": "fixed"}); diags != "" {
		t.Errorf("a default the secret overrides: %s", diags)
	}
	ignored := framework.TagPolicy{Defaults: bad.Defaults, IgnoreKeys: []string{"ok", "_sys_x"}, IgnoreKeyPrefixes: []string{"cost/"}}
	if diags := check(ignored, nil); diags != "" {
		t.Errorf("ignored defaults: %s", diags)
	}
}

func TestCSMSSecretSetFromServiceSplitsTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := csmsSecretModel{Tags: tagMapValue(map[string]string{"app": "web"})}
	found := &csmsSecretFound{Tags: map[string]string{"app": "web", "env": "prod", "team": "x", "owner": "bob", "policy:c": "1"}}
	if diags := m.setFromService(ctx, found, testTagPolicy); diags.HasError() {
		t.Fatal(diags)
	}
	tags, _ := stringMap(ctx, m.Tags)
	all, _ := stringMap(ctx, m.TagsAll)
	if want := map[string]string{"app": "web", "team": "x"}; !maps.Equal(tags, want) {
		t.Errorf("tags = %v, want %v (a default as configured is not drift; a changed one is)", tags, want)
	}
	if want := map[string]string{"app": "web", "env": "prod", "team": "x"}; !maps.Equal(all, want) {
		t.Errorf("tags_all = %v, want %v (ignored keys left out)", all, want)
	}
}

func TestWithoutIgnoredTags(t *testing.T) {
	t.Parallel()
	found := []hwc.ResourceInstance{
		{Tags: []hwc.Tag{{Key: "owner", Value: "bob"}, {Key: "app", Value: "web"}}, SysTags: []hwc.Tag{{Key: "_sys_enterprise_project_id", Value: "0"}}},
		{Tags: []hwc.Tag{{Key: "policy:cost", Value: "1"}}},
	}
	got := withoutIgnoredTags(found, testTagPolicy)
	if !slices.Equal(got[0].Tags, []hwc.Tag{{Key: "app", Value: "web"}}) || len(got[1].Tags) != 0 {
		t.Errorf("tags = %v / %v", got[0].Tags, got[1].Tags)
	}
	if len(got[0].SysTags) != 1 {
		t.Errorf("system tags are kept: %v", got[0].SysTags)
	}
}

func TestCreateRequestEnterpriseProjectPrecedence(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, c := range []struct {
		planned    types.String
		provider   string
		wantOnWire string
	}{
		{types.StringValue("ep-own"), "ep-provider", "ep-own"},
		{types.StringUnknown(), "ep-provider", "ep-provider"},
		{types.StringUnknown(), "", ""}, // the service's default
	} {
		m := csmsSecretModel{EnterpriseProjectID: c.planned, EventSubscriptions: types.SetNull(types.StringType)}
		body, diags := m.createRequest(ctx, hwc.SecretValue{String: "v"}, c.provider)
		if diags.HasError() || body.EnterpriseProjectID != c.wantOnWire {
			t.Errorf("planned %v, provider %q: sent %q, want %q (%v)", c.planned, c.provider, body.EnterpriseProjectID, c.wantOnWire, diags)
		}
	}
}
