// Package patterns holds the value shapes that more than one package checks:
// the provider at plan time, the client before it builds a host name, and the
// tests that look at what the provider stored. A shape that only one resource
// uses stays next to that resource.
package patterns

import "regexp"

var (
	// Region is a region name such as cn-north-4. Host names are built from
	// it, so it must stay a DNS label: anything else could send requests,
	// and the credentials signing them, to another host.
	Region = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

	// UUID is the canonical 8-4-4-4-12 hex form, either case, as the services
	// print ids (CTS notification ids, CSMS event ids).
	UUID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

	// RFC3339UTC is a timestamp the way the provider writes every time it
	// reports: RFC 3339, whole seconds, UTC ("2026-01-02T03:04:05Z").
	RFC3339UTC = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)

	// CSMSEventName is a CSMS secret event's name: 1 to 64 letters, digits,
	// '_' or '-' (the event API pages' rule).
	CSMSEventName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

	// CSMSSecretName is a CSMS secret's name: 1 to 64 letters, digits, '.',
	// '_' or '-'. Huawei's sources disagree on the '.': the CreateSecret API
	// page and the console allow it, the API Explorer's definition (and the
	// SDK generated from it) does not. The wider rule wins, so secrets made
	// with a period in the console can be managed here.
	CSMSSecretName = regexp.MustCompile(`^[a-zA-Z0-9._-]{1,64}$`)

	// KMSKeyID is a KMS key id: a UUID, lower case, or the 32-hex form the
	// documentation's examples also show.
	KMSKeyID = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$`)

	// EnterpriseProjectID is "0" (the default enterprise project) or a UUID.
	EnterpriseProjectID = regexp.MustCompile(`^(0|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`)
)
