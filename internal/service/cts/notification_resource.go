package cts

import (
	"context"
	"errors"
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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var (
	_ resource.Resource                   = (*ctsNotificationResource)(nil)
	_ resource.ResourceWithConfigure      = (*ctsNotificationResource)(nil)
	_ resource.ResourceWithImportState    = (*ctsNotificationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*ctsNotificationResource)(nil)
)

// ctsNotificationResource manages a CTS key-event notification: which audit
// events are sent to an SMN topic or a FunctionGraph function.
type ctsNotificationResource struct {
	framework.ResourceBase
}

// NewCTSNotificationResource is the constructor the provider registers.
func NewCTSNotificationResource() resource.Resource {
	return &ctsNotificationResource{ResourceBase: framework.NewResourceBase("cts_notification")}
}

func (r *ctsNotificationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A CTS key-event notification: sends Cloud Trace Service audit events (all of them, or " +
			"a chosen list of operations, optionally only those of given users and optionally filtered) to an SMN " +
			"topic or a FunctionGraph function. Every setting, including the name, is changed in place. Imported " +
			"by notification id or by name.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The notification id (`notification_id`, a UUID) the service assigned.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
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
			"project_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Project the notification belongs to.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the notification was created, RFC 3339 in UTC.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": framework.WriteTimeoutsAttribute(ctx),
		},
	}
}

func (r *ctsNotificationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg ctsNotificationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateCTSNotificationConfig(ctx, cfg, &resp.Diagnostics)
}

