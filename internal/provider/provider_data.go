package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	client  *hwc.Client
	region  string
	secrets []string // masked in client log lines
	// createRetry is how ambiguous creates are retried (see createWithRecovery).
	createRetry createRetry
}

// withClientLogging scopes ctx to the client's tflog subsystem, with the
// credentials masked in case anything ever tries to log them.
func withClientLogging(ctx context.Context, s settings) context.Context {
	return clientLogContext(ctx, s.secretValues())
}

func clientLogContext(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.NewSubsystem(ctx, hwc.LogSubsystem)
	if len(secrets) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, hwc.LogSubsystem, secrets...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, hwc.LogSubsystem, secrets...)
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
	}
	return ctx
}

// ctx prepares a request context for client calls made by a resource.
func (d *providerData) ctx(ctx context.Context) context.Context {
	return clientLogContext(ctx, d.secrets)
}

// providerDataFrom converts the value Configure stored. It returns nil without
// a diagnostic while the provider is not configured yet (validate, early plan).
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	d, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return d
}
