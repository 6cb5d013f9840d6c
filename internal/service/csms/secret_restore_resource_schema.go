package csms

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

func (r *csmsSecretRestoreResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A declarative guard: the named CSMS secret must not be scheduled for deletion. " +
			"Applying it cancels a pending deletion (`RestoreSecret`) if there is one and does nothing when the " +
			"secret is already usable. When the secret is scheduled for deletion again later, the next plan shows " +
			"the guard being created again and the apply restores the secret again.\n\n" +
			"~> **Destroying this resource never deletes the secret.** It only removes the guard from the state; " +
			"it neither schedules nor performs a deletion.",
		Attributes: map[string]schema.Attribute{
			"secret_name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the CSMS secret to keep from deletion: " + csmsSecretNameRuleMarkdown +
					". The secret must exist (usable or pending deletion). Changing it replaces the " +
					"resource; the previous secret is left as it is.",
				Validators:    []validator.String{csmsSecretNameValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"secret_id": framework.StableComputedString("ID of the secret."),
			"state": framework.StableComputedString("State of the secret when last read: `ENABLED`, `DISABLED` " +
				"or `FROZEN` (a secret found `PENDING_DELETE` makes the guard leave the state so that it is applied " +
				"again)."),
			"restored": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "Whether the apply that created this guard had to cancel a scheduled deletion " +
					"(`false` when the secret was already usable, and after import).",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"restored_at": framework.StableComputedString("When this provider cancelled the secret's scheduled " +
				"deletion, RFC 3339 in UTC; null when it did not have to."),
		},
	}
}
