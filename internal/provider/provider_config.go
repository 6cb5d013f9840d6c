package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Environment variables, named as Huawei Cloud's own tooling names them (its
// Terraform provider and CLI use HW_*, the SDK samples CLOUD_SDK_AK/SK), so
// existing setups work unchanged.
const (
	envRegion        = "HW_REGION_NAME"
	envProjectID     = "HW_PROJECT_ID"
	envAccessKey     = "HW_ACCESS_KEY"
	envSDKAccessKey  = "CLOUD_SDK_AK"
	envSecretKey     = "HW_SECRET_KEY"
	envSDKSecretKey  = "CLOUD_SDK_SK"
	envSecurityToken = "HW_SECURITY_TOKEN"
	envAuthToken     = "HW_AUTH_TOKEN"
	envInsecure      = "HW_INSECURE"
	envMaxRetries    = "HW_MAX_RETRIES"
	envCSMSEndpoint  = "HW_CSMS_ENDPOINT"
	envCTSEndpoint   = "HW_CTS_ENDPOINT"
	envIAMEndpoint   = "HW_IAM_ENDPOINT"
	envSTSEndpoint   = "HW_STS_ENDPOINT"

	envSkipCredentialsValidation = "HW_SKIP_CREDENTIALS_VALIDATION"
	envBatchReads                = "HW_BATCH_READS"
)

const batchReadsDescription = "Answer the refresh of many objects of one type from shared list calls instead of " +
	"one lookup per object. Defaults to `true`. Can also be set with `HW_BATCH_READS`. The first reads of a type " +
	"in a command are made singly (two CSMS events, two CTS notifications, three secrets), so a small workspace " +
	"costs exactly what it did; from the next read on, one list (`ListSecretEvents`, `ListNotifications` of the " +
	"type, `ListResourceInstances`) answers every object of the type; a secret's current version and its " +
	"expiry (`ListSecretVersions`) are still read per secret. In a project of more than 1,000 secrets the " +
	"secret list is only paged when the pages cost no more than the reads made so far. A failed or throttled list falls back to " +
	"single reads, and an object written by this provider in the same command is always read singly. Set to " +
	"`false` to read every object singly, for debugging or to compare."

// settings is the provider configuration after environment fallbacks.
type settings struct {
	region, projectID                   string
	accessKey, secretKey, securityToken string
	authToken                           string
	endpoints                           hwc.Endpoints
	insecure                            bool
	caCertPEM                           []byte // cacert_file's certificates, checked (see tls.go)
	clientCertPEM, clientKeyPEM         []byte // cert and key, checked as a pair (see tls.go)
	maxRetries                          int
	skipCredentialsValidation           bool
	batchReads                          bool

	// assumeRoles is the agency chain to assume (empty: none); profile the
	// KooCLI profile read, if any; useMetadata says that no token or AK/SK
	// was found, so the ECS metadata service is asked (at metadataEndpoint).
	assumeRoles      []hwc.AssumeRole
	profile          *loadedProfile
	useMetadata      bool
	metadataEndpoint string

	// credentials says where the credentials in use were found, for the
	// messages that must name them.
	credentials credentialSource

	// defaults are what resources use when they do not say (defaults.go).
	defaults resourceDefaults
}

// credentialSource is where the credentials in use came from. Today that is
// the provider block, the environment, or both (one value from each); a
// profile, an agency or instance metadata would be further kinds.
type credentialSource struct {
	kind credentialSourceKind
	// names are the arguments or environment variables that supplied the
	// values in use, in the order access key (or token), secret key, security token.
	names []string
	// agencies are the chain assumed with those credentials, in order.
	agencies []string
}

type credentialSourceKind string

const (
	sourceProviderBlock credentialSourceKind = "the provider block"
	sourceEnvironment   credentialSourceKind = "environment variables"
	sourceMixed         credentialSourceKind = "the provider block and environment variables"
	sourceMetadata      credentialSourceKind = "the ECS metadata service"
)

// String reads like `environment variables (HW_ACCESS_KEY, HW_SECRET_KEY)`.
func (c credentialSource) String() string {
	if c.kind == "" {
		return "an unknown source"
	}
	out := fmt.Sprintf("%s (%s)", c.kind, strings.Join(c.names, ", "))
	for _, a := range c.agencies {
		out += ", then " + a
	}
	return out
}

// origin is one credential value and where it was read.
type origin struct {
	value, name string
	fromEnv     bool
	// profile describes the KooCLI profile the value came from, if it did.
	profile string
}

