package cts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// ctsNotificationResource manages a CTS key-event notification: which audit
// events are sent to an SMN topic or a FunctionGraph function.
type ctsNotificationResource struct {
	framework.IdentifiedResourceBase
}

// NewCTSNotificationResource is the constructor the provider registers.
func NewCTSNotificationResource() resource.Resource {
	return &ctsNotificationResource{IdentifiedResourceBase: framework.NewIdentifiedResourceBase("cts_notification", ctsNotificationIdentity)}
}

// ctsNotificationIdentity uses the id, not the name: a notification can be renamed in place.
var ctsNotificationIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_cts_notification",
	Key:      "notification_id",
	KeyDesc:  "The notification id (a UUID) the service assigned.",
	ValidKey: patterns.UUID.MatchString,
	KeyRule:  "a UUID",
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
	if !r.Ready(&resp.Diagnostics, req.Plan.Get(ctx, &plan)) {
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
	invalidateNotification(r.Data, n.NotificationID)
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
	resp.Diagnostics.Append(r.SetIdentity(ctx, resp.Identity, n.NotificationID)...)
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
	if !r.Ready(&resp.Diagnostics, req.State.Get(ctx, &state)) {
		return
	}
	id := state.ID.ValueString()
	ctx, ok := r.StartRead(ctx, req, resp, id)
	if !ok {
		return
	}
	likely := state.NotificationType.ValueString()
	n, ok := framework.ReadFound(ctx, req, resp, notificationBatcher(r.Data, likely).Finder(id,
		func(ctx context.Context) (*hwc.CTSNotification, error) {
			return hwc.FindCTSNotificationByID(ctx, r.Data.Client, id, likely, state.Name.ValueString())
		}), "CTS notification", map[string]any{"id": id}, fmt.Sprintf("Cannot read CTS notification %s", id))
	if !ok {
		return
	}
	newState, diags := flattenCTSNotification(ctx, n, state)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
}

func (r *ctsNotificationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state ctsNotificationModel
	if !r.Ready(&resp.Diagnostics, req.Plan.Get(ctx, &plan), req.State.Get(ctx, &state)) {
		return
	}
	// Every path that saves state needs one; the id never changes.
	resp.Diagnostics.Append(r.SetIdentity(ctx, resp.Identity, state.ID.ValueString())...)
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
	invalidateNotification(r.Data, id)
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
	if !r.Ready(&resp.Diagnostics, req.State.Get(ctx, &state)) {
		return
	}
	id := state.ID.ValueString()
	r.DeleteWithin(ctx, state.Timeouts.Delete, &resp.Diagnostics, func(ctx context.Context) error {
		invalidateNotification(r.Data, id)
		return r.Data.Client.DeleteCTSNotifications(ctx, id)
	}, func(_ context.Context, err error) {
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot delete CTS notification %q (id %s)",
			state.Name.ValueString(), id), err, "The notification still exists. Run terraform destroy (or apply) again.")
	})
}

