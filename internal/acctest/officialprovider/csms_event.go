package officialprovider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// csmsEvent is huaweicloud_csms_event: the target flattened, `status` for the
// state, id = name.
type csmsEvent struct{ base }

type csmsEventModel struct {
	ID                     types.String `tfsdk:"id"`
	Region                 types.String `tfsdk:"region"`
	Name                   types.String `tfsdk:"name"`
	EventTypes             types.List   `tfsdk:"event_types"`
	Status                 types.String `tfsdk:"status"`
	NotificationTargetType types.String `tfsdk:"notification_target_type"`
	NotificationTargetID   types.String `tfsdk:"notification_target_id"`
	NotificationTargetName types.String `tfsdk:"notification_target_name"`
	EventID                types.String `tfsdk:"event_id"`
}

func (r *csmsEvent) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":                       schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"region":                   schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: replace},
		"name":                     schema.StringAttribute{Required: true, PlanModifiers: replace},
		"event_types":              schema.ListAttribute{Required: true, ElementType: types.StringType},
		"status":                   schema.StringAttribute{Required: true},
		"notification_target_type": schema.StringAttribute{Required: true},
		"notification_target_id":   schema.StringAttribute{Required: true},
		"notification_target_name": schema.StringAttribute{Required: true},
		"event_id":                 schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
	}}
}

func (r *csmsEvent) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m csmsEventModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	eventTypes := stringsOf(ctx, m.EventTypes, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ev, err := r.conf.client.CreateSecretEvent(ctx, hwc.CreateSecretEventRequest{
		Name: m.Name.ValueString(), EventTypes: eventTypes, State: m.Status.ValueString(),
		Notification: hwc.EventNotification{
			TargetType: m.NotificationTargetType.ValueString(),
			TargetID:   m.NotificationTargetID.ValueString(),
			TargetName: m.NotificationTargetName.ValueString(),
		},
	})
	if err != nil {
		resp.Diagnostics.AddError("error creating CSMS event", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.flatten(ctx, ev, m.Region, &resp.Diagnostics))...)
}

func (r *csmsEvent) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m csmsEventModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	ev, err := r.conf.client.ShowSecretEvent(ctx, m.ID.ValueString())
	if errors.Is(err, hwc.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("error retrieving CSMS event", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.flatten(ctx, ev, m.Region, &resp.Diagnostics))...)
}

func (r *csmsEvent) flatten(ctx context.Context, ev *hwc.SecretEvent, region types.String, diags *diag.Diagnostics) csmsEventModel {
	var m csmsEventModel
	m.ID = types.StringValue(ev.Name)
	m.Region = r.regionOr(region)
	m.Name = types.StringValue(ev.Name)
	m.EventTypes = listOf(ctx, ev.EventTypes, diags)
	m.Status = types.StringValue(ev.State)
	m.NotificationTargetType = types.StringValue(ev.Notification.TargetType)
	m.NotificationTargetID = types.StringValue(ev.Notification.TargetID)
	m.NotificationTargetName = types.StringValue(ev.Notification.TargetName)
	m.EventID = types.StringValue(ev.EventID)
	return m
}

func (r *csmsEvent) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m csmsEventModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if err := r.conf.client.DeleteSecretEvent(ctx, m.ID.ValueString()); err != nil && !errors.Is(err, hwc.ErrNotFound) {
		resp.Diagnostics.AddError("error deleting CSMS event", err.Error())
	}
}
