package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// defaultWriteTimeout bounds create, update and delete unless `timeouts` says otherwise.
const defaultWriteTimeout = 10 * time.Minute

// writeTimeoutsAttribute is the `timeouts` attribute of the resources that write, documented like every other.
func writeTimeoutsAttribute(ctx context.Context) schema.Attribute {
	attr := timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})
	if nested, ok := attr.(schema.SingleNestedAttribute); ok {
		nested.MarkdownDescription = fmt.Sprintf("How long create, update and delete may take, as Go durations "+
			"such as `30s` or `5m` (`create`, `update`, `delete`). Each defaults to `%s`.", shortDuration(defaultWriteTimeout))
		return nested
	}
	return attr
}

// shortDuration prints 10m rather than time.Duration's 10m0s.
func shortDuration(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// requireConfigured guards CRUD against a provider that was never configured.
func requireConfigured(d *providerData, typeName string, diags *diag.Diagnostics) bool {
	if d == nil {
		diags.AddError("Provider not configured",
			fmt.Sprintf("The hwcloud provider was not configured before %s was used. This is a bug in the "+
				"provider or in Terraform; please report it.", typeName))
		return false
	}
	return true
}
