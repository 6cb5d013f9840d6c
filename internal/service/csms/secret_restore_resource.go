package csms

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// errSecretPendingAgain marks a secret found pending deletion right after this
// provider cancelled its deletion: most likely a read that has not caught up,
// so it is treated like a not-yet-visible object during the create grace.
var errSecretPendingAgain = fmt.Errorf("secret is pending deletion: %w", hwc.ErrNotFound)

// secretGoneError hides a not-found answer from the create grace, which would
// otherwise wait for the secret to appear: it was visible when the guard was
// created, so its absence now is real, not an index lagging behind.
type secretGoneError struct{ err error }

func (e secretGoneError) Error() string { return e.err.Error() }

// NewCSMSSecretRestoreResource guards a CSMS secret against scheduled deletion.
func NewCSMSSecretRestoreResource() resource.Resource {
	return &csmsSecretRestoreResource{IdentifiedResourceBase: framework.NewIdentifiedResourceBase("csms_secret_restore", csmsSecretRestoreIdentity), now: time.Now}
}

// csmsSecretRestoreIdentity: a guard exists once per secret, so the secret's name identifies it.
var csmsSecretRestoreIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_csms_secret_restore",
	Key:      "secret_name",
	KeyDesc:  "Name of the guarded CSMS secret.",
	ValidKey: patterns.CSMSSecretName.MatchString,
	KeyRule:  csmsSecretNameRule,
}

type csmsSecretRestoreResource struct {
	framework.IdentifiedResourceBase
	now func() time.Time // when a restore happened; tests pin it
}

