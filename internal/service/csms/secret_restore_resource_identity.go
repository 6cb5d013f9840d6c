package csms

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var _ resource.ResourceWithIdentity = (*csmsSecretRestoreResource)(nil)

// csmsSecretRestoreIdentity: a guard exists once per secret, so the secret's name identifies it.
var csmsSecretRestoreIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_csms_secret_restore",
	Key:      "secret_name",
	KeyDesc:  "Name of the guarded CSMS secret.",
	ValidKey: patterns.CSMSSecretName.MatchString,
	KeyRule:  csmsSecretNameRule,
}
