package csms

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// NewCSMSSecretCancelDeletionAction cancels a CSMS secret's scheduled deletion
// once, when invoked (Terraform 1.14+), without anything kept in the state.
func NewCSMSSecretCancelDeletionAction() action.Action {
	return &csmsSecretCancelDeletionAction{ActionBase: framework.NewActionBase("csms_secret_cancel_deletion")}
}

type csmsSecretCancelDeletionAction struct {
	framework.ActionBase
}

type csmsSecretCancelDeletionModel struct {
	SecretName types.String `tfsdk:"secret_name"`
}

func (a *csmsSecretCancelDeletionAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Cancels the scheduled deletion of a CSMS secret (`RestoreSecret`) when invoked, with " +
			"`terraform apply -invoke=action.hwcloud_csms_secret_cancel_deletion.<name>` or from an " +
			"`action_trigger` in a resource's `lifecycle`. Invoking it again is harmless: a secret that is not " +
			"pending deletion is left as it is, with a message saying so. A secret that does not exist is an error.",
		Attributes: map[string]schema.Attribute{
			"secret_name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the CSMS secret whose deletion is cancelled: " +
					csmsSecretNameRuleMarkdown + ".",
				Validators: []validator.String{csmsSecretNameValidator()},
			},
		},
	}
}

func (a *csmsSecretCancelDeletionAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m csmsSecretCancelDeletionModel
	if !a.Ready(&resp.Diagnostics, req.Config.Get(ctx, &m)) {
		return
	}
	name := m.SecretName.ValueString()
	ctx = a.Data.LogContext(ctx)
	progress := func(format string, args ...any) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
		}
	}

	secret, err := a.Data.Client.ShowSecret(ctx, name)
	if err != nil {
		a.addError(&resp.Diagnostics, name, "Reading CSMS secret %q failed", "ShowSecret", err)
		return
	}
	if secret.State != secretStatePendingDelete {
		progress("CSMS secret %q is not pending deletion (state %s): nothing to cancel.", name, secret.State)
		return
	}
	secret, cancelled, err := cancelSecretDeletion(ctx, a.Data, name,
		"terraform apply -invoke=action.hwcloud_csms_secret_cancel_deletion.<name> (a no-op once it is restored)")
	if err != nil {
		a.addError(&resp.Diagnostics, name, "Cancelling the scheduled deletion of CSMS secret %q failed",
			"RestoreSecret", err)
		return
	}
	if !cancelled {
		progress("The deletion of CSMS secret %q was already cancelled by someone else (state %s).", name, secret.State)
		return
	}
	tflog.Info(ctx, "cancelled the scheduled deletion of a CSMS secret", map[string]any{"secret_name": name})
	progress("Cancelled the scheduled deletion of CSMS secret %q; its state is now %s.", name, secret.State)
}

func (a *csmsSecretCancelDeletionAction) addError(diags *diag.Diagnostics, name, summary, operation string, err error) {
	if errors.Is(err, hwc.ErrNotFound) {
		diags.AddAttributeError(path.Root("secret_name"), "CSMS secret does not exist",
			fmt.Sprintf("Secret %q does not exist in project %s, so there is no deletion to cancel. A secret that "+
				"has been deleted (rather than scheduled for deletion) cannot be restored: check the name and the "+
				"provider's region.\n\nAPI: %s", name, a.Data.Client.ProjectID(), err))
		return
	}
	framework.AddAPIError(diags, fmt.Sprintf(summary, name), err, secretAPIHint(err, operation,
		"Check the secret name and its state; only a secret pending deletion can be restored."))
}
