package framework

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// ProviderData is what Configure hands to every resource and data source.
type ProviderData struct {
	Client  *hwc.Client
	Region  string
	Secrets []string // masked in log lines, with what the client obtains later (LogContext)
	// CreateRetry is how ambiguous creates are retried (see CreateWithRecovery).
	CreateRetry CreateRetry
	// ReadBatches answers refreshes of a kind from shared lists (batch.go);
	// nil reads every object singly.
	ReadBatches *ReadBatches
	// EnterpriseProjectID is the provider's enterprise_project_id: what a
	// resource that takes one uses when its own is not set ("": the service's default).
	EnterpriseProjectID string
	// Tags is the provider's default_tags and ignore_tags.
	Tags TagPolicy
}

// TagPolicy is d.Tags, or no defaults and nothing ignored while the provider
// is not configured (d nil).
func (d *ProviderData) TagPolicy() TagPolicy {
	if d == nil {
		return TagPolicy{}
	}
	return d.Tags
}

// ClientLogContext scopes ctx to the client's tflog subsystem, with the given
// credentials masked in every field and message.
func ClientLogContext(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.NewSubsystem(ctx, hwc.LogSubsystem)
	if len(secrets) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, hwc.LogSubsystem, secrets...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, hwc.LogSubsystem, secrets...)
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
	}
	return ctx
}

// LogContext prepares a request context for client calls made by a resource:
// Secrets and the credentials the client obtained since (assumed agencies,
// ECS metadata, renewed during a long apply) are masked.
func (d *ProviderData) LogContext(ctx context.Context) context.Context {
	secrets := d.Secrets
	if d.Client != nil {
		if obtained := d.Client.ObtainedSecrets(); len(obtained) > 0 {
			secrets = append(slices.Clone(secrets), obtained...)
		}
	}
	return ClientLogContext(ctx, secrets)
}

// ProviderDataFrom converts the value Configure stored. It returns nil without
// a diagnostic while the provider is not configured yet (validate, early plan).
func ProviderDataFrom(data any, diags *diag.Diagnostics) *ProviderData {
	if data == nil {
		return nil
	}
	d, ok := data.(*ProviderData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return d
}
