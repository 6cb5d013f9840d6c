package csms

import (
	"context"
	"encoding/base64"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// Limits of a secret (CSMS documentation and the official SDK's model).
const (
	csmsSecretMaxValueBytes       = 64 * 1024 // the DEW console guide; the API pages say 32 KB (the wider wins)
	csmsSecretMaxDescriptionChars = 2048      // the pages say bytes, the API definition characters (the wider wins)
	csmsSecretMaxTags             = 20
	csmsSecretMinRecoveryDays     = 7
	csmsSecretMaxRecoveryDays     = 30
	csmsSecretTypeCommon          = "COMMON"
)

func (r *csmsSecretResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A CSMS secret whose value never reaches the Terraform state or plan: the value is " +
			"a write-only argument (Terraform and OpenTofu 1.11 or later), sent when the secret is created and " +
			"again only when `secret_wo_version` changes. Refreshing reads metadata only, so planning needs no " +
			"decrypt rights. Imported by name.",
		Attributes: map[string]schema.Attribute{
			"id": framework.StableComputedString("Same as `name`."),
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Secret name, unique in the project: " + csmsSecretNameRuleMarkdown + ". " +
					"Changing it replaces the secret.",
				Validators:    []validator.String{csmsSecretNameValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				MarkdownDescription: "Description, at most 2,048 characters. Defaults to empty.",
				Validators:          []validator.String{stringvalidator.UTF8LengthAtMost(csmsSecretMaxDescriptionChars)},
			},
			"kms_key_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "ID of the KMS key that encrypts the values. Defaults to the project's " +
					"`csms/default` key. A change applies to versions created afterwards; existing versions " +
					"stay encrypted with the key they were created with. A key id is 8-4-4-4-12 lower-case letters and " +
					"digits (the UUID form) or 32 lower-case hex characters.",
				Validators: []validator.String{stringvalidator.RegexMatches(patterns.KMSKeyID,
					"must be a KMS key ID (8-4-4-4-12 lower-case letters and digits, or 32 lower-case hex characters)")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"secret_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(csmsSecretTypeCommon),
				MarkdownDescription: "Only `COMMON` (the default) is supported: the `RDS-FG` and `GaussDB-FG` " +
					"types hold database credentials that the service itself rotates, so their values cannot " +
					"be managed from a configuration.",
				Validators:    []validator.String{stringvalidator.OneOf(csmsSecretTypeCommon)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     mapdefault.StaticValue(types.MapValueMust(types.StringType, map[string]attr.Value{})),
				MarkdownDescription: fmt.Sprintf("Tags, at most %d. Keys: 1–%d letters, numbers or spaces of "+
					"any script or `_ . : = + - @`, not starting with `_sys_` nor starting or ending with a space. "+
					"Values: at most %d letters, numbers or spaces of any script or `_ . : / = + - @`. Changes are applied as a diff: only "+
					"added, changed and removed tags are sent. Stays exactly what the configuration says: the provider's "+
					"`default_tags` are added in `tags_all`, and a tag here wins over a default on the same key. "+
					"At most %d tags in `tags_all` too (checked at plan time when it is known). Keys the provider's "+
					"`ignore_tags` names are never sent, removed or read back.", csmsSecretMaxTags, secretTagKeyMaxLen,
					secretTagValueMaxLen, csmsSecretMaxTags),
				Validators: []validator.Map{
					mapvalidator.SizeAtMost(csmsSecretMaxTags),
					mapvalidator.KeysAre(secretTagKeyValidators()...),
					mapvalidator.ValueStringsAre(secretTagValueValidators()...),
				},
			},
			"tags_all": schema.MapAttribute{
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Every tag of the secret: the provider's `default_tags` merged with `tags` (a " +
					"resource tag wins on the same key), without the keys the provider's `ignore_tags` names. " +
					"This is what is sent: changes are applied as a diff of it. Known at plan time unless a tag " +
					"value is unknown.",
			},
			"event_subscriptions": schema.SetAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
				MarkdownDescription: "Name of the CSMS event (`hwcloud_csms_event`) the secret subscribes to; " +
					"at most one, and it must exist. Defaults to none. On destroy the secret is unsubscribed " +
					"first, so the event can be destroyed in the same run.",
				Validators: []validator.Set{
					setvalidator.SizeAtMost(1),
					setvalidator.ValueStringsAre(stringvalidator.RegexMatches(patterns.CSMSEventName,
						"must be an event name: 1-64 characters of letters, digits, _ or -")),
				},
			},
			"enterprise_project_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Enterprise project of the secret, 1–36 characters: usually `0` (the " +
					"default project) or a UUID. Precedence: this value, else the provider's `enterprise_project_id` " +
					"(or `HW_ENTERPRISE_PROJECT_ID`), else the service's default (`0`); the provider's value is " +
					"only used when the secret is created. The state records the project the service reports. " +
					"Changing it in the configuration replaces the secret.",
				Validators: []validator.String{stringvalidator.RegexMatches(patterns.EnterpriseProjectID,
					"must be 1 to 36 characters")},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured(),
				},
			},
			"secret_string_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				MarkdownDescription: fmt.Sprintf("The value as text, at most %d KiB (an empty value only warns: "+
					"no source says the service refuses one). **Write-only**: never "+
					"stored in the plan or state, and never read back. Exactly one of `secret_string_wo` and "+
					"`secret_binary_wo` is required. It is sent when the secret is created and whenever "+
					"`secret_wo_version` changes; changing only the value does nothing.", csmsSecretMaxValueBytes/1024),
				Validators: []validator.String{stringvalidator.LengthAtMost(csmsSecretMaxValueBytes), emptyValueWarning},
			},
			"secret_binary_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				MarkdownDescription: fmt.Sprintf("The value as bytes, written in standard base64 (for example "+
					"with `filebase64()`), at most %d KiB once decoded (empty only warns). **Write-only**, like `secret_string_wo`.",
					csmsSecretMaxValueBytes/1024),
				Validators: []validator.String{base64Value{maxBytes: csmsSecretMaxValueBytes}},
			},
			"secret_wo_version": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(1),
				MarkdownDescription: "Your handle on the write-only value: change it (for example, increment " +
					"it) to store the configured value as a new version, which becomes `SYSCURRENT` (the " +
					"previous one keeps `SYSPREVIOUS`). While it stays the same, no value is sent. A whole " +
					"number of at least 1; defaults to `1`. After an import, the first apply records it " +
					"without sending a value.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"recovery_window_days": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(csmsSecretMinRecoveryDays),
				MarkdownDescription: fmt.Sprintf("Destroying the secret schedules its deletion this many days "+
					"ahead (%d–%d, default %d); until then it can be restored with `hwcloud_csms_secret_restore`. "+
					"Read at destroy time from the state, so apply a change before destroying.",
					csmsSecretMinRecoveryDays, csmsSecretMaxRecoveryDays, csmsSecretMinRecoveryDays),
				Validators: []validator.Int64{int64validator.Between(csmsSecretMinRecoveryDays, csmsSecretMaxRecoveryDays)},
			},
			"delete_without_recovery": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "Set to `true` to delete the secret and all its versions at once on " +
					"destroy, with no way back. Defaults to `false` (a recovery window applies). Cannot be " +
					"combined with `recovery_window_days`. Read at destroy time from the state, so apply it " +
					"before destroying.",
			},
			"secret_id": framework.StableComputedString("Identifier (UUID) the service gave the secret."),
			"state":     framework.StableComputedString("`ENABLED`, `DISABLED` or `FROZEN`, as the service reports it."),
			"latest_version_id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "ID of the version labelled `SYSCURRENT` (for example `v2`). Feed it to " +
					"`hwcloud_csms_secret_version` to read exactly the value Terraform wrote.",
				PlanModifiers: []planmodifier.String{unknownWhenValueVersionChanges{}},
			},
			"expires_at": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "When the current version (`SYSCURRENT`) expires: RFC 3339 in UTC with whole " +
					"seconds, such as `2030-01-02T03:04:05Z`. When it passes, an event (`hwcloud_csms_event`) the " +
					"secret subscribes to with `SECRET_VERSION_EXPIRED` notifies. Set on create, given to every new " +
					"version (`secret_wo_version`), changed in place on the current version; a change made outside " +
					"Terraform shows as drift. A time that is not in the future when planned is a warning (the " +
					"event then fires at once). **Removing it needs a new version**: CSMS has no call that " +
					"removes an expiry, so leaving `expires_at` out while `secret_wo_version` stays the same is " +
					"an error at plan time; change `secret_wo_version` too, and the new version is stored " +
					"without an expiry.",
				Validators:    []validator.String{expiresAtFormat{}},
				PlanModifiers: []planmodifier.String{expiresAtPlan{now: time.Now}},
			},
			"created_at": framework.StableComputedString("When the secret was created, RFC 3339 in UTC."),
			"updated_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the secret was last changed, RFC 3339 in UTC.",
			},
			"timeouts": framework.WriteTimeoutsAttribute(ctx),
		},
	}
}

