package csms

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

func (r *csmsEventResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A CSMS secret event: tells an SMN topic when something happens to the secrets that " +
			"subscribe to it (a secret subscribes through its `event_subscriptions`). Imported by name.",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("Same as `name`."),
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Event name, unique in the project: 1–64 letters, digits, `_` or `-`. " +
					"Changing it replaces the event (the API cannot rename one).",
				Validators: []validator.String{stringvalidator.RegexMatches(patterns.CSMSEventName,
					"must be 1-64 characters of letters, digits, _ or -")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"event_types": schema.SetAttribute{
				Required:    true,
				ElementType: types.StringType,
				MarkdownDescription: fmt.Sprintf("Secret events to notify about: 1–%d of `%s`. A set: order does "+
					"not matter and a repeated value counts once.", csmsEventMaxTypes,
					strings.Join(csmsEventTypes, "`, `")),
				Validators: []validator.Set{
					setvalidator.SizeBetween(1, csmsEventMaxTypes),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(csmsEventTypes...)),
				},
			},
			"enabled": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Whether notifications are sent (API `state` `ENABLED` / `DISABLED`). " +
					"Defaults to `true`.",
			},
			"notification": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "Where notifications go.",
				Attributes: map[string]schema.Attribute{
					"target_type": schema.StringAttribute{
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString(csmsEventTargetSMN),
						MarkdownDescription: "Kind of target. Only `SMN` is supported, which is the default.",
						Validators:          []validator.String{stringvalidator.OneOf(csmsEventTargetSMN)},
					},
					"target_id": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "URN of the SMN topic, `urn:smn:{region}:{project_id}:{topic_name}`. " +
							"CSMS does not check the target, so another shape is only a plan-time warning.",
						Validators: []validator.String{framework.SMNTopicURNWarning()},
					},
					"target_name": schema.StringAttribute{
						Optional: true,
						Computed: true,
						MarkdownDescription: "Name of the SMN topic, at least 1 character. When omitted it is the " +
							"last segment of `target_id` (all of it when it has no `:`), so the common case needs " +
							"only the URN.",
						Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
						PlanModifiers: []planmodifier.String{targetNameFromURN{}},
					},
				},
			},
			"event_id":   framework.StableComputedString("Identifier (UUID) the service gave the event."),
			"created_at": framework.StableComputedString("When the event was created, RFC 3339 in UTC."),
			"updated_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the event was last changed, RFC 3339 in UTC.",
			},
			"timeouts": framework.WriteTimeoutsAttribute(ctx),
		},
	}
}

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
