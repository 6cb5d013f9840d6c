package cts

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var _ resource.ResourceWithIdentity = (*ctsNotificationResource)(nil)

// ctsNotificationIdentity uses the id, not the name: a notification can be renamed in place.
var ctsNotificationIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_cts_notification",
	Key:      "notification_id",
	KeyDesc:  "The notification id (a UUID) the service assigned.",
	ValidKey: patterns.UUID.MatchString,
	KeyRule:  "a UUID",
}