func (r *csmsSecretRestoreResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan csmsSecretRestoreModel
	if !r.Ready(&resp.Diagnostics, req.Plan.Get(ctx, &plan)) {
		return
	}
	name := plan.SecretName.ValueString()
	ctx = r.Data.LogContext(ctx)

	secret, err := r.Data.Client.ShowSecret(ctx, name)
	if err != nil {
		r.addShowError(&resp.Diagnostics, name, err)
		return
	}
	restored := false
	if secret.State == secretStatePendingDelete {
		secret, restored, err = cancelSecretDeletion(ctx, r.Data, name,
			"terraform import hwcloud_csms_secret_restore.<name> "+name)
		if err != nil {
			r.addRestoreError(&resp.Diagnostics, name, err)
			return
		}
	}

	state := csmsSecretRestoreModel{
		SecretName: plan.SecretName,
		SecretID:   types.StringValue(secret.ID),
		State:      types.StringValue(secret.State),
		Restored:   types.BoolValue(restored),
		RestoredAt: types.StringNull(),
	}
	if restored {
		state.RestoredAt = types.StringValue(r.now().UTC().Format(time.RFC3339))
		tflog.Info(ctx, "cancelled the scheduled deletion of a CSMS secret", map[string]any{"secret_name": name})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(r.SetIdentity(ctx, resp.Identity, name)...)
	resp.Diagnostics.Append(framework.MarkCreated(ctx, resp.Private)...)
}

func (r *csmsSecretRestoreResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state csmsSecretRestoreModel
	if !r.Ready(&resp.Diagnostics, req.State.Get(ctx, &state)) {
		return
	}
	name := state.SecretName.ValueString()
	ctx, ok := r.StartRead(ctx, req, resp, name)
	if !ok {
		return
	}
	restoredByUs := state.Restored.ValueBool()

	// The create grace waits only for a stale read of our own restore.
	secret, err := framework.FindWithCreateGrace(ctx, req.Private, resp.Private, func(ctx context.Context) (*hwc.Secret, error) {
		s, err := r.Data.Client.ShowSecret(ctx, name)
		switch {
		case errors.Is(err, hwc.ErrNotFound):
			return nil, secretGoneError{err}
		case err == nil && restoredByUs && s.State == secretStatePendingDelete:
			return s, errSecretPendingAgain
		}
		return s, err
	})
	var gone secretGoneError
	switch {
	case errors.Is(err, errSecretPendingAgain), err == nil && secret.State == secretStatePendingDelete:
		resp.Diagnostics.AddWarning("CSMS secret is scheduled for deletion again",
			fmt.Sprintf("Secret %q is pending deletion again, so hwcloud_csms_secret_restore no longer holds. "+
				"It leaves the state; the next apply cancels the deletion again.", name))
		resp.State.RemoveResource(ctx)
		return
	case errors.As(err, &gone):
		resp.Diagnostics.AddWarning("CSMS secret no longer exists",
			fmt.Sprintf("Secret %q no longer exists (it was deleted, not just scheduled for deletion), so there is "+
				"nothing left to restore. The guard leaves the state, and applying it again fails until the "+
				"secret exists again or the guard is removed from the configuration.", name))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Reading CSMS secret %q failed", name), err,
			secretAPIHint(err, "ShowSecret", "Check the secret name."))
		return
	}

	// restored and restored_at describe the last apply and are kept as they are.
	state.SecretID = types.StringValue(secret.ID)
	state.State = types.StringValue(secret.State)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update has nothing to send: the only argument forces replacement.
func (r *csmsSecretRestoreResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state csmsSecretRestoreModel
	if !r.Ready(&resp.Diagnostics, req.Plan.Get(ctx, &plan), req.State.Get(ctx, &state)) {
		return
	}
	state.SecretName = plan.SecretName
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(r.SetIdentity(ctx, resp.Identity, state.SecretName.ValueString())...)
}

// Delete removes only the guard: the secret is neither deleted nor scheduled for deletion.
func (r *csmsSecretRestoreResource) Delete(ctx context.Context, req resource.DeleteRequest, _ *resource.DeleteResponse) {
	var state csmsSecretRestoreModel
	if diags := req.State.Get(ctx, &state); !diags.HasError() {
		tflog.Info(ctx, "removing the restore guard only; the CSMS secret is left untouched",
			map[string]any{"secret_name": state.SecretName.ValueString()})
	}
}

// ImportState takes a secret name. A secret that is missing or pending deletion
// cannot be imported: there is no guard in force to adopt.
func (r *csmsSecretRestoreResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name, ok := r.ImportKey(ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	if !patterns.CSMSSecretName.MatchString(name) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Expected a CSMS secret name (%s), got %q.", csmsSecretNameRule, name))
		return
	}
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	ctx = r.Data.LogContext(ctx)
	secret, err := r.Data.Client.ShowSecret(ctx, name)
	if err != nil {
		r.addShowError(&resp.Diagnostics, name, err)
		return
	}
	if secret.State == secretStatePendingDelete {
		resp.Diagnostics.AddError("Cannot import a restore guard for a secret pending deletion",
			fmt.Sprintf("Secret %q is scheduled for deletion, so no guard is in force to import. Declare "+
				"hwcloud_csms_secret_restore with secret_name = %q and apply it instead: the apply cancels the "+
				"deletion.", name, name))
		return
	}
	state := csmsSecretRestoreModel{
		SecretName: types.StringValue(name),
		SecretID:   types.StringValue(secret.ID),
		State:      types.StringValue(secret.State),
		Restored:   types.BoolValue(false),
		RestoredAt: types.StringNull(),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *csmsSecretRestoreResource) addShowError(diags *diag.Diagnostics, name string, err error) {
	if errors.Is(err, hwc.ErrNotFound) {
		diags.AddAttributeError(path.Root("secret_name"), "CSMS secret does not exist",
			fmt.Sprintf("Secret %q does not exist in project %s, so there is nothing to restore. A secret "+
				"that has been deleted (rather than scheduled for deletion) cannot be restored: check the name "+
				"and the region, or remove this resource.\n\nAPI: %s", name, r.Data.Client.ProjectID(), err))
		return
	}
	framework.AddAPIError(diags, fmt.Sprintf("Reading CSMS secret %q failed", name), err,
		secretAPIHint(err, "ShowSecret", "Check the secret name."))
}

func (r *csmsSecretRestoreResource) addRestoreError(diags *diag.Diagnostics, name string, err error) {
	if errors.Is(err, hwc.ErrNotFound) {
		r.addShowError(diags, name, err)
		return
	}
	framework.AddAPIError(diags, fmt.Sprintf("Cancelling the scheduled deletion of CSMS secret %q failed", name), err,
		secretAPIHint(err, "RestoreSecret", "Check the secret's state in the console; only a secret pending "+
			"deletion can be restored."))
}

// csmsSecretRestoreMove is the move from the official provider's type: a `moved` block's state
// becomes the model a read of the same object gives.
var csmsSecretRestoreMove = framework.OfficialMove{
	SourceType: "huaweicloud_csms_scheduled_delete_secret_task",
	TargetType: "hwcloud_csms_secret_restore",
}

// Actions of the official scheduled-deletion task.
const (
	officialTaskCancel = "cancel" // cancels a scheduled deletion: what hwcloud_csms_secret_restore keeps true
	officialTaskCreate = "create" // schedules a deletion
)

// officialSecretTask is huaweicloud_csms_scheduled_delete_secret_task as the
// official provider stores it: a one-time action with a random id that it
// never reads back.
type officialSecretTask struct {
	SecretName string `json:"secret_name"`
	Action     string `json:"action"`
	Region     string `json:"region"`
}

func (r *csmsSecretRestoreResource) MoveState(context.Context) []resource.StateMover {
	return framework.MoveFrom(csmsSecretRestoreMove, r.stateFromOfficial)
}

func (r *csmsSecretRestoreResource) stateFromOfficial(ctx context.Context, src *officialSecretTask, resp *resource.MoveStateResponse) any {
	m := csmsSecretRestoreMove
	if !m.RequireText("secret_name", src.SecretName, &resp.Diagnostics) {
		return nil
	}
	name := src.SecretName
	switch src.Action {
	case officialTaskCancel:
	case officialTaskCreate:
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot move %s with action = %q into %s", m.SourceType,
			officialTaskCreate, m.TargetType), fmt.Sprintf("This task scheduled secret %q for deletion; %s "+
			"does the opposite (it keeps the secret from deletion), so moving the task would turn its meaning "+
			"around. Nothing was moved.\n\n"+
			"Remove this moved block. To stop tracking the task without touching the secret, replace the task "+
			"resource in the configuration with a removed block (Terraform >= 1.7):\n\n"+
			"  removed {\n    from = %s.<name>\n    lifecycle {\n      destroy = false\n    }\n  }\n\n"+
			"or run `terraform state rm %s.<name>`. To cancel the deletion instead, declare %s with "+
			"secret_name = %q and apply it.", name, m.TargetType, m.SourceType, m.SourceType, m.TargetType, name))
		return nil
	default:
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot move %s into %s: action", m.SourceType, m.TargetType),
			fmt.Sprintf("The task for secret %q has action = %q; only %q (cancel a scheduled deletion) can be "+
				"moved into %s. Nothing was moved. Remove the moved block and import the guard instead: "+
				"`terraform import %s.<name> %s`.", name, src.Action, officialTaskCancel, m.TargetType,
				m.TargetType, name))
		return nil
	}
	if !patterns.CSMSSecretName.MatchString(name) {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot move %s into %s: secret_name", m.SourceType, m.TargetType),
			fmt.Sprintf("The task's secret_name %q is not a valid CSMS secret name (%s). Nothing was moved.",
				name, csmsSecretNameRule))
		return nil
	}
	m.RecordRegion(ctx, resp.TargetPrivate, fmt.Sprintf("the task for secret %q", name), src.Region, &resp.Diagnostics)
	// secret_id and state come from the refresh that follows the move.
	// restored says whether this provider's apply cancelled a deletion: it
	// did not (the official task did), the same answer an import gives.
	return &csmsSecretRestoreModel{
		SecretName: types.StringValue(name),
		SecretID:   types.StringNull(),
		State:      types.StringNull(),
		Restored:   types.BoolValue(false),
		RestoredAt: types.StringNull(),
	}
}
