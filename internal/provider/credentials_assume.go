package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// The variables of one assume_role step, as the official provider names them.
const (
	envAssumeAgencyName = "HW_ASSUME_ROLE_AGENCY_NAME"
	envAssumeDomainName = "HW_ASSUME_ROLE_DOMAIN_NAME"
	envAssumeDomainID   = "HW_ASSUME_ROLE_DOMAIN_ID"
	envAssumeDuration   = "HW_ASSUME_ROLE_DURATION"
)

// Durations of assumed credentials, in seconds. The provider accepts the
// wider IAM v3 range (900–86,400) on both paths; STS v5 refuses above 43,200.
// Defaults: 43,200 through IAM v3 (domain_name), what the official provider
// always sends there, and 3,600 through STS v5 (domain_id), the service's own
// default and the most it allows a caller whose credentials are temporary.
// Renewal makes the lifetime matter little.
const (
	minAssumeDuration       = 900
	maxAssumeDuration       = 86400
	defaultAssumeDurationV3 = 43200
	defaultAssumeDurationV5 = 3600
)

// assumeRoleAttrTypes are the attribute types of one assume_role block.
var assumeRoleAttrTypes = map[string]attr.Type{
	"agency_name": types.StringType, "domain_name": types.StringType, "domain_id": types.StringType,
	"duration": types.Int64Type, "session_user": types.StringType,
}

type assumeRoleModel struct {
	AgencyName  types.String `tfsdk:"agency_name"`
	DomainName  types.String `tfsdk:"domain_name"`
	DomainID    types.String `tfsdk:"domain_id"`
	Duration    types.Int64  `tfsdk:"duration"`
	SessionUser types.String `tfsdk:"session_user"`
}

func assumeRoleBlock() schema.ListNestedBlock {
	oneOf := stringvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("domain_name"),
		path.MatchRelative().AtParent().AtName("domain_id"))
	return schema.ListNestedBlock{
		MarkdownDescription: "Assume an agency (a role in another or the same account) with the base credentials. " +
			"Several blocks form a chain: each is assumed with the previous one's credentials, and the last one's " +
			"credentials sign every call (the project id is looked up with them). Assumed credentials are " +
			"renewed before they expire. With `domain_name` the agency is assumed through IAM v3 " +
			"(`securitytokens`), with `domain_id` through STS v5 (`agencies/assume`). Without a block, one step " +
			"can be given with `" + envAssumeAgencyName + "`, `" + envAssumeDomainName + "` or `" +
			envAssumeDomainID + "`, and `" + envAssumeDuration + "`, or by a CLI profile's agency fields.",
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"agency_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the agency to assume.",
			},
			"domain_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Name of the account that created the agency. Exactly one of `domain_name` and `domain_id`.",
				Validators:          []validator.String{oneOf},
			},
			"domain_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ID of the account that created the agency (uses STS v5). Exactly one of `domain_name` and `domain_id`.",
				Validators:          []validator.String{oneOf},
			},
			"duration": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Lifetime of the assumed credentials in seconds, %d to %d (STS v5 "+
					"allows at most 43200, and 3600 to a caller with temporary credentials). Defaults to %d with "+
					"`domain_name` (what the official provider sends) and %d with `domain_id`. The credentials "+
					"are renewed before they expire, so a long apply never outlives them.",
					minAssumeDuration, maxAssumeDuration, defaultAssumeDurationV3, defaultAssumeDurationV5),
				Validators: []validator.Int64{int64validator.Between(minAssumeDuration, maxAssumeDuration)},
			},
			"session_user": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Name of the session user (1–32 characters), recorded in the target account's audit trail.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 32)},
			},
		}},
	}
}

// resolveAssumeRoles decides the agency chain: the assume_role blocks; else
// the HW_ASSUME_ROLE_* variables (one step); else the profile's agency.
func (s *settings) resolveAssumeRoles(ctx context.Context, cfg providerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if !cfg.AssumeRole.IsNull() && !cfg.AssumeRole.IsUnknown() {
		var blocks []assumeRoleModel
		diags.Append(cfg.AssumeRole.ElementsAs(ctx, &blocks, false)...)
		for i, b := range blocks {
			step := hwc.AssumeRole{
				AgencyName: b.AgencyName.ValueString(), DomainName: b.DomainName.ValueString(),
				DomainID: b.DomainID.ValueString(), SessionUser: b.SessionUser.ValueString(),
				Duration: int(b.Duration.ValueInt64()),
			}
			diags.Append(checkStep(step, path.Root("assume_role").AtListIndex(i))...)
			s.assumeRoles = append(s.assumeRoles, withDefaultDuration(step))
		}
		if len(blocks) > 0 {
			return diags
		}
	}
	if name := os.Getenv(envAssumeAgencyName); name != "" {
		step := hwc.AssumeRole{AgencyName: name, DomainName: os.Getenv(envAssumeDomainName),
			DomainID: os.Getenv(envAssumeDomainID)}
		if d := os.Getenv(envAssumeDuration); d != "" {
			n, err := strconv.Atoi(d)
			if err != nil || n < minAssumeDuration || n > maxAssumeDuration {
				diags.AddAttributeError(path.Root("assume_role"), "Invalid "+envAssumeDuration,
					fmt.Sprintf("%s must be a number of seconds from %d to %d, got %q.", envAssumeDuration,
						minAssumeDuration, maxAssumeDuration, d))
			}
			step.Duration = n
		}
		diags.Append(checkStep(step, path.Root("assume_role"))...)
		s.assumeRoles = []hwc.AssumeRole{withDefaultDuration(step)}
		return diags
	}
	if p := s.profile; p != nil && p.AgencyName != "" {
		step := hwc.AssumeRole{AgencyName: p.AgencyName, DomainName: p.AgencyDomainName, DomainID: p.AgencyDomainID}
		if step.DomainName != "" && step.DomainID != "" {
			step.DomainID = "" // the official provider reads agencyDomainName; the name wins
		}
		diags.Append(checkStep(step, path.Root("profile"))...)
		s.assumeRoles = []hwc.AssumeRole{withDefaultDuration(step)}
	}
	return diags
}

