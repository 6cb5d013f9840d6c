package cts

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// notificationTypeFromTopic plans notification_type from topic_id the way the
// service derives it, so switching an SMN topic for a function shows the new
// type in the plan, and an unchanged notification keeps its type.
type notificationTypeFromTopic struct{}

var _ planmodifier.String = notificationTypeFromTopic{}

func (notificationTypeFromTopic) Description(context.Context) string {
	return "Derived from topic_id: smn for an SMN topic URN, fun for a FunctionGraph function URN."
}

func (m notificationTypeFromTopic) MarkdownDescription(ctx context.Context) string {
	return "Derived from `topic_id`: `smn` for an SMN topic URN, `fun` for a FunctionGraph function URN."
}

func (notificationTypeFromTopic) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var planTopic types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("topic_id"), &planTopic)...)
	if resp.Diagnostics.HasError() || planTopic.IsUnknown() {
		return
	}
	if t := notificationTypeOf(planTopic.ValueString()); t != "" {
		resp.PlanValue = types.StringValue(t)
		return
	}
	// No topic: the service decides; an existing notification keeps what it has.
	if req.State.Raw.IsNull() {
		return
	}
	var stateTopic types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("topic_id"), &stateTopic)...)
	if !resp.Diagnostics.HasError() && stateTopic.IsNull() {
		resp.PlanValue = req.StateValue
	}
}
