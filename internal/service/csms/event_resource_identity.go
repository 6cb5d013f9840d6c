package csms

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var _ resource.ResourceWithIdentity = (*csmsEventResource)(nil)

// csmsEventIdentity: CSMS keys events by name within a project.
var csmsEventIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_csms_event",
	Key:      "name",
	KeyDesc:  "Event name, unique in the project.",
	ValidKey: patterns.CSMSEventName.MatchString,
	KeyRule:  "1-64 letters, digits, _ or -",
}

func (r *csmsEventResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = csmsEventIdentity.Schema()
}

func (r *csmsEventResource) setIdentity(ctx context.Context, dst *tfsdk.ResourceIdentity, name string) diag.Diagnostics {
	return csmsEventIdentity.Set(ctx, dst, r.Data.Client.ProjectID(), name)
}
