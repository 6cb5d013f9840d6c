package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// skipHint is how to configure without the check; it ends every message of a
// failed check, because a plan that cannot reach IAM may still be wanted.
var skipHint = "To configure the provider without this check, set skip_credentials_validation = true (or " +
	envSkipCredentialsValidation + "=true); wrong credentials then fail at the first API call instead."

// credentialCheckDiagnostic turns the failure of an IAM call made while
// configuring (the credential check, or the project lookup that stands in
// for it) into the configuration error the user sees, when the failure is
// about the credentials (IAM refused them) or about the network (no answer).
// Any other failure is left to the caller (ok = false). while says what the
// provider was doing, e.g. "checking them".
func credentialCheckDiagnostic(s settings, while string, err error) (diag.Diagnostic, bool) {
	switch {
	case hwc.IsCertificateFailure(err) || hwc.IsHandshakeRefused(err):
		return tlsDiagnostic(s, while, err), true
	case hwc.IsUnauthorized(err):
		return diag.NewErrorDiagnostic("Invalid credentials", refusedCredentialsDetail(s, while, err)), true
	case hwc.IsNetworkFailure(err):
		return diag.NewErrorDiagnostic("Cannot reach IAM to check the credentials",
			fmt.Sprintf("IAM could not be reached while %s, so the credentials were neither accepted nor "+
				"refused: this is a network failure, not a verdict on the credentials. The call was retried up "+
				"to max_retries (%d) times.\n\nError: %s\n\nCheck the network and any proxy (HTTPS_PROXY), "+
				"and endpoints.iam (or %s) if it is set.\n\n%s",
				while, s.maxRetries, err, envIAMEndpoint, skipHint)), true
	}
	return nil, false
}

// refusedCredentialsDetail names the source and the key (never a secret),
// the service's code and request id, and what to check.
func refusedCredentialsDetail(s settings, while string, err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "IAM refused the credentials while %s", while)
	var apiErr *hwc.APIError
	if errors.As(err, &apiErr) {
		fmt.Fprintf(&b, " (%s %s): error code %s, request id %s.", apiErr.Method, apiErr.Path,
			orNone(apiErr.Code), orNone(apiErr.RequestID))
		if apiErr.Message != "" {
			fmt.Fprintf(&b, "\nService message: %s", apiErr.Message)
		}
	} else {
		fmt.Fprintf(&b, ": %s", err)
	}
	b.WriteString("\n\n")
	switch s.authMode() {
	case "agency", "metadata":
		fmt.Fprintf(&b, "Credentials used: temporary credentials from %s.\n\n", s.credentials)
		b.WriteString("Check that the agency grants access to this region's project, and that this machine's " +
			"clock is right: a signature more than 15 minutes off is refused.")
	case "token":
		fmt.Fprintf(&b, "Credentials used: an IAM token (X-Auth-Token), from %s.\n\n", s.credentials)
		b.WriteString("Check that the token has not expired (IAM tokens last 24 hours) and was issued for this " +
			"account and region, or use an access key instead.")
	default:
		kind := "access key"
		if s.authMode() == "temporary-aksk" {
			kind = "temporary access key"
		}
		fmt.Fprintf(&b, "Credentials used: %s %q with its secret key, from %s.\n\n", kind, s.accessKey, s.credentials)
		b.WriteString("Check that this access key exists and is enabled in IAM, that the secret key is the one " +
			"issued with it (copied whole, without spaces), ")
		if s.authMode() == "temporary-aksk" {
			b.WriteString("that the security token belongs to the same temporary credentials and has not expired, ")
		}
		b.WriteString("that no other source overrides them (a provider argument wins over its environment " +
			"variable), and that this machine's clock is right: a signature more than 15 minutes off is refused.")
	}
	b.WriteString("\n\n" + skipHint)
	return b.String()
}

// checkFailedDiagnostic is a check that failed for another reason than the
// credentials or the network: a wrong IAM endpoint, a failing service.
func checkFailedDiagnostic(err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Cannot check the credentials",
		fmt.Sprintf("The provider checks its credentials with IAM when it is configured, and that call "+
			"failed: %s\n\nCheck endpoints.iam (or %s) if it is set.\n\n%s", err, envIAMEndpoint, skipHint))
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
