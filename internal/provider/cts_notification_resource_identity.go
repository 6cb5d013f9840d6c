package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var _ resource.ResourceWithIdentity = (*ctsNotificationResource)(nil)

// ctsNotificationIdentity uses the id, not the name: a notification can be renamed in place.
var ctsNotificationIdentity = projectIdentity{
	typeName: "hwcloud_cts_notification",
	key:      "notification_id",
	keyDesc:  "The notification id (a UUID) the service assigned.",
	validKey: patterns.UUID.MatchString,
	keyRule:  "a UUID",
}

func (r *ctsNotificationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = ctsNotificationIdentity.schema()
}

func (r *ctsNotificationResource) setIdentity(ctx context.Context, dst *tfsdk.ResourceIdentity, id string) diag.Diagnostics {
	return ctsNotificationIdentity.set(ctx, dst, r.data.client.ProjectID(), id)
}
