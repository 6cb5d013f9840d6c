package framework

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// ProviderTypeName is the provider's type name, the prefix of every type it serves.
const ProviderTypeName = "hwcloud"

// DefaultWriteTimeout bounds create, update and delete unless `timeouts` says otherwise.
const DefaultWriteTimeout = 10 * time.Minute

// Base is what every type embeds through its kind's base: its name and the
// provider data Configure hands it. The kind bases (ResourceBase,
// DataSourceBase, EphemeralBase, ActionBase) add the framework's Metadata
// and Configure methods, so a type writes neither.
type Base struct {
	// Name is the type name without the provider's prefix, e.g. "csms_event".
	Name string
	// Data is the configured provider; nil until Configure ran with it.
	Data *ProviderData
}

// TypeName is the full type name, e.g. "hwcloud_csms_event".
func (b *Base) TypeName() string { return ProviderTypeName + "_" + b.Name }

// Configured guards a call that needs the API: false, with an error, while
// the provider has not been configured.
func (b *Base) Configured(diags *diag.Diagnostics) bool {
	return RequireConfigured(b.Data, b.TypeName(), diags)
}

// Ready is how a call starts: it appends the diagnostics of reading its
// plan, state or config (got) and reports whether the call can go on, that
// is, nothing failed and the provider has been configured.
func (b *Base) Ready(diags *diag.Diagnostics, got ...diag.Diagnostics) bool {
	for _, d := range got {
		diags.Append(d...)
	}
	return !diags.HasError() && b.Configured(diags)
}

func (b *Base) configure(providerData any, diags *diag.Diagnostics) {
	if d := ProviderDataFrom(providerData, diags); d != nil {
		b.Data = d
	}
}

// ResourceBase is the base of resources and list resources (both use the
// resource package's Metadata and Configure requests).
type ResourceBase struct{ Base }

func (b *ResourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.Name
}

func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.configure(req.ProviderData, &resp.Diagnostics)
}

// WriteContext is the context of a create, update or delete: the client's
// logging scope and the operation's timeout (timeout is the `timeouts`
// value's Create, Update or Delete). Call cancel when done.
func (b *ResourceBase) WriteContext(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, timeoutDiags := timeout(ctx, DefaultWriteTimeout)
	diags.Append(timeoutDiags...)
	return context.WithTimeout(b.Data.LogContext(ctx), d)
}

// DeleteWithin is a Delete's call to the API: del runs under the delete
// timeout (timeout is the `timeouts` value's Delete) in the client's logging
// scope. An object that is already gone counts as deleted; any other failure
// goes to failed, with the context del ran in.
func (b *ResourceBase) DeleteWithin(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics, del func(context.Context) error, failed func(context.Context, error)) {
	ctx, cancel := b.WriteContext(ctx, timeout, diags)
	defer cancel()
	if diags.HasError() {
		return
	}
	if err := del(ctx); err != nil && !errors.Is(err, hwc.ErrNotFound) {
		failed(ctx, err)
	}
}

// DataSourceBase is the base of data sources.
type DataSourceBase struct{ Base }

func (b *DataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.Name
}

func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.configure(req.ProviderData, &resp.Diagnostics)
}

// EphemeralBase is the base of ephemeral resources.
type EphemeralBase struct{ Base }

func (b *EphemeralBase) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.Name
}

func (b *EphemeralBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	b.configure(req.ProviderData, &resp.Diagnostics)
}

// ActionBase is the base of actions.
type ActionBase struct{ Base }

func (b *ActionBase) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.Name
}

func (b *ActionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	b.configure(req.ProviderData, &resp.Diagnostics)
}

// WriteTimeoutsAttribute is the `timeouts` attribute of the resources that write, documented like every other.
func WriteTimeoutsAttribute(ctx context.Context) schema.Attribute {
	attr := timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})
	if nested, ok := attr.(schema.SingleNestedAttribute); ok {
		nested.MarkdownDescription = fmt.Sprintf("How long create, update and delete may take, as Go durations "+
			"such as `30s` or `5m` (`create`, `update`, `delete`). Each defaults to `%s`.", ShortDuration(DefaultWriteTimeout))
		return nested
	}
	return attr
}

// ShortDuration prints 10m rather than time.Duration's 10m0s.
func ShortDuration(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// RequireConfigured guards CRUD against a provider that was never configured.
func RequireConfigured(d *ProviderData, typeName string, diags *diag.Diagnostics) bool {
	if d == nil {
		diags.AddError("Provider not configured",
			fmt.Sprintf("The hwcloud provider was not configured before %s was used. This is a bug in the "+
				"provider or in Terraform; please report it.", typeName))
		return false
	}
	return true
}

// NewResourceBase, NewDataSourceBase, NewEphemeralBase and NewActionBase
// start a type's base with its name (without the provider's prefix).
func NewResourceBase(name string) ResourceBase     { return ResourceBase{Base{Name: name}} }
func NewDataSourceBase(name string) DataSourceBase { return DataSourceBase{Base{Name: name}} }
func NewEphemeralBase(name string) EphemeralBase   { return EphemeralBase{Base{Name: name}} }
func NewActionBase(name string) ActionBase         { return ActionBase{Base{Name: name}} }

// StableComputedString is a computed string attribute the service sets once
// (an id, a creation time): later plans keep the known value instead of
// showing it as "known after apply".
func StableComputedString(markdown string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: markdown,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}
