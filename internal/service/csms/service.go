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