func checkStep(step hwc.AssumeRole, at path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	switch {
	case step.AgencyName == "":
		diags.AddAttributeError(at, "Incomplete assume_role", "An agency to assume needs agency_name.")
	case (step.DomainName == "") == (step.DomainID == ""):
		diags.AddAttributeError(at, "Incomplete assume_role", fmt.Sprintf("Agency %q needs exactly one of "+
			"domain_name and domain_id (%s or %s), the account that created it.", step.AgencyName,
			envAssumeDomainName, envAssumeDomainID))
	}
	return diags
}

func withDefaultDuration(step hwc.AssumeRole) hwc.AssumeRole {
	if step.Duration == 0 {
		step.Duration = defaultAssumeDurationV3
		if step.DomainID != "" {
			step.Duration = defaultAssumeDurationV5
		}
	}
	return step
}

// resolveCredentials finishes the client configuration at configure time:
// it asks the ECS metadata service when nothing else gave credentials, and
// assumes the agency chain, so that a refusal is a configuration error that
// names the agency and the request id, never the failure of a resource.
func (s *settings) resolveCredentials(ctx context.Context, cfg hwc.Config) (hwc.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	if s.useMetadata {
		meta := hwc.MetadataCredentials(s.metadataEndpoint, nil)
		if _, err := meta.Credentials(ctx); err != nil {
			diags.AddAttributeError(path.Root("access_key"), "Missing credentials",
				"No credentials were found. Tried, in order:\n"+s.triedSources(err)+"\n\nSet auth_token (or "+
					"HW_AUTH_TOKEN), or access_key and secret_key (or HW_ACCESS_KEY and HW_SECRET_KEY), or a CLI "+
					"profile (profile or HW_PROFILE), or run on an ECS instance with an agency.")
			return cfg, diags
		}
		cfg.Credentials = meta
	}
	if len(s.assumeRoles) == 0 {
		return cfg, diags
	}
	base, err := hwc.New(cfg)
	if err != nil {
		diags.AddError("Invalid provider configuration", err.Error())
		return cfg, diags
	}
	chain, err := base.AssumeChain(s.assumeRoles)
	if err == nil {
		_, err = chain.Credentials(ctx)
	}
	if err != nil {
		diags.Append(assumeFailedDiagnostic(*s, err))
		return cfg, diags
	}
	for _, step := range s.assumeRoles {
		s.credentials.agencies = append(s.credentials.agencies, "assumed "+step.Describe())
	}
	cfg.AuthToken, cfg.AccessKey, cfg.SecretKey, cfg.SecurityToken = "", "", "", ""
	cfg.Credentials = chain
	return cfg, diags
}

// triedSources lists what was looked at when nothing gave credentials.
func (s *settings) triedSources(metadataErr error) string {
	lines := []string{
		"  1. provider arguments auth_token, access_key and secret_key: not set",
		"  2. environment variables HW_AUTH_TOKEN, HW_ACCESS_KEY and HW_SECRET_KEY (CLOUD_SDK_AK, CLOUD_SDK_SK): not set",
	}
	if s.profile != nil {
		lines = append(lines, fmt.Sprintf("  3. %s (mode %q): no access key", s.profile.describe(), s.profile.Mode))
	} else {
		lines = append(lines, "  3. CLI profile: not read (neither shared_config_file/"+envSharedConfigFile+
			" nor profile/"+envProfile+" is set)")
	}
	lines = append(lines, fmt.Sprintf("  4. ECS metadata service: %v", metadataErr))
	return strings.Join(lines, "\n")
}

// assumeFailedDiagnostic names the agency that could not be assumed, the
// service's code and request id, and the credentials that asked.
func assumeFailedDiagnostic(s settings, err error) diag.Diagnostic {
	var b strings.Builder
	var ae *hwc.AssumeError
	agency := "an agency"
	if errors.As(err, &ae) {
		agency = fmt.Sprintf("agency %q of account %q", ae.Agency, ae.Domain)
	}
	fmt.Fprintf(&b, "The provider could not assume %s", agency)
	var apiErr *hwc.APIError
	if errors.As(err, &apiErr) {
		fmt.Fprintf(&b, " (%s %s): HTTP %d, error code %s, request id %s.", apiErr.Method, apiErr.Path,
			apiErr.StatusCode, orNone(apiErr.Code), orNone(apiErr.RequestID))
		if apiErr.Message != "" {
			fmt.Fprintf(&b, "\nService message: %s", apiErr.Message)
		}
	} else {
		fmt.Fprintf(&b, ": %s", err)
	}
	fmt.Fprintf(&b, "\n\nBase credentials: %s.\n\nCheck the agency's name and account, that it trusts the "+
		"account of these credentials, and that they may assume it (for a chain, each step is assumed with "+
		"the previous step's credentials).", s.credentials)
	return diag.NewAttributeErrorDiagnostic(path.Root("assume_role"), "Cannot assume the agency", b.String())
}
