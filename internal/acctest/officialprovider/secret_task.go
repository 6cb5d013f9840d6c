package officialprovider

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// secretTask is huaweicloud_csms_scheduled_delete_secret_task: a one-time
// action (action = "create" schedules a deletion, "cancel" cancels one) with a
// random id, never read back. The official provider leaves region null.
type secretTask struct{ base }

type secretTaskModel struct {
	ID             types.String `tfsdk:"id"`
	Region         types.String `tfsdk:"region"`
	SecretName     types.String `tfsdk:"secret_name"`
	Action         types.String `tfsdk:"action"`
	RecoveryWindow types.Int64  `tfsdk:"recovery_window_in_days"`
	EnableForceNew types.String `tfsdk:"enable_force_new"`
}

func (r *secretTask) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":                      schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"region":                  schema.StringAttribute{Optional: true},
		"secret_name":             schema.StringAttribute{Required: true},
		"action":                  schema.StringAttribute{Required: true},
		"recovery_window_in_days": schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(30)},
		"enable_force_new":        schema.StringAttribute{Optional: true},
	}}
}

func (r *secretTask) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m secretTaskModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := m.SecretName.ValueString()
	var err error
	switch m.Action.ValueString() {
	case "cancel":
		_, err = r.conf.client.RestoreSecret(ctx, name)
	case "create":
		_, err = r.conf.client.ScheduleSecretDeletion(ctx, name, int(m.RecoveryWindow.ValueInt64()))
	default:
		err = fmt.Errorf("action must be create or cancel")
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("error managing (%s) CSMS scheduled delete secret task", m.Action.ValueString()), err.Error())
		return
	}
	m.ID = types.StringValue(randomUUID())
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// Read, Update and Delete do nothing, as in the official one-time action.
func (r *secretTask) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *secretTask) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

func randomUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
