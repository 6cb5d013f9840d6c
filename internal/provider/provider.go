// Package provider is the hwcloud provider itself: its schema and
// configuration (credentials, endpoints, retries), the registration of every
// service package's types, and the protocol server main serves. The types
// live in internal/service/<service>; what they share in internal/framework.
package provider

import (
	"cmp"
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/service/csms"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/service/cts"
)

const defaultMaxRetries = 5

// Option tunes a provider instance; the acceptance harness uses it to shorten
// retry delays against the emulator. Production builds use none.
type Option func(*hwcloudProvider)

// WithRetryDelays sets the client's base backoff and its cap (also the cap on Retry-After).
func WithRetryDelays(base, maxDelay time.Duration) Option {
	return func(p *hwcloudProvider) {
		p.retryBaseDelay = base
		p.retryMaxDelay = maxDelay
	}
}

// WithReadBatchMode overrides when reads are batched (batch_reads decides
// only on or off); the acceptance tests list eagerly to prove that a listed
// answer is the single answer.
func WithReadBatchMode(mode framework.ReadBatchMode) Option {
	return func(p *hwcloudProvider) { p.readBatchMode = &mode }
}

type hwcloudProvider struct {
	version        string
	retryBaseDelay time.Duration
	retryMaxDelay  time.Duration
	readBatchMode  *framework.ReadBatchMode

	// configured is what Configure handed out, kept for the protocol server's
	// own data-source read (see protocol6.go); nil until configured.
	configured atomic.Pointer[framework.ProviderData]
	deferred   atomic.Bool // Configure deferred (deferral.go)
}

var (
	_ provider.Provider                       = (*hwcloudProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*hwcloudProvider)(nil)
	_ provider.ProviderWithListResources      = (*hwcloudProvider)(nil)
	_ provider.ProviderWithActions            = (*hwcloudProvider)(nil)
)

// New returns the constructor providerserver expects.
func New(version string, opts ...Option) func() provider.Provider {
	return func() provider.Provider { return newProvider(version, opts...) }
}

func newProvider(version string, opts ...Option) *hwcloudProvider {
	p := &hwcloudProvider{version: version}
	for _, opt := range opts {
		opt(p)
	}
	return p
}

