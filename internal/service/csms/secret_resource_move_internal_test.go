package csms

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
)

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
