package csms

import (
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
)

const officialTaskType = "huaweicloud_csms_scheduled_delete_secret_task"

func TestCSMSSecretRestoreMoveFromOfficial(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, officialTaskType)[0] // action = cancel, region null
	var got csmsSecretRestoreModel
	frameworktest.RequireMoved(t, frameworktest.RunMove(t, &csmsSecretRestoreResource{}, frameworktest.MoveRequest(officialTaskType, src)), &got)
	if got.SecretName.ValueString() != "fx-pending" {
		t.Errorf("secret_name = %s", got.SecretName)
	}
	// The refresh reads secret_id and state; restored is false as after an import.
	if !got.SecretID.IsNull() || !got.State.IsNull() || got.Restored.ValueBool() || !got.RestoredAt.IsNull() {
		t.Errorf("secret_id/state/restored/restored_at = %s/%s/%s/%s", got.SecretID, got.State, got.Restored, got.RestoredAt)
	}
}

func TestCSMSSecretRestoreMoveRefusals(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, officialTaskType)[0]
	for name, c := range map[string]struct {
		patch     map[string]any
		fragments []string
	}{
		"a scheduled deletion": {map[string]any{"action": "create"}, []string{
			`action = "create"`, "opposite", "removed {", "destroy = false", "terraform state rm",
			`secret_name = "fx-pending"`,
		}},
		"unknown action":      {map[string]any{"action": "pause"}, []string{`action = "pause"`, "terraform import"}},
		"no secret name":      {map[string]any{"secret_name": ""}, []string{"secret_name is empty"}},
		"invalid name":        {map[string]any{"secret_name": "a/b"}, []string{`"a/b"`, "not a valid"}},
		"action not a string": {map[string]any{"action": 1}, []string{`"action"`}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := frameworktest.RunMove(t, &csmsSecretRestoreResource{}, frameworktest.MoveRequest(officialTaskType, frameworktest.PatchJSON(t, src, c.patch)))
			frameworktest.RequireRefused(t, resp, c.fragments...)
		})
	}
}