// sourceOf names the source of the values in use (the empty ones are ignored).
func sourceOf(values ...origin) credentialSource {
	var src credentialSource
	var block, env bool
	for _, o := range values {
		if o.value == "" {
			continue
		}
		src.names = append(src.names, o.name)
		if o.profile != "" {
			src.kind = credentialSourceKind(o.profile)
			continue
		}
		block, env = block || !o.fromEnv, env || o.fromEnv
	}
	if src.kind != "" { // a profile supplies the credentials as a whole
		return src
	}
	switch {
	case block && env:
		src.kind = sourceMixed
	case env:
		src.kind = sourceEnvironment
	case block:
		src.kind = sourceProviderBlock
	}
	return src
}

func (s settings) authMode() string {
	switch {
	case len(s.assumeRoles) > 0:
		return "agency"
	case s.useMetadata:
		return "metadata"
	case s.authToken != "":
		return "token"
	case s.securityToken != "":
		return "temporary-aksk"
	default:
		return "aksk"
	}
}

// secretValues are masked in every log line as a second line of defence.
func (s settings) secretValues() []string {
	var out []string
	for _, v := range []string{s.secretKey, s.securityToken, s.authToken, string(s.clientKeyPEM)} {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (s settings) clientConfig(p *hwcloudProvider, terraformVersion string) hwc.Config {
	ua := "terraform-provider-hwcloud/" + p.version
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	cfg := hwc.Config{
		Region:         s.region,
		ProjectID:      s.projectID,
		Endpoints:      s.endpoints,
		Insecure:       s.insecure,
		CACertPEM:      s.caCertPEM,
		ClientCertPEM:  s.clientCertPEM,
		ClientKeyPEM:   s.clientKeyPEM,
		MaxRetries:     s.maxRetries,
		RetryBaseDelay: p.retryBaseDelay,
		RetryMaxDelay:  p.retryMaxDelay,
		UserAgent:      ua,
	}
	// The token wins over AK/SK, as in the existing Huawei Cloud tooling.
	if s.authToken != "" {
		cfg.AuthToken = s.authToken
	} else {
		cfg.AccessKey, cfg.SecretKey, cfg.SecurityToken = s.accessKey, s.secretKey, s.securityToken
	}
	return cfg
}

// boolOrEnv sets *dst from the argument name, else from the variable env when
// it is set; a variable that is not true or false is an error on the argument.
func boolOrEnv(diags *diag.Diagnostics, v types.Bool, name, env string, dst *bool) {
	switch {
	case !v.IsNull():
		*dst = v.ValueBool()
	case os.Getenv(env) != "":
		b, err := strconv.ParseBool(os.Getenv(env))
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Invalid "+env,
				fmt.Sprintf("%s must be true or false, got %q.", env, os.Getenv(env)))
		}
		*dst = b
	}
}

