// Package csms holds the Terraform types of Cloud Secret Management Service
// (CSMS, served from the KMS host): secrets, their events, versions and
// scheduled deletions.
package csms

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

// Types are the CSMS types the provider registers.
func Types() framework.ServiceTypes {
	return framework.ServiceTypes{
		Resources:          []func() resource.Resource{NewCSMSEventResource, NewCSMSSecretResource, NewCSMSSecretRestoreResource},
		DataSources:        []func() datasource.DataSource{NewCSMSSecretsDataSource, NewCSMSNotificationRecordsDataSource},
		EphemeralResources: []func() ephemeral.EphemeralResource{NewCSMSSecretVersionEphemeral},
		ListResources:      []func() list.ListResource{NewCSMSEventListResource, NewCSMSSecretListResource(listedCSMSSecretState)},
		Actions:            []func() action.Action{NewCSMSSecretCancelDeletionAction},
	}
}

// The framework interfaces each type implements, checked by the compiler
// beside the registration: a type that stops implementing one (a renamed
// method, a changed signature) fails the build here instead of being skipped
// silently by the framework.
var (
	_ list.ListResource                               = (*csmsEventListResource)(nil)
	_ list.ListResourceWithConfigure                  = (*csmsEventListResource)(nil)
	_ resource.Resource                               = (*csmsEventResource)(nil)
	_ resource.ResourceWithConfigure                  = (*csmsEventResource)(nil)
	_ resource.ResourceWithImportState                = (*csmsEventResource)(nil)
	_ resource.ResourceWithIdentity                   = (*csmsEventResource)(nil)
	_ resource.ResourceWithMoveState                  = (*csmsEventResource)(nil)
	_ datasource.DataSource                           = (*csmsNotificationRecordsDataSource)(nil)
	_ datasource.DataSourceWithConfigure              = (*csmsNotificationRecordsDataSource)(nil)
	_ action.Action                                   = (*csmsSecretCancelDeletionAction)(nil)
	_ action.ActionWithConfigure                      = (*csmsSecretCancelDeletionAction)(nil)
	_ list.ListResource                               = (*csmsSecretListResource)(nil)
	_ list.ListResourceWithConfigure                  = (*csmsSecretListResource)(nil)
	_ list.ListResourceWithValidateConfig             = (*csmsSecretListResource)(nil)
	_ resource.Resource                               = (*csmsSecretResource)(nil)
	_ resource.ResourceWithConfigure                  = (*csmsSecretResource)(nil)
	_ resource.ResourceWithImportState                = (*csmsSecretResource)(nil)
	_ resource.ResourceWithConfigValidators           = (*csmsSecretResource)(nil)
	_ resource.ResourceWithModifyPlan                 = (*csmsSecretResource)(nil)
	_ resource.ResourceWithIdentity                   = (*csmsSecretResource)(nil)
	_ resource.ResourceWithMoveState                  = (*csmsSecretResource)(nil)
	_ resource.Resource                               = (*csmsSecretRestoreResource)(nil)
	_ resource.ResourceWithConfigure                  = (*csmsSecretRestoreResource)(nil)
	_ resource.ResourceWithImportState                = (*csmsSecretRestoreResource)(nil)
	_ resource.ResourceWithIdentity                   = (*csmsSecretRestoreResource)(nil)
	_ resource.ResourceWithMoveState                  = (*csmsSecretRestoreResource)(nil)
	_ ephemeral.EphemeralResource                     = (*csmsSecretVersionEphemeral)(nil)
	_ ephemeral.EphemeralResourceWithConfigure        = (*csmsSecretVersionEphemeral)(nil)
	_ ephemeral.EphemeralResourceWithConfigValidators = (*csmsSecretVersionEphemeral)(nil)
	_ datasource.DataSource                           = (*csmsSecretsDataSource)(nil)
	_ datasource.DataSourceWithConfigure              = (*csmsSecretsDataSource)(nil)
)
