package csms

import "github.com/hashicorp/terraform-plugin-framework/types"

// csmsSecretRestoreModel is the guard's state: the secret it keeps and what it last did.
type csmsSecretRestoreModel struct {
	SecretName types.String `tfsdk:"secret_name"`
	SecretID   types.String `tfsdk:"secret_id"`
	State      types.String `tfsdk:"state"`
	Restored   types.Bool   `tfsdk:"restored"`
	RestoredAt types.String `tfsdk:"restored_at"`
}
