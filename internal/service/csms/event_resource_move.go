package csms

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

var _ resource.ResourceWithMoveState = (*csmsEventResource)(nil)

var csmsEventMove = framework.OfficialMove{SourceType: "huaweicloud_csms_event", TargetType: "hwcloud_csms_event"}

// officialCSMSEvent is huaweicloud_csms_event as the official provider stores
// it: the notification target flattened into three attributes, the state as
// `status`, and `id` equal to the name.
type officialCSMSEvent struct {
	ID                     string   `json:"id"`
	Name                   string   `json:"name"`
	EventID                string   `json:"event_id"`
	EventTypes             []string `json:"event_types"`
	Status                 string   `json:"status"`
	NotificationTargetType string   `json:"notification_target_type"`
	NotificationTargetID   string   `json:"notification_target_id"`
	NotificationTargetName string   `json:"notification_target_name"`
	Region                 string   `json:"region"`
}

func (r *csmsEventResource) MoveState(context.Context) []resource.StateMover {
	return framework.MoveFrom(csmsEventMove, r.stateFromOfficial)
}

func (r *csmsEventResource) stateFromOfficial(ctx context.Context, src *officialCSMSEvent, resp *resource.MoveStateResponse) any {
	ev, ok := src.event(&resp.Diagnostics)
	if !ok {
		return nil
	}
	csmsEventMove.RecordRegion(ctx, resp.TargetPrivate, fmt.Sprintf("CSMS event %q", ev.Name), src.Region, &resp.Diagnostics)
	// The state takes the shape a read of the same event gives; created_at and
	// updated_at are not in the official state and stay null until the refresh
	// that follows the move reads them.
	state, diags := flattenCSMSEvent(ctx, ev, framework.MovedTimeouts(nil, &resp.Diagnostics))
	resp.Diagnostics.Append(diags...)
	return state
}

// event is the official state in wire form, as ShowSecretEvent would return it.
func (src officialCSMSEvent) event(diags *diag.Diagnostics) (*hwc.SecretEvent, bool) {
	name := src.Name
	if name == "" {
		name = src.ID // id is the name in the official state
	}
	if !csmsEventMove.RequireText("name", name, diags) {
		return nil, false
	}
	if src.Status != csmsEventStateEnabled && src.Status != csmsEventStateDisabled {
		diags.AddError(fmt.Sprintf("Cannot move %s into %s: status", csmsEventMove.SourceType, csmsEventMove.TargetType),
			fmt.Sprintf("The state of CSMS event %q has status = %q; it must be %q or %q (it becomes enabled = "+
				"true or false). Nothing was moved. Run `terraform apply -refresh-only` with the huaweicloud "+
				"provider so it reads the event again, or remove the moved block and import the event.", name,
				src.Status, csmsEventStateEnabled, csmsEventStateDisabled))
		return nil, false
	}
	return &hwc.SecretEvent{
		Name:       name,
		EventID:    src.EventID,
		EventTypes: src.EventTypes,
		State:      src.Status,
		Notification: hwc.EventNotification{
			TargetType: src.NotificationTargetType,
			TargetID:   src.NotificationTargetID,
			TargetName: src.NotificationTargetName,
		},
	}, true
}
