package provider

import (
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// envCACertFile is cacert_file's variable. The official provider reads
// OS_CACERT; that name is not read here, because emulator runs clear only
// the HW_* family and an OS_CACERT meant for OpenStack tools would leak in.
const envCACertFile = "HW_CACERT_FILE"

const caCertFileDescription = "CA certificates (PEM) to trust **in addition to** the system roots, e.g. a " +
	"private CA or a TLS-inspecting proxy's: the path of a PEM file (`~` expanded), or the PEM itself when " +
	"the value starts with `-----BEGIN`. Can also be set with `" + envCACertFile + "`. Read when the provider " +
	"is configured; a missing or unreadable file, or one without a valid certificate, is a configuration " +
	"error. Ignored for certificate checks when `insecure` is `true`."

// resolveCACert reads cacert_file (or HW_CACERT_FILE) into PEM bytes, checked.
func (s *settings) resolveCACert(v types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	o := originOf(v, "cacert_file", envCACertFile)
	if o.value == "" {
		return diags
	}
	where := o.name
	data := []byte(o.value)
	if !strings.HasPrefix(strings.TrimSpace(o.value), "-----BEGIN") {
		file, err := expandHome(o.value)
		if err == nil {
			data, err = os.ReadFile(file) //nolint:gosec // the user names the file to read
		}
		if err != nil {
			diags.AddAttributeError(path.Root("cacert_file"), "Cannot read the CA certificate file",
				fmt.Sprintf("%s names %q, which cannot be read: %s\n\nSet it to the path of a PEM file, or to the "+
					"PEM text itself (starting with -----BEGIN CERTIFICATE-----).", where, o.value, err))
			return diags
		}
		where = fmt.Sprintf("the file %q (from %s)", file, o.name)
	}
	if _, err := hwc.ParseCACerts(data); err != nil {
		diags.AddAttributeError(path.Root("cacert_file"), "Invalid CA certificates",
			fmt.Sprintf("%s holds no usable CA certificate: %s\n\nGive one or more PEM certificates "+
				"(-----BEGIN CERTIFICATE----- blocks).", where, err))
		return diags
	}
	s.caCertPEM = data
	return diags
}

// certificateDiagnostic is a credential check that failed because IAM's
// certificate is not trusted: a configuration matter, never retried.
func certificateDiagnostic(s settings, while string, err error) diag.Diagnostic {
	trust := "only the system's CA certificates are trusted"
	if len(s.caCertPEM) > 0 {
		trust = "the system's CA certificates and those of cacert_file are trusted"
	}
	return diag.NewErrorDiagnostic("IAM's TLS certificate is not trusted",
		fmt.Sprintf("The TLS connection to IAM failed while %s because the server's certificate was refused "+
			"(%s).\n\nError: %s\n\nIf the endpoint or a proxy on the way uses a private CA, set cacert_file (or %s) "+
			"to that CA's PEM certificate; check endpoints.iam (or %s) if it is set, and the machine's clock.",
			while, trust, err, envCACertFile, envIAMEndpoint))
}