func (r *ctsNotificationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ctsNotificationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.Configured(&resp.Diagnostics) {
		return
	}
	ctx, cancel := r.WriteContext(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	want, diags := plan.settings(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	n, err := r.create(ctx, want)
	if err != nil {
		addCTSNotificationError(&resp.Diagnostics, fmt.Sprintf("Cannot create CTS notification %q", want.Name),
			err, want, "")
		return
	}
	// The create body has no status: the service decides (enabled when it has
	// a topic). One PUT brings it to what the configuration says.
	var statusErr error
	if n.Status != want.status() {
		updated, err := r.Data.Client.UpdateCTSNotification(ctx, want.updateRequest(n.NotificationID))
		if err == nil {
			n = updated
		}
		statusErr = err
	}
	state, diags := flattenCTSNotification(ctx, n, plan)
	// Save even when a later step failed: the notification exists and must not be orphaned.
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	resp.Diagnostics.Append(r.setIdentity(ctx, resp.Identity, n.NotificationID)...)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(framework.MarkCreated(ctx, resp.Private)...)
	if statusErr != nil {
		addCTSNotificationError(&resp.Diagnostics,
			fmt.Sprintf("CTS notification %q was created, but setting its status to %s failed", want.Name, want.status()),
			statusErr, want, fmt.Sprintf("The notification exists (id %s) and is saved in the state as %s. ",
				n.NotificationID, n.Status))
	}
}

func (r *ctsNotificationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ctsNotificationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.Configured(&resp.Diagnostics) {
		return
	}
	// An object moved in from the official provider is checked against this provider's region first.
	if !framework.CheckMovedRegion(ctx, r.Data, req.Private, resp.Private, "hwcloud_cts_notification", &resp.Diagnostics) {
		return
	}
	id := state.ID.ValueString()
	ctx = r.Data.LogContext(ctx)
	resp.Diagnostics.Append(r.setIdentity(ctx, resp.Identity, id)...) // set first: the framework wants one even when Read removes the resource

	n, err := framework.FindWithCreateGrace(ctx, req.Private, resp.Private, func(ctx context.Context) (*hwc.CTSNotification, error) {
		return hwc.FindCTSNotificationByID(ctx, r.Data.Client, id, state.NotificationType.ValueString(), state.Name.ValueString())
	})
	if errors.Is(err, hwc.ErrNotFound) {
		tflog.Warn(ctx, "CTS notification no longer exists; removing it from state", map[string]any{"id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read CTS notification %s", id), err,
			"Nothing was changed. If the error is temporary (throttling, a server error), run the command again.")
		return
	}
	newState, diags := flattenCTSNotification(ctx, n, state)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
}

func (r *ctsNotificationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state ctsNotificationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.Configured(&resp.Diagnostics) {
		return
	}
	// Every path that saves state needs one; the id never changes.
	resp.Diagnostics.Append(r.setIdentity(ctx, resp.Identity, state.ID.ValueString())...)
	want, diags := plan.settings(ctx)
	resp.Diagnostics.Append(diags...)
	had, diags := state.settings(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if want.matches(settingsAsNotification(had)) && want.Enabled == had.Enabled {
		// Only Terraform-side settings (timeouts) changed: nothing to send.
		state.Timeouts = plan.Timeouts
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		return
	}
	ctx, cancel := r.WriteContext(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	id := state.ID.ValueString()
	n, err := r.Data.Client.UpdateCTSNotification(ctx, want.updateRequest(id))
	if err != nil {
		prefix := "The notification was not changed. "
		if errors.Is(err, hwc.ErrNotFound) {
			prefix = "The notification was deleted outside Terraform: run terraform apply again; the refresh " +
				"notices it is gone and plans to create it. "
		}
		addCTSNotificationError(&resp.Diagnostics, fmt.Sprintf("Cannot update CTS notification %q (id %s)", want.Name, id),
			err, want, prefix)
		return
	}
	newState, diags := flattenCTSNotification(ctx, n, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
	resp.Diagnostics.Append(diags...)
	// A changed object can be briefly invisible too; give the next read the same grace as after a create.
	resp.Diagnostics.Append(framework.MarkCreated(ctx, resp.Private)...)
}

func (r *ctsNotificationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ctsNotificationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.Configured(&resp.Diagnostics) {
		return
	}
	ctx, cancel := r.WriteContext(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	id := state.ID.ValueString()
	err := r.Data.Client.DeleteCTSNotifications(ctx, id)
	if err == nil || errors.Is(err, hwc.ErrNotFound) {
		return
	}
	framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot delete CTS notification %q (id %s)", state.Name.ValueString(), id),
		err, "The notification still exists. Run terraform destroy (or apply) again.")
}

// ImportState accepts a notification id or a name. A UUID-shaped value is an
// id (names cannot contain "-"); a name must match exactly one notification.
func (r *ctsNotificationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	ctx = r.Data.LogContext(ctx)
	id, ok := ctsNotificationIdentity.ImportKey(ctx, r.Data, req, &resp.Diagnostics)
	if !ok {
		return
	}
	var (
		n   *hwc.CTSNotification
		err error
	)
	switch {
	case patterns.UUID.MatchString(id):
		n, err = hwc.FindCTSNotificationByID(ctx, r.Data.Client, id, "", "")
	case ctsNotificationNameRegexp.MatchString(id):
		n, err = hwc.FindCTSNotificationByName(ctx, r.Data.Client, id)
	default:
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("Import a CTS notification by its id (a UUID) "+
			"or by its name ("+ctsNameRule+"), got %q.", id))
		return
	}
	if errors.Is(err, hwc.ErrNotFound) {
		resp.Diagnostics.AddError("CTS notification not found", fmt.Sprintf("No CTS key-event notification has "+
			"the id or name %q in this project (both SMN and FunctionGraph notifications were searched). Check "+
			"the value and the provider's region and project.", id))
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot import CTS notification %q", id), err,
			"Nothing was imported. Fix the cause above and run terraform import again.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), n.NotificationID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("notification_type"), n.NotificationType)...)
}

// settingsAsNotification lets two settings be compared with matches.
func settingsAsNotification(s ctsSettings) *hwc.CTSNotification {
	return &hwc.CTSNotification{
		NotificationName: s.Name, OperationType: s.OperationType, Operations: s.Operations,
		NotifyUserList: s.NotifyUsers, TopicID: s.TopicID, Filter: s.Filter, AgencyName: s.AgencyName,
	}
}

// ctsNotificationImportCommand is what a user runs to adopt an existing notification.
func ctsNotificationImportCommand(name string) string {
	return fmt.Sprintf("terraform import hwcloud_cts_notification.<resource name> %s", name)
}
