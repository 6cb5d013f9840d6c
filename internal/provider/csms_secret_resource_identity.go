package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var _ resource.ResourceWithIdentity = (*csmsSecretResource)(nil)

// csmsSecretIdentity: CSMS keys secrets by name within a project.
var csmsSecretIdentity = projectIdentity{
	typeName: "hwcloud_csms_secret",
	key:      "name",
	keyDesc:  "Secret name, unique in the project.",
	validKey: patterns.CSMSSecretName.MatchString,
	keyRule:  csmsSecretNameRule,
}

func (r *csmsSecretResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = csmsSecretIdentity.schema()
}

func (r *csmsSecretResource) setIdentity(ctx context.Context, dst *tfsdk.ResourceIdentity, name string) diag.Diagnostics {
	return csmsSecretIdentity.set(ctx, dst, r.data.client.ProjectID(), name)
}

// listedCSMSSecretState is the state of a secret found by the list resource:
// what an import starts from (deletion settings at their defaults, no value
// handle yet) filled with the listing's metadata and tags. The value is never
// listed, so configuration generated from it still needs one.
func listedCSMSSecretState(ctx context.Context, r hwc.ResourceInstance) (any, diag.Diagnostics) {
	m := csmsSecretModel{
		SecretWOVersion:       types.Int64Null(),
		RecoveryWindowDays:    types.Int64Value(csmsSecretMinRecoveryDays),
		DeleteWithoutRecovery: types.BoolValue(false),
		Timeouts:              nullWriteTimeouts(),
	}
	diags := m.setFromService(ctx, &csmsSecretFound{Secret: r.Secret, Tags: tagsToMap(r.Tags)})
	return m, diags
}
