package cts

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

func (r *ctsNotificationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A CTS key-event notification: sends Cloud Trace Service audit events (all of them, or " +
			"a chosen list of operations, optionally only those of given users and optionally filtered) to an SMN " +
			"topic or a FunctionGraph function. Every setting, including the name, is changed in place. Imported " +
			"by notification id or by name.",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("The notification id (`notification_id`, a UUID) the service assigned."),
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Notification name, unique in the project: 1–64 characters, each an English " +
					"letter, a digit, `_` or a Chinese character (other letters, such as `é`, are refused). " +
					"Renaming is an in-place update (the notification keeps its id).",
				Validators: []validator.String{stringvalidator.RegexMatches(ctsNotificationNameRegexp,
					"must be "+ctsNameRule)},
			},
			"operation_type": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "`complete` sends every supported operation of every connected service; " +
					"`customized` sends only the operations listed in `operations`.",
				Validators: []validator.String{stringvalidator.OneOf(ctsOperationComplete, ctsOperationCustomized)},
			},
			"operations": schema.ListNestedAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Operations to notify about. Required when `operation_type` is "+
					"`customized`; with `complete` it is sent as written, with a plan-time warning. At least one "+
					"entry, at most %d distinct `service_type` values and at most %d trace names in all. Removing "+
					"it from the configuration clears it on the service.", ctsMaxServices, ctsMaxTraceNames),
				Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"service_type": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "Acronym of a cloud service connected to CTS, e.g. `CTS`, `ECS`; " +
							"usually upper-case letters (anything else is a plan-time warning).",
						Validators: []validator.String{stringvalidator.LengthAtLeast(1), framework.RegexWarning(ctsServiceTypeRegexp,
							"is not all upper-case letters, as service acronyms usually are")},
					},
					"resource_type": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Resource type of the service, e.g. `tracker`; not empty.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"trace_names": schema.SetAttribute{
						Required:            true,
						ElementType:         types.StringType,
						MarkdownDescription: "Trace (operation) names, e.g. `createTracker`; at least one, none empty.",
						Validators: []validator.Set{
							setvalidator.SizeAtLeast(1),
							setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
						},
					},
				}},
			},
			"notify_users": schema.ListNestedAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Only operations of these IAM users trigger a notification (API "+
					"`notify_user_list`). At most %d user groups and %d users in all. Removing it from the "+
					"configuration clears it on the service.", ctsMaxUserGroups, ctsMaxUsers),
				Validators: []validator.List{listvalidator.SizeBetween(1, ctsMaxUserGroups)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"user_group": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "IAM user group; 1–128 characters.",
						Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, ctsMaxGroupNameChars)},
					},
					"users": schema.SetAttribute{
						Required:            true,
						ElementType:         types.StringType,
						MarkdownDescription: "IAM users of the group; at least one, each 1–64 characters.",
						Validators: []validator.Set{
							setvalidator.SizeAtLeast(1),
							setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 64)),
						},
					},
				}},
			},
			"topic_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Where notifications go: an SMN topic URN " +
					"(`urn:smn:{region}:{project_id}:{topic_name}`) or a FunctionGraph function URN " +
					"(`urn:fss:{region}:{project_id}:function:{package}:{function_name}[:{version}]`). Required when " +
					"`enabled` is `true`. Switching between the two kinds is an in-place update; " +
					"`notification_type` follows.",
				Validators: []validator.String{framework.SMNOrFunctionURN()},
			},
			"enabled": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Whether notifications are sent (API `status` `enabled` / `disabled`). " +
					"Defaults to `true`, which needs `topic_id`.",
			},
			"filter": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Advanced filter: only events matching the rules are sent. Removing it from " +
					"the configuration removes the filter on the service.",
				Attributes: map[string]schema.Attribute{
					"condition": schema.StringAttribute{
						Optional: true,
						Computed: true,
						Default:  stringdefault.StaticString(ctsConditionAND),
						MarkdownDescription: "How the rules combine: `AND` (all must match, the default) or `OR` " +
							"(any one).",
						Validators: []validator.String{stringvalidator.OneOf(ctsConditionAND, ctsConditionOR)},
					},
					"rules": schema.SetAttribute{
						Required:    true,
						ElementType: types.StringType,
						MarkdownDescription: "At least one rule `\"<field> <operator> <value>\"`, e.g. " +
							"`\"trace_rating = warning\"`; other whitespace than single spaces is sent as written " +
							"with a plan-time warning. Operator `=` or `!=`. Fields and values: " +
							"`api_version` (1–64 letters, digits, `_`, `.`, `-`), `code` (1–256 characters), " +
							"`trace_rating` (`normal`, `warning`, `incident`), `trace_type` (`ConsoleAction`, " +
							"`ApiCall`, `SystemAction`), `resource_id` (1–350 characters), `resource_name` " +
							"(1–256 characters). Checked at plan time.",
						Validators: []validator.Set{
							setvalidator.SizeAtLeast(1),
							setvalidator.ValueStringsAre(filterRuleValidator{}),
						},
					},
				},
			},
			"agency_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Cloud service agency for the notification; only `cts_admin_trust` (the " +
					"service creates that agency when needed).",
				Validators: []validator.String{stringvalidator.OneOf(ctsAgencyName)},
			},
			"notification_type": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "`smn` or `fun` (FunctionGraph), derived by the service from `topic_id`; " +
					"known at plan time when `topic_id` is.",
				PlanModifiers: []planmodifier.String{notificationTypeFromTopic{}},
			},
			"project_id": framework.StableComputedString("Project the notification belongs to."),
			"created_at": framework.StableComputedString("When the notification was created, RFC 3339 in UTC."),
			"timeouts":   framework.WriteTimeoutsAttribute(ctx),
		},
	}
}

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
