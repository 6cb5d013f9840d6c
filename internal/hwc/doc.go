// Package hwc is a thin client for the Huawei Cloud APIs the provider manages:
// CSMS (secrets and secret events, served from the KMS host), CTS (key-event
// notifications) and IAM (project lookup, credential check). It signs requests, retries what is
// safe to retry, logs through tflog with secrets redacted and returns typed
// errors. It knows nothing of Terraform types; the provider asks it what a
// failure means (IsRefused, MayHaveBeenApplied, ...) instead of reading HTTP
// statuses itself.
//
// These notes are the project's own summary of how the services behave on
// the wire. The emulator (internal/emulator) implements the same rules, and
// its tests pin them down. Each fact says where it comes from: the published
// API pages, the official Go SDK (v0.1.207, read as documentation of the
// wire format, never imported), what Huawei's own Terraform provider sends
// and gets accepted, or, where none of those settle it, a guess that is
// marked as one. Every validation rule, with its source, is in the rules
// table docs-dev/validation-rules.md.
//
// # Hosts
//
// Endpoints are derived from the region and each one can be overridden:
//
//	CSMS  https://kms.<region>.myhuaweicloud.com   (there is no csms. host)
//	CTS   https://cts.<region>.myhuaweicloud.com
//	IAM   https://iam.<region>.myhuaweicloud.com, else https://iam.myhuaweicloud.com
//
// Regions whose hosts break that pattern (eu-west-101 lives under
// myhuaweicloud.eu) are listed in hosts.go, taken from the SDK's region
// tables; that file is the one place that knows hosts.
// A region is used inside a host name, so it must look like a DNS label (see
// patterns.Region); anything else could send signed requests elsewhere. An
// override may be plain http:// (the emulator). Every path carries the
// project id; when it is not configured it is looked up once through IAM
// (GET /v3/projects?name=<region>), and anything but exactly one match is an
// error the user must resolve.
//
// # Authentication
//
// Either AK/SK signing (package sdksign: SDK-HMAC-SHA256, no key derivation,
// a fresh X-Sdk-Date on every attempt, the gateway allows 15 minutes of
// clock skew), optionally with a temporary credential's X-Security-Token, or
// an IAM token in X-Auth-Token. A token wins over AK/SK when both are set.
// Project-scoped calls send X-Project-Id; the gateway verifies exactly the
// headers SignedHeaders lists, and Huawei's own provider leaves X-Project-Id
// unsigned, so a server must accept it either way. Every request carries
// Content-Type: application/json, bodiless ones included, as the SDK does.
// The signer's output matches test vectors produced by the official SDK
// (internal/sdksign/signvectors).
//
// Credentials are proven once per provider configuration by a call any IAM
// user may make: GET /v3/auth/projects ("Listing Projects Accessible to an
// IAM User": no permission needed, global or regional endpoint; see
// ListAuthProjects). The project lookup, when the project id is not
// configured, proves them as well. A wrong key or signature is refused by the
// gateway with 401 APIG.0301 and the request id, before IAM itself sees it.
//
// # Temporary credentials: agencies and ECS metadata
//
// The transport asks a CredentialsProvider for the credentials before it signs
// each request. Static AK/SK never change; RefreshingCredentials renew
// temporary ones before they expire (5 minutes before, or after three
// quarters of a shorter lifetime), one renewal shared by concurrent callers.
// Agencies (IAM page iam_04_0101, the SDK's STS v5 model): IAM v3 POST /v3.0/OS-CREDENTIAL/securitytokens
// (method assume_role, 201 {"credential":{access,secret,securitytoken,
// expires_at}}) when the account is named, STS v5 POST /v5/agencies/assume on
// sts.{region}.myhuaweicloud.com (200 {"credentials":{access_key_id,
// secret_access_key,security_token,expiration}}) when its id is given; each
// step of a chain is signed with the previous step's credentials. ECS metadata:
// GET {base}/openstack/latest/securitykey without authentication, 3 s timeout,
// base http://169.254.169.254 unless HWCLOUD_METADATA_ENDPOINT (tests) says
// otherwise. The official provider never renews assumed credentials; this
// client does. Every secret key and token obtained is scrubbed from logs.
//
// # Bodies
//
// CSMS wraps what it returns ({"event": …}, {"secrets": […], "page_info": …});
// CTS does not (create and update return the notification itself, list
// returns {"notifications": […]}). Times on the wire are milliseconds since
// the epoch, although the pages say seconds; every published example is in
// milliseconds. The provider shows them as RFC 3339 in UTC.
//
// # Errors
//
// A failed call returns an *APIError with the HTTP status, the service code
// (e.g. CSMS.0002), its message and the request id (X-Request-Id, else the
// body's request_id), which every error shown to a user includes. Bodies come
// in three shapes, and parseErrorBody reads all of them, plus IAM's spelling:
//
//	flat     {"error_code": "CSMS.0005", "error_msg": "…"}
//	nested   {"error": {"error_code": "…", "error_msg": "…"}}   (CSMS event and tag-query pages)
//	gateway  {"error_code": "APIG.0301", "error_msg": "…", "request_id": "…"}
//
// What a failure means is decided here, once (classify.go): a 4xx other than
// 429 is a refusal (nothing was applied); 429 (APIG.0308, also spelled
// APIGW.0308) is throttling, which is not a refusal; a 5xx or a lost answer
// may have been applied; 401 and 403 are credential problems.
//
// # Not found
//
// "Does not exist" has several spellings: a plain 404, HTTP 400 with
// CSMS.0005 (resource) or CSMS.0106 (secret name), and CTS.0403. All of them
// match ErrNotFound. A 404 carrying a gateway code (APIG.*) means the route
// does not exist — a wrong endpoint — and does not count: treating it as
// "gone" would make Terraform forget objects that still exist.
//
// # Retries
//
// 429, 500, 502, 503 and 504 are retried with capped exponential backoff and
// jitter, honouring (a capped) Retry-After, as Huawei advises. A POST is a
// create and is not idempotent, so only a throttled POST, or one that never
// left this machine, is repeated here; a create whose answer was lost is
// resolved by the provider, which looks the object up by its unique name
// before trying again.
//
// # Paging and lookups
//
// CSMS event and secret lists page with limit and marker (the name to start
// after). The tag query (ListResourceInstances, a POST) pages with limit and
// offset, which the official model types as JSON strings; they are sent as
// strings. Its total_count counts matches, not the page. The iterators of
// paging.go (AllSecretEvents, AllSecrets, AllSecretVersions,
// AllNotificationRecords) walk the marker lists to the end, one call at a
// time. ListNotificationRecords documents no query parameters (API page
// 2026-06-09, SDK) yet answers page_info: its first call sends none, and a
// next_marker is followed as on the other lists; QueryResourceInstances reads a whole
// tag query, its pages after the first concurrently. Both turn a list that
// cannot end (a repeated marker, a set that keeps growing, full pages past
// the count) into an error, never a partial list. CTS lists are not
// paged and have no "show" call: a notification is found through the list
// of its type (smn or fun, which follows the topic URN), and the name filter
// is fuzzy, so matches are always compared exactly (cts_find.go).
//
// # Version expiry
//
// A version's expire_time (VersionMetadata) is set by CreateSecretVersion
// (optional expire_time) and changed by UpdateVersion (PUT
// .../secrets/{name}/versions/{version_id}, {"expire_time"} only, mandatory
// in the current pages and the SDK; only ENABLED secrets). CreateSecret takes
// none, so a first version's expiry needs an UpdateVersion after the create.
// No documented call removes an expiry; a new version without one has none.
// The pages say seconds; as every CSMS time it is sent and read as
// milliseconds. When it passes, a subscribed event of type
// SECRET_VERSION_EXPIRED notifies once per expiry set.
//
// # Known gaps and guesses
//
//   - The codes for "event name already taken" and "event still subscribed
//     by a secret" are not documented. The provider does not depend on them:
//     after an ambiguous create it treats a refusal of the same body as
//     "already exists", and it explains a refused delete by listing the
//     subscribing secrets. The emulator picks codes in the CSMS family.
//   - A CTS notification without a filter most likely comes back without one
//     (null or absent); some clients report an empty, switched-off object.
//     Both mean "no filter" (CTSFilter.Enabled). A filter or user list is
//     cleared by leaving it out of the update, which replaces the whole
//     notification.
//   - Real responses may carry fields the models here do not name; the
//     client ignores unknown fields, the emulator never sends them.
//   - Secret names: the CreateSecret API page and the console allow periods
//     (^[a-zA-Z0-9._-]{1,64}$), the API Explorer's definition and the SDK
//     generated from it do not. The provider and the emulator accept the
//     wider rule, so a secret named in the console can always be managed.
//   - Where Huawei's sources disagree on a limit, the wider one is taken:
//     secret values up to 64 KiB (console guide; API pages say 32 KB),
//     descriptions of 2,048 characters (pages say bytes), tag characters of
//     any script (\p{L}, \p{Z}, \p{N}), CTS user groups of 128 characters,
//     100 distinct services (not entries) per CTS notification, list pages
//     of up to 1,000. Whether the service truly accepts the wider reading is
//     not verified against a live account.
//   - CSMS does not check an event's notification target (the event pages
//     say so); the provider only warns about a target that is not an SMN
//     topic URN, and the emulator accepts a topic that does not exist.
//   - Guesses in the emulator: an unknown list marker gives an empty page
//     (versions, records) or pages from its place in name order (events,
//     secrets); CTS operations sent with operation_type complete are kept;
//     any whitespace is accepted in CTS filter rules, where the provider
//     warns unless single spaces are used.
package hwc