// resolveSettings applies environment fallbacks and the cross-argument rules,
// reporting each problem on the argument it concerns.
func resolveSettings(ctx context.Context, cfg providerModel) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	unknown := func(name string, v attr.Value, env string) {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown provider argument",
				fmt.Sprintf("The provider cannot be configured because %q is unknown until apply (it depends on a "+
					"value that is not known yet). Use a literal or a variable, or set %s.", name, env))
		}
	}
	unknown("region", cfg.Region, envRegion)
	unknown("project_id", cfg.ProjectID, envProjectID)
	unknown("access_key", cfg.AccessKey, envAccessKey)
	unknown("secret_key", cfg.SecretKey, envSecretKey)
	unknown("security_token", cfg.SecurityToken, envSecurityToken)
	unknown("auth_token", cfg.AuthToken, envAuthToken)
	unknown("endpoints", cfg.Endpoints, "the HW_*_ENDPOINT variables")
	unknown("insecure", cfg.Insecure, envInsecure)
	unknown("cacert_file", cfg.CACertFile, envCACertFile)
	unknown("cert", cfg.Cert, envClientCert)
	unknown("key", cfg.Key, envClientKey)
	unknown("max_retries", cfg.MaxRetries, envMaxRetries)
	unknown("skip_credentials_validation", cfg.SkipCredentialsValidation, envSkipCredentialsValidation)
	unknown("shared_config_file", cfg.SharedConfigFile, envSharedConfigFile)
	unknown("profile", cfg.Profile, envProfile)
	unknown("assume_role", cfg.AssumeRole, "the HW_ASSUME_ROLE_* variables")
	unknown("batch_reads", cfg.BatchReads, envBatchReads)

	var ep endpointsModel
	if !cfg.Endpoints.IsNull() && !cfg.Endpoints.IsUnknown() {
		diags.Append(cfg.Endpoints.As(ctx, &ep, basetypes.ObjectAsOptions{})...)
		for name, v := range map[string]attr.Value{"csms": ep.CSMS, "cts": ep.CTS, "iam": ep.IAM, "sts": ep.STS} {
			if v.IsUnknown() {
				diags.AddAttributeError(path.Root("endpoints").AtName(name), "Unknown provider argument",
					fmt.Sprintf("The provider cannot be configured because endpoints.%s is unknown until apply. "+
						"Use a literal or a variable.", name))
			}
		}
	}
	if diags.HasError() {
		return settings{}, diags
	}

	accessKey := originOf(cfg.AccessKey, "access_key", envAccessKey, envSDKAccessKey)
	secretKey := originOf(cfg.SecretKey, "secret_key", envSecretKey, envSDKSecretKey)
	securityToken := originOf(cfg.SecurityToken, "security_token", envSecurityToken)
	authToken := originOf(cfg.AuthToken, "auth_token", envAuthToken)
	s := settings{
		region:        stringOrEnv(cfg.Region, envRegion),
		projectID:     stringOrEnv(cfg.ProjectID, envProjectID),
		accessKey:     accessKey.value,
		secretKey:     secretKey.value,
		securityToken: securityToken.value,
		authToken:     authToken.value,
		endpoints: hwc.Endpoints{
			CSMS: stringOrEnv(ep.CSMS, envCSMSEndpoint),
			CTS:  stringOrEnv(ep.CTS, envCTSEndpoint),
			IAM:  stringOrEnv(ep.IAM, envIAMEndpoint),
			STS:  stringOrEnv(ep.STS, envSTSEndpoint),
		},
		maxRetries: defaultMaxRetries,
		batchReads: true,
	}

	boolOrEnv(&diags, cfg.Insecure, "insecure", envInsecure, &s.insecure)
	switch {
	case !cfg.MaxRetries.IsNull():
		s.maxRetries = int(cfg.MaxRetries.ValueInt64())
	case os.Getenv(envMaxRetries) != "":
		n, err := strconv.Atoi(os.Getenv(envMaxRetries))
		if err != nil || n < 0 {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid "+envMaxRetries,
				fmt.Sprintf("%s must be a whole number of at least 0, got %q.", envMaxRetries, os.Getenv(envMaxRetries)))
		}
		s.maxRetries = n
	}
	boolOrEnv(&diags, cfg.SkipCredentialsValidation, "skip_credentials_validation", envSkipCredentialsValidation,
		&s.skipCredentialsValidation)
	boolOrEnv(&diags, cfg.BatchReads, "batch_reads", envBatchReads, &s.batchReads)
	diags.Append(s.resolveCACert(cfg.CACertFile)...)
	diags.Append(s.resolveClientCert(cfg.Cert, cfg.Key)...)
	// A profile fills what the arguments and variables left empty.
	diags.Append(s.applyProfile(cfg, &accessKey, &secretKey, &securityToken)...)
	diags.Append(s.resolveAssumeRoles(ctx, cfg)...)
	if diags.HasError() {
		return s, diags
	}
	s.useMetadata = s.authToken == "" && s.accessKey == "" && s.secretKey == "" && s.securityToken == ""
	if s.useMetadata {
		s.metadataEndpoint = hwc.MetadataEndpoint(os.Getenv)
	}
	// The token wins over AK/SK (see clientConfig), so only its source counts then.
	switch {
	case s.useMetadata:
		s.credentials = credentialSource{kind: sourceMetadata, names: []string{s.metadataEndpoint}}
	case s.authToken != "":
		s.credentials = sourceOf(authToken)
	default:
		s.credentials = sourceOf(accessKey, secretKey, securityToken)
	}
	if s.maxRetries < 0 {
		diags.AddAttributeError(path.Root("max_retries"), "Invalid max_retries",
			fmt.Sprintf("max_retries must be at least 0, got %d.", s.maxRetries))
	}

	diags.Append(s.validateCredentials()...)
	diags.Append(s.validateEndpoints()...)
	var d diag.Diagnostics
	s.defaults, d = resolveResourceDefaults(ctx, cfg)
	diags.Append(d...)
	return s, diags
}

