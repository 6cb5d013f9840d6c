package csms

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

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
