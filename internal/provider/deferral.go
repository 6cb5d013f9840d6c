package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// deferUnknownConfig defers the provider's configuration when part of it is
// unknown (it depends on a value known only after another apply, as in a
// Terraform Stack) and Terraform allows deferral: every resource, data source
// and list of this provider is then deferred to a later plan instead of the
// plan failing. Without the capability it does nothing, and resolveSettings
// reports each unknown argument as an error, as before. It reports whether
// it deferred.
func (p *hwcloudProvider) deferUnknownConfig(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) bool {
	if !req.ClientCapabilities.DeferralAllowed || req.Config.Raw.IsFullyKnown() {
		return false
	}
	resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
	p.deferred.Store(true)
	tflog.Info(ctx, "hwcloud provider configuration deferred: arguments unknown until apply",
		map[string]any{"unknown": unknownArguments(req.Config.Raw)})
	return true
}

// unknownArguments names the top-level arguments and blocks that are not
// fully known, sorted.
func unknownArguments(config tftypes.Value) []string {
	if !config.IsKnown() {
		return []string{"(the whole configuration)"}
	}
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return nil
	}
	var out []string
	for name, v := range attrs {
		if !v.IsFullyKnown() {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
