package provider

import "github.com/hashicorp/terraform-plugin-framework/resource"

// PLACEHOLDER: replaced by the real implementation in progress.
func NewCTSNotificationResource() resource.Resource { return nil }
