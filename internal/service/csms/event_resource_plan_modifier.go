package csms

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// targetNameFromURN plans an omitted notification.target_name as the topic
// name at the end of target_id, so the plan shows the value that will be sent
// and a target_name changed outside Terraform shows as drift.
type targetNameFromURN struct{}

var _ planmodifier.String = targetNameFromURN{}

func (targetNameFromURN) Description(context.Context) string {
	return "When not configured, defaults to the last segment of target_id."
}

func (m targetNameFromURN) MarkdownDescription(ctx context.Context) string {
	return "When not configured, defaults to the last segment of `target_id`."
}

func (targetNameFromURN) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var targetID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, req.Path.ParentPath().AtName("target_id"), &targetID)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if targetID.IsNull() || targetID.IsUnknown() {
		resp.PlanValue = types.StringUnknown()
		return
	}
	resp.PlanValue = types.StringValue(topicNameFromURN(targetID.ValueString()))
}
