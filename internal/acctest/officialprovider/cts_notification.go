package officialprovider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// ctsNotification is huaweicloud_cts_notification: filter, operations and
// operation_users are list blocks, smn_topic the topic, id = name.
//
// The official provider stores "no filter" as [] or, when the service
// answers with a switched-off filter, as [{condition = "", rule = []}]. The
// stand-in always writes []: the framework cannot store a block the
// configuration does not have. The unit tests of the move cover both forms.
type ctsNotification struct{ base }

type ctsModel struct {
	ID             types.String `tfsdk:"id"`
	Region         types.String `tfsdk:"region"`
	Name           types.String `tfsdk:"name"`
	OperationType  types.String `tfsdk:"operation_type"`
	SMNTopic       types.String `tfsdk:"smn_topic"`
	Enabled        types.Bool   `tfsdk:"enabled"`
	AgencyName     types.String `tfsdk:"agency_name"`
	NotificationID types.String `tfsdk:"notification_id"`
	Status         types.String `tfsdk:"status"`
	CreatedAt      types.String `tfsdk:"created_at"`
	Filter         []ctsFilter  `tfsdk:"filter"`
	Operations     []ctsOp      `tfsdk:"operations"`
	OperationUsers []ctsUsers   `tfsdk:"operation_users"`
	Timeouts       types.Object `tfsdk:"timeouts"`
}

type ctsFilter struct {
	Condition types.String `tfsdk:"condition"`
	Rule      types.List   `tfsdk:"rule"`
}

type ctsOp struct {
	Service    types.String `tfsdk:"service"`
	Resource   types.String `tfsdk:"resource"`
	TraceNames types.List   `tfsdk:"trace_names"`
}

type ctsUsers struct {
	Group types.String `tfsdk:"group"`
	Users types.List   `tfsdk:"users"`
}

func (r *ctsNotification) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	str := func(required bool) schema.StringAttribute {
		return schema.StringAttribute{Required: required, Optional: !required}
	}
	strings := schema.ListAttribute{Required: true, ElementType: types.StringType}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":              schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"region":          schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"name":            str(true),
			"operation_type":  str(true),
			"smn_topic":       schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep},
			"enabled":         schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
			"agency_name":     schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep},
			"notification_id": schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"status":          schema.StringAttribute{Computed: true, PlanModifiers: keep},
			"created_at":      schema.StringAttribute{Computed: true, PlanModifiers: keep},
		},
		Blocks: map[string]schema.Block{
			"filter": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"condition": str(true), "rule": strings,
			}}},
			"operations": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"service": str(true), "resource": str(true), "trace_names": strings,
			}}},
			"operation_users": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"group": str(true), "users": strings,
			}}},
			"timeouts": schema.SingleNestedBlock{Attributes: map[string]schema.Attribute{
				"create": str(false), "update": str(false), "delete": str(false),
			}},
		},
	}
}

func (r *ctsNotification) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m ctsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body := hwc.CreateCTSNotificationRequest{
		NotificationName: m.Name.ValueString(),
		OperationType:    m.OperationType.ValueString(),
		TopicID:          m.SMNTopic.ValueString(),
		AgencyName:       m.AgencyName.ValueString(),
	}
	for _, op := range m.Operations {
		body.Operations = append(body.Operations, hwc.CTSOperation{ServiceType: op.Service.ValueString(),
			ResourceType: op.Resource.ValueString(), TraceNames: stringsOf(ctx, op.TraceNames, &resp.Diagnostics)})
	}
	for _, u := range m.OperationUsers {
		body.NotifyUserList = append(body.NotifyUserList, hwc.CTSNotifyUsers{UserGroup: u.Group.ValueString(),
			UserList: stringsOf(ctx, u.Users, &resp.Diagnostics)})
	}
	if len(m.Filter) > 0 {
		body.Filter = &hwc.CTSFilter{Condition: m.Filter[0].Condition.ValueString(), IsSupportFilter: true,
			Rule: stringsOf(ctx, m.Filter[0].Rule, &resp.Diagnostics)}
	}
	n, err := r.conf.client.CreateCTSNotification(ctx, body)
	if err != nil {
		resp.Diagnostics.AddError("error creating CTS key events notification", err.Error())
		return
	}
	if want := map[bool]string{true: "enabled", false: "disabled"}[m.Enabled.ValueBool()]; n.Status != want {
		n, err = r.conf.client.UpdateCTSNotification(ctx, hwc.UpdateCTSNotificationRequest{
			NotificationID: n.NotificationID, Status: want, CreateCTSNotificationRequest: body,
		})
		if err != nil {
			resp.Diagnostics.AddError("error updating CTS key events notification", err.Error())
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.flatten(ctx, n, m, &resp.Diagnostics))...)
}

func (r *ctsNotification) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m ctsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	list, err := r.conf.client.ListCTSNotifications(ctx, hwc.CTSNotificationTypeSMN, m.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("error retrieving CTS key events notification", err.Error())
		return
	}
	for i := range list {
		if list[i].NotificationName == m.ID.ValueString() {
			resp.Diagnostics.Append(resp.State.Set(ctx, r.flatten(ctx, &list[i], m, &resp.Diagnostics))...)
			return
		}
	}
	resp.State.RemoveResource(ctx)
}

func (r *ctsNotification) flatten(ctx context.Context, n *hwc.CTSNotification, prior ctsModel, diags *diag.Diagnostics) ctsModel {
	m := ctsModel{
		ID:             types.StringValue(n.NotificationName),
		Region:         r.regionOr(prior.Region),
		Name:           types.StringValue(n.NotificationName),
		OperationType:  types.StringValue(n.OperationType),
		SMNTopic:       types.StringValue(n.TopicID),
		Enabled:        types.BoolValue(n.Status == "enabled"),
		AgencyName:     types.StringValue(n.AgencyName),
		NotificationID: types.StringValue(n.NotificationID),
		Status:         types.StringValue(n.Status),
		CreatedAt:      types.StringValue(time.UnixMilli(n.CreateTime).UTC().Format(time.RFC3339)),
		Filter:         []ctsFilter{},
		Operations:     []ctsOp{},
		OperationUsers: []ctsUsers{},
		Timeouts:       prior.Timeouts,
	}
	if m.Timeouts.IsNull() || m.Timeouts.IsUnknown() {
		m.Timeouts = types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "update": types.StringType, "delete": types.StringType,
		})
	}
	if n.Filter.Enabled() {
		m.Filter = []ctsFilter{{Condition: types.StringValue(n.Filter.Condition), Rule: listOf(ctx, n.Filter.Rule, diags)}}
	}
	for _, op := range n.Operations {
		m.Operations = append(m.Operations, ctsOp{Service: types.StringValue(op.ServiceType),
			Resource: types.StringValue(op.ResourceType), TraceNames: listOf(ctx, op.TraceNames, diags)})
	}
	for _, u := range n.NotifyUserList {
		m.OperationUsers = append(m.OperationUsers, ctsUsers{Group: types.StringValue(u.UserGroup),
			Users: listOf(ctx, u.UserList, diags)})
	}
	return m
}

func (r *ctsNotification) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m ctsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	err := r.conf.client.DeleteCTSNotifications(ctx, m.NotificationID.ValueString())
	if err != nil && !errors.Is(err, hwc.ErrNotFound) {
		resp.Diagnostics.AddError("error deleting CTS key events notification",
			fmt.Sprintf("%s: %s", m.NotificationID.ValueString(), err))
	}
}