func (r *csmsSecretResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("secret_string_wo"), path.MatchRoot("secret_binary_wo")),
		resourcevalidator.Conflicting(path.MatchRoot("delete_without_recovery"), path.MatchRoot("recovery_window_days")),
	}
}

// unknownWhenValueVersionChanges keeps latest_version_id from the state
// unless secret_wo_version changes, which stores a new version.
type unknownWhenValueVersionChanges struct{}

func (unknownWhenValueVersionChanges) Description(context.Context) string {
	return "Unknown when secret_wo_version changes; otherwise the value in the state."
}

func (m unknownWhenValueVersionChanges) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (unknownWhenValueVersionChanges) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var planned, prior types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("secret_wo_version"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("secret_wo_version"), &prior)...)
	if prior.IsNull() || planned.Equal(prior) {
		resp.PlanValue = req.StateValue
	}
}

// emptyValueWarning warns about an empty value: no source says the service
// refuses one, but it most likely does (the emulator does, as a guess), and
// an empty secret is rarely meant.
var emptyValueWarning = framework.RegexWarning(regexp.MustCompile(`(?s).`),
	"is empty; the service most likely refuses an empty secret value")

// base64Value checks a standard-base64 value of at most maxBytes decoded
// bytes; an empty one only warns (emptyValueWarning).
type base64Value struct{ maxBytes int }

func (v base64Value) Description(context.Context) string {
	return fmt.Sprintf("must be standard base64 of at most %d bytes", v.maxBytes)
}

func (v base64Value) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v base64Value) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw, err := base64.StdEncoding.DecodeString(req.ConfigValue.ValueString())
	if err == nil && len(raw) == 0 {
		resp.Diagnostics.AddAttributeWarning(req.Path, "Empty secret value",
			fmt.Sprintf("Attribute %s is empty; the service most likely refuses an empty secret value.", req.Path))
		return
	}
	// The value is sensitive: the error names the rule, never the value.
	if err != nil || len(raw) > v.maxBytes {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			fmt.Sprintf("Attribute %s %s (for example the result of filebase64()).", req.Path, v.Description(ctx)))
	}
}
