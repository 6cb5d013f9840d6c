// Package cts holds the Terraform types of Cloud Trace Service (CTS): key
// event notifications.
package cts

import (
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

// Types are the CTS types the provider registers.
func Types() framework.ServiceTypes {
	return framework.ServiceTypes{
		Resources:     []func() resource.Resource{NewCTSNotificationResource},
		ListResources: []func() list.ListResource{NewCTSNotificationListResource},
	}
}
