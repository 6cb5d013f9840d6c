// Package officialprovider is a stand-in for the official huaweicloud
// Terraform provider in acceptance tests. That provider cannot be installed
// here, yet tests must move its state into hwcloud with moved blocks. The
// stand-in declares the same resource types with the attributes and state
// shapes the official provider v1.97.1 writes (blocks as lists, "" for unset
// strings, the same ids), and creates the objects through the hwc client, on
// the emulator or on real Huawei Cloud alike.
//
// It is served over protocol 5 like the official SDKv2 provider. Terraform
// sends a moved object's state as raw JSON, so only the state shapes matter to
// the moves; the stand-in's own plan rules are simplified (no in-place updates).
package officialprovider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov5"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Name is the provider's local name, and its type in the registry address.
const Name = "huaweicloud"

// Factory serves the stand-in for terraform-plugin-testing's
// ProtoV5ProviderFactories. Every object is created through client; region is
// the provider's default region, as the official provider's `region` argument.
func Factory(client *hwc.Client, region string) func() (tfprotov5.ProviderServer, error) {
	return providerserver.NewProtocol5WithError(&standIn{client: client, region: region})
}

type standIn struct {
	client *hwc.Client
	region string
}

func (p *standIn) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = Name
	resp.Version = "1.97.1"
}

func (p *standIn) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Stand-in for the official huaweicloud provider (tests only).",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{Optional: true, Description: "Default region of the resources."},
		},
	}
}

func (p *standIn) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg struct {
		Region types.String `tfsdk:"region"`
	}
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	conf := &config{client: p.client, region: p.region}
	if r := cfg.Region.ValueString(); r != "" {
		conf.region = r
	}
	resp.ResourceData = conf
}

func (p *standIn) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return &csmsEvent{base{typeName: "huaweicloud_csms_event"}} },
		func() resource.Resource { return &ctsNotification{base{typeName: "huaweicloud_cts_notification"}} },
		func() resource.Resource {
			return &secretTask{base{typeName: "huaweicloud_csms_scheduled_delete_secret_task"}}
		},
		func() resource.Resource { return &csmsSecret{base{typeName: "huaweicloud_csms_secret"}} },
	}
}

func (p *standIn) DataSources(context.Context) []func() datasource.DataSource { return nil }

// config is what every resource gets in Configure.
type config struct {
	client *hwc.Client
	region string
}

// base is embedded by the resources: their type name, Metadata, Configure,
// and Update, which refuses in-place updates (the tests never need one).
type base struct {
	typeName string
	conf     *config
}

func (c *base) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = c.typeName
}

func (c *base) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Not supported by the stand-in", fmt.Sprintf("The %s stand-in cannot update in place.", c.typeName))
}

func (c *base) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if conf, ok := req.ProviderData.(*config); ok {
		c.conf = conf
	}
}

// regionOr is the official GetRegion: the resource's region, else the provider's.
func (c *base) regionOr(region types.String) types.String {
	if region.ValueString() != "" {
		return region
	}
	return types.StringValue(c.conf.region)
}

func stringsOf(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	out := []string{}
	if l.IsNull() || l.IsUnknown() {
		return out
	}
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

func listOf(ctx context.Context, s []string, diags *diag.Diagnostics) types.List {
	l, d := types.ListValueFrom(ctx, types.StringType, nonNil(s))
	diags.Append(d...)
	return l
}

// nonNil is s, or an empty slice for nil: the official state writes [] for none.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
