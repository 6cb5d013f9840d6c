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

	// KMSKeyID is a KMS key id: the 8-4-4-4-12 form with lower-case letters
	// and digits that the API Explorer's definition of CreateSecret gives
	// (any lower-case letter, not only hex), or 32 lower-case hex characters,
	// a form no source shows but none refuses either; it is kept so nothing
	// accepted before is refused now.
	KMSKeyID = regexp.MustCompile(`^([0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}|[0-9a-f]{32})$`)

	// EnterpriseProjectID is an enterprise project id. Only its length (1 to
	// 36 characters) is published, in the API Explorer's definition of
	// CreateSecret; "0" (the default project) and UUIDs are what it looks
	// like in practice, but no source makes that a rule.
	EnterpriseProjectID = regexp.MustCompile(`^(?s:.){1,36}$`)

	// CSMSTagKeyChars and CSMSTagValueChars are the characters a CSMS secret
	// tag key and value may hold: letters, separators and numbers of any
	// script (\p{L}, \p{Z}, \p{N}) and a few punctuation marks, as the tag API
	// pages (CreateSecretTag, BatchCreateOrDeleteTags) and the SDK's TagItem
	// give them. Lengths, the _sys_ prefix and the rule that a key neither
	// starts nor ends with a space are checked beside them.
	CSMSTagKeyChars   = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:=+\-@]*$`)
	CSMSTagValueChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

	// SMNTopicURN is urn:smn:{region}:{project_id}:{topic_name}. The topic
	// name is the SMN pages' rule (a letter or digit, then letters, digits,
	// '_' or '-') at the widest length any edition gives (256; most say
	// 255); the project part is any 1 to 64 letters and digits, since no
	// page gives a pattern for project ids.
	SMNTopicURN = regexp.MustCompile(`^urn:smn:[a-z0-9-]+:[0-9a-zA-Z]{1,64}:[a-zA-Z0-9][a-zA-Z0-9_-]{0,255}$`)

	// FunctionURN is urn:fss:{region}:{project_id}:function:{package}:{function_name}[:{version}].
	// FunctionGraph's CreateFunction page limits a function name to 60
	// characters starting with a letter; 128 is kept as the wider reading,
	// and the package and version parts, which no page describes, are loose.
	FunctionURN = regexp.MustCompile(
		`^urn:fss:[a-z0-9-]+:[0-9a-zA-Z]{1,64}:function:[a-zA-Z0-9_-]{1,64}:[a-zA-Z][a-zA-Z0-9_-]{0,127}(:[a-zA-Z0-9_.-]{1,64})?$`)
)
