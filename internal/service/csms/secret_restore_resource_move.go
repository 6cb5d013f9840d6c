package csms

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var _ resource.ResourceWithMoveState = (*csmsSecretRestoreResource)(nil)

var csmsSecretRestoreMove = framework.OfficialMove{
	SourceType: "huaweicloud_csms_scheduled_delete_secret_task",
	TargetType: "hwcloud_csms_secret_restore",
}

// Actions of the official scheduled-deletion task.
const (
	officialTaskCancel = "cancel" // cancels a scheduled deletion: what hwcloud_csms_secret_restore keeps true
	officialTaskCreate = "create" // schedules a deletion
)

// officialSecretTask is huaweicloud_csms_scheduled_delete_secret_task as the
// official provider stores it: a one-time action with a random id that it
// never reads back.
type officialSecretTask struct {
	SecretName string `json:"secret_name"`
	Action     string `json:"action"`
	Region     string `json:"region"`
}

func (r *csmsSecretRestoreResource) MoveState(context.Context) []resource.StateMover {
	return framework.MoveFrom(csmsSecretRestoreMove, r.stateFromOfficial)
}

func (r *csmsSecretRestoreResource) stateFromOfficial(ctx context.Context, src *officialSecretTask, resp *resource.MoveStateResponse) any {
	m := csmsSecretRestoreMove
	if !m.RequireText("secret_name", src.SecretName, &resp.Diagnostics) {
		return nil
	}
	name := src.SecretName
	switch src.Action {
	case officialTaskCancel:
	case officialTaskCreate:
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot move %s with action = %q into %s", m.SourceType,
			officialTaskCreate, m.TargetType), fmt.Sprintf("This task scheduled secret %q for deletion; %s "+
			"does the opposite (it keeps the secret from deletion), so moving the task would turn its meaning "+
			"around. Nothing was moved.\n\n"+
			"Remove this moved block. To stop tracking the task without touching the secret, replace the task "+
			"resource in the configuration with a removed block (Terraform >= 1.7):\n\n"+
			"  removed {\n    from = %s.<name>\n    lifecycle {\n      destroy = false\n    }\n  }\n\n"+
			"or run `terraform state rm %s.<name>`. To cancel the deletion instead, declare %s with "+
			"secret_name = %q and apply it.", name, m.TargetType, m.SourceType, m.SourceType, m.TargetType, name))
		return nil
	default:
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot move %s into %s: action", m.SourceType, m.TargetType),
			fmt.Sprintf("The task for secret %q has action = %q; only %q (cancel a scheduled deletion) can be "+
				"moved into %s. Nothing was moved. Remove the moved block and import the guard instead: "+
				"`terraform import %s.<name> %s`.", name, src.Action, officialTaskCancel, m.TargetType,
				m.TargetType, name))
		return nil
	}
	if !patterns.CSMSSecretName.MatchString(name) {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot move %s into %s: secret_name", m.SourceType, m.TargetType),
			fmt.Sprintf("The task's secret_name %q is not a valid CSMS secret name (%s). Nothing was moved.",
				name, csmsSecretNameRule))
		return nil
	}
	m.RecordRegion(ctx, resp.TargetPrivate, fmt.Sprintf("the task for secret %q", name), src.Region, &resp.Diagnostics)
	// secret_id and state come from the refresh that follows the move.
	// restored says whether this provider's apply cancelled a deletion: it
	// did not (the official task did), the same answer an import gives.
	return &csmsSecretRestoreModel{
		SecretName: types.StringValue(name),
		SecretID:   types.StringNull(),
		State:      types.StringNull(),
		Restored:   types.BoolValue(false),
		RestoredAt: types.StringNull(),
	}
}
