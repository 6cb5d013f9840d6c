package csms

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/ephemeralvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// csmsSecretVersionEphemeral reads one version of a secret, value included,
// for the length of a Terraform run: the value goes to a write-only argument
// or a provider block and is never written to plan or state.
type csmsSecretVersionEphemeral struct {
	framework.EphemeralBase
}

// NewCSMSSecretVersionEphemeral is the constructor the provider registers.
func NewCSMSSecretVersionEphemeral() ephemeral.EphemeralResource {
	return &csmsSecretVersionEphemeral{EphemeralBase: framework.NewEphemeralBase("csms_secret_version")}
}

type csmsSecretVersionModel struct {
	SecretName    types.String `tfsdk:"secret_name"`
	VersionID     types.String `tfsdk:"version_id"`
	VersionStage  types.String `tfsdk:"version_stage"`
	SecretString  types.String `tfsdk:"secret_string"`
	SecretBinary  types.String `tfsdk:"secret_binary"`
	VersionStages types.List   `tfsdk:"version_stages"`
	CreatedAt     types.String `tfsdk:"created_at"`
}

func (e *csmsSecretVersionEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one version of a CSMS secret, value included, while Terraform runs " +
			"(Terraform 1.10 or later, OpenTofu 1.11 or later). The value is never stored in the plan or the " +
			"state: use it in a write-only argument (such as another secret's `secret_string_wo`) or a " +
			"provider block. Needs decrypt rights on the secret's KMS key.",
		Attributes: map[string]schema.Attribute{
			"secret_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the secret: " + csmsSecretNameRuleMarkdown + ".",
				Validators:          []validator.String{csmsSecretNameValidator()},
			},
			"version_id": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Version to read, for example `v2`. Give this or `version_stage`, not both.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 64)},
			},
			"version_stage": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Stage whose version to read, for example `SYSPREVIOUS`. Defaults to " +
					"`SYSCURRENT` when `version_id` is not given either.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 64)},
			},
			"secret_string": schema.StringAttribute{
				Computed:            true,
				Sensitive:           true,
				MarkdownDescription: "The value, when the version holds text; otherwise null.",
			},
			"secret_binary": schema.StringAttribute{
				Computed:            true,
				Sensitive:           true,
				MarkdownDescription: "The value in base64, when the version holds bytes; otherwise null.",
			},
			"version_stages": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Stages that label this version, sorted.",
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the version was created, RFC 3339 in UTC.",
			},
		},
	}
}

func (e *csmsSecretVersionEphemeral) ConfigValidators(context.Context) []ephemeral.ConfigValidator {
	return []ephemeral.ConfigValidator{
		ephemeralvalidator.Conflicting(path.MatchRoot("version_id"), path.MatchRoot("version_stage")),
	}
}

// Open makes one call for a version id (ShowSecretVersion) and two for a
// stage (ShowSecretStage, then ShowSecretVersion of the version it labels).
func (e *csmsSecretVersionEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var cfg csmsSecretVersionModel
	if !e.Ready(&resp.Diagnostics, req.Config.Get(ctx, &cfg)) {
		return
	}
	ctx = e.Data.LogContext(ctx)
	name := cfg.SecretName.ValueString()
	versionID := cfg.VersionID.ValueString()
	if versionID == "" {
		stageName := cfg.VersionStage.ValueString()
		if stageName == "" {
			stageName = hwc.StageCurrent
		}
		stage, err := e.Data.Client.ShowSecretStage(ctx, name, stageName)
		if err != nil {
			addVersionReadError(&resp.Diagnostics, fmt.Sprintf("Cannot find stage %q of CSMS secret %q", stageName, name), err)
			return
		}
		versionID = stage.VersionID
	}
	v, err := e.Data.Client.ShowSecretVersion(ctx, name, versionID)
	if err != nil {
		addVersionReadError(&resp.Diagnostics, fmt.Sprintf("Cannot read version %q of CSMS secret %q", versionID, name), err)
		return
	}
	result := cfg
	result.VersionID = types.StringValue(v.Metadata.ID)
	result.SecretString, result.SecretBinary = types.StringNull(), types.StringNull()
	if v.Value.Binary != "" {
		result.SecretBinary = types.StringValue(v.Value.Binary)
	} else {
		result.SecretString = types.StringValue(v.Value.String)
	}
	stages := v.Metadata.VersionStages
	if stages == nil {
		stages = []string{}
	}
	sortedStages := append([]string(nil), stages...)
	sort.Strings(sortedStages)
	list, diags := types.ListValueFrom(ctx, types.StringType, sortedStages)
	resp.Diagnostics.Append(diags...)
	result.VersionStages = list
	result.CreatedAt = framework.MillisToRFC3339(v.Metadata.CreateTime)
	resp.Diagnostics.Append(resp.Result.Set(ctx, result)...)
}

func addVersionReadError(diags *diag.Diagnostics, summary string, err error) {
	hint := "Reading a value needs decrypt rights on the secret's KMS key (for example the KMS CMKUser role)."
	if errors.Is(err, hwc.ErrNotFound) {
		hint = "Check the secret name and the version or stage: one of them does not exist."
	} else if isPendingDeletion(err) {
		hint = "The secret is pending deletion; restore it (hwcloud_csms_secret_restore) to read its values."
	}
	framework.AddAPIError(diags, summary, err, hint)
}
