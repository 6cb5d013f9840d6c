package csms

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Wire values of a CSMS secret event, as the CSMS API pages give them.
const (
	csmsEventStateEnabled  = "ENABLED"
	csmsEventStateDisabled = "DISABLED"
	csmsEventTargetSMN     = "SMN"
	csmsEventMaxTypes      = 12
)

var (
	csmsEventTypes = []string{
		"SECRET_VERSION_CREATED",
		"SECRET_VERSION_EXPIRED",
		"SECRET_ROTATED",
		"SECRET_DELETED",
		"SECRET_ROTATED_FAILED",
	}
)

// csmsEventModel is the Terraform shape of hwcloud_csms_event.
type csmsEventModel struct {
	ID           types.String                `tfsdk:"id"`
	Name         types.String                `tfsdk:"name"`
	EventTypes   types.Set                   `tfsdk:"event_types"`
	Enabled      types.Bool                  `tfsdk:"enabled"`
	Notification *csmsEventNotificationModel `tfsdk:"notification"` // nil only in a state being imported
	EventID      types.String                `tfsdk:"event_id"`
	CreatedAt    types.String                `tfsdk:"created_at"`
	UpdatedAt    types.String                `tfsdk:"updated_at"`
	Timeouts     timeouts.Value              `tfsdk:"timeouts"`
}

type csmsEventNotificationModel struct {
	TargetType types.String `tfsdk:"target_type"`
	TargetID   types.String `tfsdk:"target_id"`
	TargetName types.String `tfsdk:"target_name"`
}

// topicNameFromURN returns the last segment of an SMN topic URN
// (`urn:smn:{region}:{project}:{topic}` → `{topic}`); a value without ':'
// is its own last segment (CSMS accepts any target_id).
func topicNameFromURN(urn string) string {
	return urn[strings.LastIndex(urn, ":")+1:]
}

func stateFromEnabled(enabled types.Bool) string {
	// Unset (null/unknown) means the schema default, enabled.
	if !enabled.IsNull() && !enabled.IsUnknown() && !enabled.ValueBool() {
		return csmsEventStateDisabled
	}
	return csmsEventStateEnabled
}

// expand builds the notification the API needs: target_name falls back to
// the topic's name so the common case needs only the URN.
func (n *csmsEventNotificationModel) expand() hwc.EventNotification {
	if n == nil {
		return hwc.EventNotification{TargetType: csmsEventTargetSMN}
	}
	out := hwc.EventNotification{
		TargetType: n.TargetType.ValueString(),
		TargetID:   n.TargetID.ValueString(),
		TargetName: n.TargetName.ValueString(),
	}
	if n.TargetType.IsNull() || n.TargetType.IsUnknown() {
		out.TargetType = csmsEventTargetSMN
	}
	if n.TargetName.IsNull() || n.TargetName.IsUnknown() {
		out.TargetName = topicNameFromURN(out.TargetID)
	}
	return out
}

// createRequest turns a plan into the create body.
func (m csmsEventModel) createRequest(ctx context.Context) (hwc.CreateSecretEventRequest, diag.Diagnostics) {
	eventTypes, diags := framework.SortedStrings(ctx, m.EventTypes)
	return hwc.CreateSecretEventRequest{
		Name:         m.Name.ValueString(),
		EventTypes:   eventTypes,
		State:        stateFromEnabled(m.Enabled),
		Notification: m.Notification.expand(),
	}, diags
}

// updateRequest holds only what differs between plan and state; changed is
// false when the API need not be called at all.
func updateRequest(ctx context.Context, plan, state csmsEventModel) (req hwc.UpdateSecretEventRequest, changed bool, diags diag.Diagnostics) {
	if planState := stateFromEnabled(plan.Enabled); planState != stateFromEnabled(state.Enabled) {
		req.State = &planState
		changed = true
	}
	planTypes, d := framework.SortedStrings(ctx, plan.EventTypes)
	diags.Append(d...)
	stateTypes, d := framework.SortedStrings(ctx, state.EventTypes)
	diags.Append(d...)
	if !slices.Equal(planTypes, stateTypes) {
		req.EventTypes = planTypes
		changed = true
	}
	if planN := plan.Notification.expand(); planN != state.Notification.expand() {
		req.Notification = &planN
		changed = true
	}
	return req, changed, diags
}

// eventMatches reports whether an event found on the service is exactly what
// a create request asked for (event types compared as a set).
func eventMatches(ev *hwc.SecretEvent, req hwc.CreateSecretEventRequest) bool {
	if ev == nil || ev.Name != req.Name || ev.State != req.State || ev.Notification != req.Notification {
		return false
	}
	got := slices.Clone(ev.EventTypes)
	want := slices.Clone(req.EventTypes)
	slices.Sort(got)
	slices.Sort(want)
	return slices.Equal(slices.Compact(got), slices.Compact(want))
}

// flatten copies an API event into the model, keeping the Terraform-only
// timeouts the caller had.
func flattenCSMSEvent(ctx context.Context, ev *hwc.SecretEvent, keep timeouts.Value) (csmsEventModel, diag.Diagnostics) {
	eventTypes, diags := types.SetValueFrom(ctx, types.StringType, nonNil(ev.EventTypes))
	return csmsEventModel{
		ID:         types.StringValue(ev.Name),
		Name:       types.StringValue(ev.Name),
		EventTypes: eventTypes,
		Enabled:    types.BoolValue(ev.State == csmsEventStateEnabled),
		Notification: &csmsEventNotificationModel{
			TargetType: types.StringValue(ev.Notification.TargetType),
			TargetID:   types.StringValue(ev.Notification.TargetID),
			TargetName: types.StringValue(ev.Notification.TargetName),
		},
		EventID:   types.StringValue(ev.EventID),
		CreatedAt: framework.MillisToRFC3339(ev.CreateTime),
		UpdatedAt: framework.MillisToRFC3339(ev.UpdateTime),
		Timeouts:  keep,
	}, diags
}

// nonNil keeps an absent list an empty set rather than a null one, so an API
// answer without types shows as drift from the configuration, not as unset.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
