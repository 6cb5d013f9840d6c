package csms

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var _ resource.ResourceWithIdentity = (*csmsSecretResource)(nil)

// csmsSecretIdentity: CSMS keys secrets by name within a project.
var csmsSecretIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_csms_secret",
	Key:      "name",
	KeyDesc:  "Secret name, unique in the project.",
	ValidKey: patterns.CSMSSecretName.MatchString,
	KeyRule:  csmsSecretNameRule,
}

// listedCSMSSecretState is the state of a secret found by the list resource:
// what an import starts from (deletion settings at their defaults, no value
// handle yet) filled with the listing's metadata and tags. The value is never
// listed, so configuration generated from it still needs one.
func listedCSMSSecretState(ctx context.Context, r hwc.ResourceInstance, policy framework.TagPolicy) (any, diag.Diagnostics) {
	m := csmsSecretModel{
		SecretWOVersion:       types.Int64Null(),
		RecoveryWindowDays:    types.Int64Value(csmsSecretMinRecoveryDays),
		DeleteWithoutRecovery: types.BoolValue(false),
		Timeouts:              framework.NullWriteTimeouts(),
	}
	diags := m.setFromService(ctx, &csmsSecretFound{Secret: r.Secret, Tags: tagsToMap(r.Tags)}, policy)
	return m, diags
}