func (s settings) validateCredentials() diag.Diagnostics {
	var diags diag.Diagnostics
	switch {
	case s.useMetadata:
		// Nothing was given: the ECS metadata service is asked at configure time.
	case s.accessKey != "" && s.secretKey == "":
		diags.AddAttributeError(path.Root("secret_key"), "Missing secret_key",
			"access_key is set but secret_key is not. Set secret_key (or HW_SECRET_KEY) to sign requests.")
	case s.secretKey != "" && s.accessKey == "":
		diags.AddAttributeError(path.Root("access_key"), "Missing access_key",
			"secret_key is set but access_key is not. Set access_key (or HW_ACCESS_KEY) to sign requests.")
	}
	if s.securityToken != "" && (s.accessKey == "" || s.secretKey == "") {
		diags.AddAttributeError(path.Root("security_token"), "security_token without AK/SK",
			"security_token belongs to temporary AK/SK credentials: set access_key and secret_key as well, or "+
				"remove security_token.")
	}
	return diags
}

func (s settings) validateEndpoints() diag.Diagnostics {
	var diags diag.Diagnostics
	for name, v := range map[string]string{"csms": s.endpoints.CSMS, "cts": s.endpoints.CTS, "iam": s.endpoints.IAM, "sts": s.endpoints.STS} {
		if v == "" {
			continue
		}
		if err := checkEndpointURL(v); err != nil {
			diags.AddAttributeError(path.Root("endpoints").AtName(name), "Invalid endpoint URL",
				fmt.Sprintf("endpoints.%s: %s", name, err))
		}
	}
	derived := s.endpoints.CSMS == "" || s.endpoints.CTS == "" || s.endpoints.IAM == ""
	if s.region == "" && (derived || s.projectID == "") {
		why := "the service endpoints are derived from it"
		if !derived {
			why = "project_id is not set, so it is looked up by region"
		}
		diags.AddAttributeError(path.Root("region"), "Missing region",
			fmt.Sprintf("region (or HW_REGION_NAME) is required because %s.", why))
	}
	return diags
}

// stringOrEnv returns the configured value, else the first non-empty environment variable.
func stringOrEnv(v basetypes.StringValue, envs ...string) string {
	return originOf(v, "", envs...).value
}

// originOf is stringOrEnv that also says where the value was found: the
// argument (named arg) or the environment variable that supplied it.
func originOf(v basetypes.StringValue, arg string, envs ...string) origin {
	if !v.IsNull() && !v.IsUnknown() {
		return origin{value: v.ValueString(), name: arg}
	}
	for _, e := range envs {
		if s := os.Getenv(e); s != "" {
			return origin{value: s, name: e, fromEnv: true}
		}
	}
	return origin{}
}

// checkEndpointURL accepts an absolute http(s) URL with a host and nothing
// after the path. Errors never repeat a password the URL may carry.
func checkEndpointURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the whole input, credentials included: keep only the reason.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("the value is not a URL: %w", err)
	}
	shown := u.Redacted()
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q must start with https:// or http://", shown)
	case u.Host == "":
		return fmt.Errorf("%q has no host", shown)
	case u.User != nil, u.RawQuery != "", u.Fragment != "":
		return fmt.Errorf("%q must be a base URL without credentials, query or fragment", shown)
	case strings.TrimSpace(raw) != raw:
		return fmt.Errorf("%q has surrounding spaces", shown)
	}
	return nil
}

// endpointURLValidator reports a malformed endpoint at validate time, before any call.
type endpointURLValidator struct{}

func (endpointURLValidator) Description(context.Context) string {
	return "must be an http:// or https:// base URL"
}

func (v endpointURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (endpointURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkEndpointURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint URL", err.Error())
	}
}

// withClientLogging scopes ctx to the client's tflog subsystem, with the
// credentials masked in case anything ever tries to log them.
func withClientLogging(ctx context.Context, s settings) context.Context {
	return framework.ClientLogContext(ctx, s.secretValues())
}

// batchMode is when reads are batched: off when batch_reads is false, else
// the mode a test asked for (WithReadBatchMode), else the default.
func (p *hwcloudProvider) batchMode(batchReads bool) framework.ReadBatchMode {
	switch {
	case !batchReads:
		return framework.ReadBatchOff
	case p.readBatchMode != nil:
		return *p.readBatchMode
	}
	return framework.ReadBatchDefault
}
