package provider

import "github.com/hashicorp/terraform-plugin-framework/resource"

// PLACEHOLDER: replaced by the real implementation in progress.
func NewCSMSSecretRestoreResource() resource.Resource { return nil }