type providerModel struct {
	Region        types.String `tfsdk:"region"`
	ProjectID     types.String `tfsdk:"project_id"`
	AccessKey     types.String `tfsdk:"access_key"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	AuthToken     types.String `tfsdk:"auth_token"`
	Endpoints     types.Object `tfsdk:"endpoints"`
	Insecure      types.Bool   `tfsdk:"insecure"`
	CACertFile    types.String `tfsdk:"cacert_file"`
	Cert          types.String `tfsdk:"cert"`
	Key           types.String `tfsdk:"key"`
	MaxRetries    types.Int64  `tfsdk:"max_retries"`

	SharedConfigFile types.String `tfsdk:"shared_config_file"`
	Profile          types.String `tfsdk:"profile"`
	AssumeRole       types.List   `tfsdk:"assume_role"`

	SkipCredentialsValidation types.Bool `tfsdk:"skip_credentials_validation"`

	BatchReads types.Bool `tfsdk:"batch_reads"`

	// defaults.go
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	DefaultTags         types.List   `tfsdk:"default_tags"`
	IgnoreTags          types.List   `tfsdk:"ignore_tags"`
}

type endpointsModel struct {
	CSMS types.String `tfsdk:"csms"`
	CTS  types.String `tfsdk:"cts"`
	IAM  types.String `tfsdk:"iam"`
	STS  types.String `tfsdk:"sts"`
}

func (p *hwcloudProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "hwcloud"
	resp.Version = p.version
}

func (p *hwcloudProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	endpoint := func(service, host, env string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("Base URL of the %s API, e.g. `https://%s.cn-north-4.myhuaweicloud.com` "+
				"(`http://` is allowed, for the local emulator). Defaults to `https://%s.{region}.myhuaweicloud.com` "+
				"(`.myhuaweicloud.eu` in `eu-west-101`, as in Huawei's SDK). "+
				"Can also be set with `%s`.", service, host, host, env),
			Validators: []validator.String{endpointURLValidator{}},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The `hwcloud` provider manages Huawei Cloud CSMS secrets (values write-only, read " +
			"back through an ephemeral resource), their events and restore guards, and CTS key-event " +
			"notifications; it lists secrets by tag, serves list resources for `terraform query` and an action " +
			"that cancels a secret's deletion. It authenticates with an IAM token or with AK/SK request signing " +
			"(`SDK-HMAC-SHA256`), optionally with temporary credentials.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Huawei Cloud region, e.g. `cn-north-4`. Used to derive the service hosts and, " +
					"when `project_id` is not set, to look the project up. Can also be set with `HW_REGION_NAME`. " +
					"Required unless every endpoint in `endpoints` is set and `project_id` is known.",
				// The region becomes part of host names: anything else could send credentials elsewhere.
				Validators: []validator.String{stringvalidator.RegexMatches(patterns.Region,
					"must be a region name such as cn-north-4 (lower-case letters and digits in hyphen-separated parts)")},
			},
			"project_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Project ID used in every API path. Can also be set with `HW_PROJECT_ID`. When " +
					"omitted it is resolved once through IAM (`GET /v3/projects?name={region}`); exactly one project " +
					"must match the region.",
			},
			"access_key": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Access key (AK) for `SDK-HMAC-SHA256` request signing. Can also be set with " +
					"`HW_ACCESS_KEY` or, failing that, `CLOUD_SDK_AK`. Requires `secret_key`.",
			},
			"secret_key": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Secret key (SK) paired with `access_key`. Can also be set with `HW_SECRET_KEY` " +
					"or, failing that, `CLOUD_SDK_SK`. Never logged.",
			},
			"security_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Security token of temporary AK/SK credentials, sent as `X-Security-Token` and " +
					"signed. Can also be set with `HW_SECURITY_TOKEN`. Only valid together with `access_key` and " +
					"`secret_key`.",
			},
			"auth_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "IAM token sent as `X-Auth-Token` instead of signing. Can also be set with " +
					"`HW_AUTH_TOKEN`. When both a token and AK/SK are available, the token wins.",
			},
			"endpoints": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Per-service base URLs that override the hosts derived from `region`, e.g. to " +
					"use the local emulator.",
				Attributes: map[string]schema.Attribute{
					"csms": endpoint("CSMS (served on the KMS host)", "kms", envCSMSEndpoint),
					"cts":  endpoint("CTS", "cts", envCTSEndpoint),
					"iam":  endpoint("IAM", "iam", envIAMEndpoint),
					"sts":  endpoint("STS (agencies assumed by domain_id)", "sts", envSTSEndpoint),
				},
			},
			"insecure": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Skip TLS certificate verification. Defaults to `false`. Can also be set with " +
					"`HW_INSECURE`. Only for test endpoints.",
			},
			"cacert_file": schema.StringAttribute{Optional: true, MarkdownDescription: caCertFileDescription},
			"cert":        schema.StringAttribute{Optional: true, MarkdownDescription: clientCertDescription},
			"key":         schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: clientKeyDescription},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times a throttled (429) or failed (5xx, connection) "+
					"call is retried, with exponential backoff and `Retry-After` honoured. Defaults to `%d`; `0` "+
					"disables retries. Can also be set with `HW_MAX_RETRIES`.", defaultMaxRetries),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"shared_config_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Path of the Huawei Cloud CLI (KooCLI) configuration file, `~` expanded. Defaults " +
					"to `~/.hcloud/config.json`. Can also be set with `" + envSharedConfigFile + "`. The file is read " +
					"only when this or `profile` is set, and must be stored unencrypted. See Authentication.",
			},
			"profile": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Name of the KooCLI profile to use; defaults to the file's `current` profile. " +
					"Can also be set with `" + envProfile + "`. Modes `AKSK`, `SSO` (its STS token) and `ecsAgency` " +
					"(falls through to ECS metadata). A provider argument or environment variable wins over the " +
					"profile's value; an empty profile field never replaces a value given elsewhere.",
			},
			"skip_credentials_validation": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Skip the credential check made when the provider is configured for a plan or " +
					"an apply. Defaults to `false`: the provider then proves its credentials with one IAM call any " +
					"IAM user may make (`GET /v3/auth/projects`, the projects the caller can access), so wrong " +
					"credentials fail `terraform plan` instead of the apply. When `project_id` is not set, the " +
					"project lookup through IAM is that proof and no further call is made. `terraform validate` " +
					"never calls the API. Can also be set with `" + envSkipCredentialsValidation + "` (`true` or " +
					"`false`).",
			},
			"batch_reads": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: batchReadsDescription,
			},
		},
		Blocks: map[string]schema.Block{"assume_role": assumeRoleBlock()},
	}
	addResourceDefaultsSchema(&resp.Schema)
}

