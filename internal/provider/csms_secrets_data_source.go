package provider

import "github.com/hashicorp/terraform-plugin-framework/datasource"

// PLACEHOLDER: replaced by the real implementation in progress.
func NewCSMSSecretsDataSource() datasource.DataSource { return nil }
