package provider

import (
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"

	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

var _ resource.ResourceWithIdentity = (*csmsSecretRestoreResource)(nil)

// csmsSecretRestoreIdentity: a guard exists once per secret, so the secret's name identifies it.
var csmsSecretRestoreIdentity = projectIdentity{
	typeName: "hwcloud_csms_secret_restore",
	key:      "secret_name",
	keyDesc:  "Name of the guarded CSMS secret.",
	validKey: patterns.CSMSSecretName.MatchString,
	keyRule:  csmsSecretNameRule,
}

func (r *csmsSecretRestoreResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = csmsSecretRestoreIdentity.schema()
}

func (r *csmsSecretRestoreResource) setIdentity(ctx context.Context, dst *tfsdk.ResourceIdentity, secretName string) diag.Diagnostics {
	return csmsSecretRestoreIdentity.set(ctx, dst, r.data.client.ProjectID(), secretName)
}
