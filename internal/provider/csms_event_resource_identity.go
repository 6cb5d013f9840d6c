package provider

import (
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"

	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

var _ resource.ResourceWithIdentity = (*csmsEventResource)(nil)

// csmsEventIdentity: CSMS keys events by name within a project.
var csmsEventIdentity = projectIdentity{
	typeName: "hwcloud_csms_event",
	key:      "name",
	keyDesc:  "Event name, unique in the project.",
	validKey: patterns.CSMSEventName.MatchString,
	keyRule:  "1-64 letters, digits, _ or -",
}

func (r *csmsEventResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = csmsEventIdentity.schema()
}

func (r *csmsEventResource) setIdentity(ctx context.Context, dst *tfsdk.ResourceIdentity, name string) diag.Diagnostics {
	return csmsEventIdentity.set(ctx, dst, r.data.client.ProjectID(), name)
}
