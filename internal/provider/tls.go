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

// Client certificate variables. The official provider reads OS_CERT and
// OS_KEY; those names are not read, for the reason given at envCACertFile.
const (
	envClientCert = "HW_CLIENT_CERT"
	envClientKey  = "HW_CLIENT_KEY"
)

const (
	clientCertDescription = "A client certificate (PEM) to present when an endpoint asks for one (mutual TLS, " +
		"e.g. at a gateway or proxy): the path of a PEM file (`~` expanded), or the PEM itself when the value " +
		"starts with `-----BEGIN`. Goes with `key`. Can also be set with `" + envClientCert + "`. Read and " +
		"checked against `key` when the provider is configured."
	clientKeyDescription = "The private key (PEM) of `cert`: a path or the PEM itself, as for `cert`. Can also " +
		"be set with `" + envClientKey + "`. Never logged."
)

// readPEMArgument reads an argument that holds either the path of a PEM file
// or the PEM text itself. where names the source for messages; an error
// names the file, never the content.
func readPEMArgument(o origin, attr, what string) (data []byte, where string, diags diag.Diagnostics) {
	where = o.name
	data = []byte(o.value)
	if strings.HasPrefix(strings.TrimSpace(o.value), "-----BEGIN") {
		return data, where, diags
	}
	file, err := expandHome(o.value)
	if err == nil {
		data, err = os.ReadFile(file) //nolint:gosec // the user names the file to read
	}
	if err != nil {
		diags.AddAttributeError(path.Root(attr), "Cannot read the "+what+" file",
			fmt.Sprintf("%s names %q, which cannot be read: %s\n\nSet it to the path of a PEM file, or to the "+
				"PEM text itself (starting with -----BEGIN).", where, o.value, err))
		return nil, where, diags
	}
	return data, fmt.Sprintf("the file %q (from %s)", file, o.name), diags
}

// resolveClientCert reads cert and key (or their variables): both or
// neither, and a key that is the certificate's.
func (s *settings) resolveClientCert(cert, key types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	c, k := originOf(cert, "cert", envClientCert), originOf(key, "key", envClientKey)
	switch {
	case c.value == "" && k.value == "":
		return diags
	case c.value == "" || k.value == "":
		given, missing, missingEnv := k, "cert", envClientCert
		if k.value == "" {
			given, missing, missingEnv = c, "key", envClientKey
		}
		diags.AddAttributeError(path.Root(missing), "Incomplete client certificate",
			fmt.Sprintf("%s is set but %s (or %s) is not: a client certificate needs both the certificate "+
				"and its key.", given.name, missing, missingEnv))
		return diags
	}
	certPEM, certWhere, d := readPEMArgument(c, "cert", "client certificate")
	diags.Append(d...)
	keyPEM, _, d := readPEMArgument(k, "key", "client key")
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	if _, err := hwc.ParseClientCertificate(certPEM, keyPEM); err != nil {
		diags.AddAttributeError(path.Root("cert"), "Invalid client certificate",
			fmt.Sprintf("%s and %s are not a usable certificate and key: %s\n\nGive a PEM certificate "+
				"(-----BEGIN CERTIFICATE-----) and its PEM private key.", certWhere, k.name, err))
		return diags
	}
	s.clientCertPEM, s.clientKeyPEM = certPEM, keyPEM
	return diags
}

// resolveCACert reads cacert_file (or HW_CACERT_FILE) into PEM bytes, checked.
func (s *settings) resolveCACert(v types.String) diag.Diagnostics {
	o := originOf(v, "cacert_file", envCACertFile)
	if o.value == "" {
		return nil
	}
	data, where, diags := readPEMArgument(o, "cacert_file", "CA certificate")
	if diags.HasError() {
		return diags
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

// tlsDiagnostic is a credential check that failed in the TLS handshake: IAM's
// certificate was not trusted, or the server (or a gateway or proxy on the
// way) ended the handshake, typically wanting a client certificate. Both are
// configuration matters, never retried.
func tlsDiagnostic(s settings, while string, err error) diag.Diagnostic {
	if hwc.IsCertificateFailure(err) {
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
	presented := "no client certificate was presented"
	if len(s.clientCertPEM) > 0 {
		presented = "the client certificate of cert and key was presented"
	}
	return diag.NewErrorDiagnostic("The TLS handshake with IAM was refused",
		fmt.Sprintf("The server ended the TLS handshake while %s (%s).\n\nError: %s\n\nIf the endpoint or a "+
			"gateway or proxy on the way requires a client certificate, set cert and key (or %s and %s) to one "+
			"it trusts; check endpoints.iam (or %s) if it is set.",
			while, presented, err, envClientCert, envClientKey, envIAMEndpoint))
}
