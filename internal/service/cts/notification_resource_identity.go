package cts

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

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

func (r *ctsNotificationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = ctsNotificationIdentity.Schema()
}

func (r *ctsNotificationResource) setIdentity(ctx context.Context, dst *tfsdk.ResourceIdentity, id string) diag.Diagnostics {
	return ctsNotificationIdentity.Set(ctx, dst, r.Data.Client.ProjectID(), id)
}