func (p *hwcloudProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if p.deferUnknownConfig(ctx, req, resp) {
		return
	}
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, diags := resolveSettings(ctx, cfg)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = withClientLogging(ctx, settings)
	clientCfg, diags := settings.resolveCredentials(ctx, settings.clientConfig(p, req.TerraformVersion))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := hwc.New(clientCfg)
	if err != nil {
		resp.Diagnostics.AddError("Invalid provider configuration", err.Error())
		return
	}
	switch {
	case client.ProjectID() == "":
		// The lookup is an IAM call signed with the same credentials: it is the proof.
		if _, err := client.ResolveProjectID(ctx); err != nil {
			if d, ok := credentialCheckDiagnostic(settings, "looking up the project ID of region "+
				fmt.Sprintf("%q", settings.region), err); ok {
				resp.Diagnostics.Append(d)
				return
			}
			resp.Diagnostics.AddAttributeError(path.Root("project_id"), "Cannot determine the project ID",
				fmt.Sprintf("project_id is not set, so it was looked up through IAM for region %q: %s\n\n"+
					"Set project_id (or HW_PROJECT_ID) explicitly.", settings.region, err))
			return
		}
	case !settings.skipCredentialsValidation:
		if err := client.CheckCredentials(ctx); err != nil {
			d, ok := credentialCheckDiagnostic(settings, "checking them", err)
			if !ok {
				d = checkFailedDiagnostic(err)
			}
			resp.Diagnostics.Append(d)
			return
		}
	}
	tflog.Debug(ctx, "hwcloud provider configured", map[string]any{
		"region": settings.region, "project_id": client.ProjectID(), "auth": settings.authMode(),
	})

	data := &framework.ProviderData{
		Client: client, Region: settings.region, Secrets: settings.secretValues(),
		CreateRetry: framework.CreateRetry{
			Attempts: settings.maxRetries + 1,
			Backoff:  cmp.Or(p.retryBaseDelay, hwc.DefaultRetryBaseDelay),
			MaxDelay: cmp.Or(p.retryMaxDelay, hwc.DefaultRetryMaxDelay),
		},
		ReadBatches: framework.NewReadBatches(p.batchMode(settings.batchReads)),
	}
	settings.defaults.apply(data)
	p.configured.Store(data)
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
}

// services are the service packages whose types the provider serves.
var services = []framework.ServiceTypes{csms.Types(), cts.Types()}

// typesOf lists one kind of type over every service.
func typesOf[T any](kind func(framework.ServiceTypes) []T) []T {
	var out []T
	for _, s := range services {
		out = append(out, kind(s)...)
	}
	return out
}

func (p *hwcloudProvider) Resources(_ context.Context) []func() resource.Resource {
	return typesOf(func(s framework.ServiceTypes) []func() resource.Resource { return s.Resources })
}

func (p *hwcloudProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return typesOf(func(s framework.ServiceTypes) []func() ephemeral.EphemeralResource { return s.EphemeralResources })
}

func (p *hwcloudProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return typesOf(func(s framework.ServiceTypes) []func() datasource.DataSource { return s.DataSources })
}

func (p *hwcloudProvider) ListResources(_ context.Context) []func() list.ListResource {
	return typesOf(func(s framework.ServiceTypes) []func() list.ListResource { return s.ListResources })
}

func (p *hwcloudProvider) Actions(_ context.Context) []func() action.Action {
	return typesOf(func(s framework.ServiceTypes) []func() action.Action { return s.Actions })
}
