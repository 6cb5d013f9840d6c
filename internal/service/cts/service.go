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

// The framework interfaces each type implements, checked by the compiler
// beside the registration: a type that stops implementing one (a renamed
// method, a changed signature) fails the build here instead of being skipped
// silently by the framework.
var (
	_ list.ListResource                   = (*ctsNotificationListResource)(nil)
	_ list.ListResourceWithConfigure      = (*ctsNotificationListResource)(nil)
	_ resource.Resource                   = (*ctsNotificationResource)(nil)
	_ resource.ResourceWithConfigure      = (*ctsNotificationResource)(nil)
	_ resource.ResourceWithImportState    = (*ctsNotificationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*ctsNotificationResource)(nil)
	_ resource.ResourceWithIdentity       = (*ctsNotificationResource)(nil)
	_ resource.ResourceWithMoveState      = (*ctsNotificationResource)(nil)
)