// ImportState accepts a notification id or a name. A UUID-shaped value is an
// id (names cannot contain "-"); a name must match exactly one notification.
func (r *ctsNotificationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	ctx = r.Data.LogContext(ctx)
	id, ok := r.ImportKey(ctx, req, &resp.Diagnostics)
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

// ctsNotificationMove is the move from the official provider's type: a `moved` block's state
// becomes the model a read of the same object gives.
var ctsNotificationMove = framework.OfficialMove{SourceType: "huaweicloud_cts_notification", TargetType: "hwcloud_cts_notification"}

// officialCTSNotification is huaweicloud_cts_notification as the official
// provider stores it: blocks as lists, `id` equal to the name, the service's
// id in notification_id, the topic in smn_topic.
type officialCTSNotification struct {
	ID             string                      `json:"id"`
	Name           string                      `json:"name"`
	NotificationID string                      `json:"notification_id"`
	OperationType  string                      `json:"operation_type"`
	Operations     []officialCTSOp             `json:"operations"`
	OperationUsers []officialCTSUsers          `json:"operation_users"`
	Filter         []officialCTSFilter         `json:"filter"`
	SMNTopic       string                      `json:"smn_topic"`
	Enabled        *bool                       `json:"enabled"`
	Status         string                      `json:"status"`
	AgencyName     string                      `json:"agency_name"`
	CreatedAt      string                      `json:"created_at"`
	Region         string                      `json:"region"`
	Timeouts       *framework.OfficialTimeouts `json:"timeouts"`
}

type officialCTSOp struct {
	Service    string   `json:"service"`
	Resource   string   `json:"resource"`
	TraceNames []string `json:"trace_names"`
}

type officialCTSUsers struct {
	Group string   `json:"group"`
	Users []string `json:"users"`
}

type officialCTSFilter struct {
	Condition string   `json:"condition"`
	Rule      []string `json:"rule"`
}

func (r *ctsNotificationResource) MoveState(context.Context) []resource.StateMover {
	return framework.MoveFrom(ctsNotificationMove, r.stateFromOfficial)
}

func (r *ctsNotificationResource) stateFromOfficial(ctx context.Context, src *officialCTSNotification, resp *resource.MoveStateResponse) any {
	n, ok := src.notification(&resp.Diagnostics)
	if !ok {
		return nil
	}
	ctsNotificationMove.RecordRegion(ctx, resp.TargetPrivate, fmt.Sprintf("CTS notification %q", n.NotificationName), src.Region, &resp.Diagnostics)
	// The state takes the shape a read of the same notification gives;
	// notification_type and project_id are not in the official state and stay
	// null until the refresh that follows the move reads them.
	state, diags := flattenCTSNotification(ctx, n, ctsNotificationModel{Timeouts: framework.MovedTimeouts(src.Timeouts, &resp.Diagnostics)})
	resp.Diagnostics.Append(diags...)
	return state
}

// notification is the official state in wire form, as the CTS list call
// would return it.
func (src officialCTSNotification) notification(diags *diag.Diagnostics) (*hwc.CTSNotification, bool) {
	name := src.Name
	if name == "" {
		name = src.ID // id is the name in the official state
	}
	if !ctsNotificationMove.RequireText("name", name, diags) ||
		!ctsNotificationMove.RequireText("notification_id", src.NotificationID, diags) {
		return nil, false
	}
	status, ok := src.status()
	if !ok {
		diags.AddError(fmt.Sprintf("Cannot move %s into %s: status", ctsNotificationMove.SourceType,
			ctsNotificationMove.TargetType), fmt.Sprintf("The state of CTS notification %q has status = %q; it "+
			"must be %q or %q. Nothing was moved. Run `terraform apply -refresh-only` with the huaweicloud provider "+
			"so it reads the notification again, or remove the moved block and import the notification.", name,
			src.Status, ctsStatusEnabled, ctsStatusDisabled))
		return nil, false
	}
	n := &hwc.CTSNotification{
		NotificationName: name,
		NotificationID:   src.NotificationID,
		OperationType:    src.OperationType,
		TopicID:          src.SMNTopic,
		Status:           status,
		AgencyName:       src.AgencyName,
		CreateTime:       rfc3339ToMillis(src.CreatedAt),
	}
	for _, op := range src.Operations {
		n.Operations = append(n.Operations, hwc.CTSOperation{
			ServiceType: op.Service, ResourceType: op.Resource, TraceNames: op.TraceNames,
		})
	}
	for _, g := range src.OperationUsers {
		n.NotifyUserList = append(n.NotifyUserList, hwc.CTSNotifyUsers{UserGroup: g.Group, UserList: g.Users})
	}
	// The official provider stores "no filter" as [] or as a blank entry
	// ({condition = "", rule = []}); a filter without rules filters nothing.
	if len(src.Filter) > 0 && len(src.Filter[0].Rule) > 0 {
		f := src.Filter[0]
		n.Filter = &hwc.CTSFilter{Condition: f.Condition, IsSupportFilter: true, Rule: f.Rule}
	}
	return n, true
}

// status is what the service last reported; enabled (the argument) stands in
// when the official provider did not store a status.
func (src officialCTSNotification) status() (string, bool) {
	switch src.Status {
	case ctsStatusEnabled, ctsStatusDisabled:
		return src.Status, true
	case "":
		if src.Enabled != nil && !*src.Enabled {
			return ctsStatusDisabled, true
		}
		return ctsStatusEnabled, true
	}
	return "", false
}

// rfc3339ToMillis is the inverse of millisToRFC3339; a value that does not
// parse is 0 (null), which the refresh after the move fills in.
func rfc3339ToMillis(s string) int64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return 0
	}
	return t.UnixMilli()
}
