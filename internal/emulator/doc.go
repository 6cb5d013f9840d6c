// Package emulator is a stateful, in-memory and deliberately strict double of
// the Huawei Cloud APIs the provider uses: IAM project lookup, CSMS secret
// events, secrets and tags (on the KMS paths) and CTS key-event
// notifications. Acceptance tests, the demo, the benchmarks and users' own CI
// run against it, so it must accept what the real service accepts and never
// be more lenient than it in a way that would let a client bug pass. It
// defines its own wire structs, so a json-tag mistake in the client is caught
// here rather than mirrored.
//
// # Use
//
//	srv, err := emulator.Start(emulator.Options{})   // 127.0.0.1, free port
//	defer srv.Close()
//	// point the client's CSMS, CTS and IAM endpoints at srv.URL and sign with
//	// emulator.DefaultAccessKey / DefaultSecretKey for DefaultProjectID
//	srv.Emulator.Count(emulator.OpCreateSecretEvent)
//	srv.Emulator.SetFaults(emulator.FaultConfig{LoseResponse: map[string]int{emulator.OpCreateSecretEvent: 1}})
//
// The command internal/emulator/cmd/hwcloud-emulator serves the same on a
// port of its own (see Command below).
//
// # Strictness
//
// Every request is authenticated (SDK-HMAC-SHA256 over exactly the signed
// headers and the exact body bytes, 15 minutes of clock skew, or X-Auth-Token);
// x-sdk-date and X-Security-Token must be signed when present, X-Project-Id
// may be left unsigned but must name the caller's project and the path's.
// Bodies are decoded case-sensitively with unknown fields rejected at every
// level, must be sent as application/json, and routes without a body refuse
// one; unknown or repeated query parameters are refused.
//
// # Where the behaviour comes from
//
// Evidence is of three kinds: the API pages the provider was designed from,
// the official Go SDK (its models, signer and region tables), and what
// Huawei's own Terraform provider sends every day (its requests work against
// the real service, so the service accepts them). Behaviours backed by it:
//   - an X-Project-Id outside SignedHeaders is accepted: Huawei's provider
//     signs only accept, content-type, user-agent and x-sdk-date;
//   - ListResourceInstances takes limit and offset as strings or numbers and
//     any sequence of at most 36 bytes (Huawei's tests send "test_sequence"),
//     and answers errors nested, {"error":{"error_code","error_msg"}}, as its
//     API page shows; the event APIs answer nested too, the other secret routes
//     and CTS flat;
//   - "topic_id": "" on a CTS create or update is no topic (Huawei's provider
//     sends it on a create without a topic);
//   - a CTS update replaces the whole notification: a field left out is
//     cleared, which is how Huawei's provider clears a filter or a list;
//   - a CTS list by name returns every notification whose name contains it,
//     newest first, so a client must pick the exact match itself;
//   - CTS notification names are 1-64 English letters, digits, "_" or Chinese
//     characters; any other letter is refused with CTS.0411.
//
// Guesses, each with what it rests on:
//   - a CTS notification without a filter is answered with "filter": null.
//     Huawei's provider turns any filter object it reads into a filter block,
//     yet its acceptance test removes the filter and expects an empty plan, so
//     null (or absent) is the likely answer. Other clients report the
//     empty-object form {"condition":"","is_support_filter":false,"rule":null};
//     Options.CTSEmptyFilterObject (flag -cts-empty-filter-object) answers
//     that way instead, so a client's tolerance of it stays tested;
//   - a CTS filter object must hold at least one rule, even when switched off
//     (400 CTS.0003): the SDK marks rule as required and Huawei's provider
//     never sends a filter without rules. Whether the real service refuses it
//     is not known; refusing it keeps a client off a shape nothing supports;
//   - a duplicate event name, the event quota and deleting a subscribed event: 400 CSMS.0003 (nested);
//   - not found: events 404 CSMS.0005 (nested), secrets by name 400 CSMS.0106, secrets by id (tag routes)
//     400 CSMS.0005, CTS 404 CTS.0403;
//   - a duplicate secret name: 400 CSMS.0003; scheduling a secret already pending deletion: 400 CSMS.0107;
//     changing tags of a secret pending deletion: 400 CSMS.0103;
//   - a missing FunctionGraph function as CTS target: 400 CTS.0404; enabling a notification without a topic:
//     400 CTS.0404;
//   - any authentication or project mismatch: 401 APIG.0301 in the gateway shape;
//   - an unknown list marker: events and secrets page on from the marker's place in name order, versions
//     and records answer an empty page (no source says how the service treats one).
//
// # What it does not model
//
//   - Any API beyond those above: no SMN or FunctionGraph calls (topics and
//     functions exist only as URNs, the defaults and what a seed adds), no KMS
//     keys (a kms_key_id is checked for its shape only; values are stored as
//     sent, not encrypted), no CTS trackers or traces.
//   - IAM beyond the project lookup: no users, groups, policies or
//     permissions. A valid credential may do everything in its one project;
//     a real account may refuse a call the emulator allows.
//   - Delivery: no message reaches a topic or function. Secret events are
//     kept as CSMS notification records instead (below); rotation and CTS
//     key events never fire.
//   - Time: a scheduled secret deletion stays pending for ever and there is
//     no automatic rotation. Version expiry follows the service clock, which
//     the control API moves (below); signatures are checked against the
//     machine's clock (within 15 minutes).
//   - Scale and limits beyond the quotas listed above: no rate limits except
//     the injected ones, no regional differences, one project per emulator
//     (Options.ExtraProjects only add names to the IAM lookup).
//
// # The contract
//
// What users' CI may rely on, and what changes only with a CHANGELOG entry:
// the wire format of the modelled routes (paths, methods, query parameters,
// JSON field names and types, error shapes and codes) as described above and
// tested in this package; the signature and project checks; the refusals
// listed here and in docs-dev/validation-rules.md; the command's flags, its
// readiness line and files; the seed format (Seed); the fault spec
// (ParseFaultSpec) and FaultConfig JSON; and the control API v1 below. The
// behaviours listed as guesses are this project's best reading, not Huawei's
// word: they may change when evidence arrives, and such a change is a
// CHANGELOG entry too. Where the real service differs from the emulator, the
// service is right and the emulator is a bug.
//
// # Command
//
// internal/emulator/cmd/hwcloud-emulator serves an Emulator (go run, make
// emulator, the release archives, or go install ...@version). Its first line
// on stdout, "hwcloud-emulator listening on http://HOST:PORT", is the
// readiness line; -addr-file writes the URL and -env-file the HW_* variables
// that point the provider at it, both before that line and removed at
// shutdown. SIGINT or SIGTERM stops it (exit 0). -seed loads a Seed at start
// and again on reset; -faults takes a ParseFaultSpec spec; -version prints
// the version.
//
// # Agencies, temporary credentials and ECS metadata
//
// Part of the contract. Agencies come from the seed:
// "agencies": [{"name", "domain_name", "domain_id"}] (domain_id defaults to
// the emulator's domain id); each grants temporary credentials for the
// emulator's project. Any caller that authenticates may assume them:
//
//	POST /v3.0/OS-CREDENTIAL/securitytokens  methods ["assume_role"], assume_role {agency_name,
//	     domain_name | domain_id, duration_seconds 900–86400 (default 900), session_user.name 1–32}
//	     → 201 {"credential":{access,secret,securitytoken,expires_at}}; a bad body 400 IAM.0003;
//	     an agency not seeded for that account 403 IAM.0002 (status and code are guesses:
//	     Huawei documents 400/401/403 without codes)
//	POST /v3.0/OS-CREDENTIAL/securitytokens  methods ["token"], token {id, duration_seconds
//	     900–86400 (default 900)} → 201 the same credential, for the caller itself; token.id
//	     authenticates a call that carries neither X-Auth-Token nor a signature
//	GET  /v3/auth/domains  → 200 {"domains":[{id, name "hwcloud-emulator", enabled, description,
//	     links}], "links"}: the emulator's one account
//	POST /v5/agencies/assume  {agency_urn "iam::{domain_id}:agency:{name}", agency_session_name 1–64,
//	     duration_seconds 900–43200 (at most 3600 for a caller using a security token), default 3600}
//	     → 200 {"credentials":{access_key_id,secret_access_key,security_token,expiration},
//	     "assumed_agency","source_identity"}; a bad body 400 STS5.0001 (code a guess);
//	     an unknown agency 404 STS5.1106 "the agency '{urn}' cannot be found" (status a guess)
//
// The metadata route GET /openstack/latest/securitykey is served only on its
// own listener (-metadata-listen ADDR, Options.MetadataListen; the provider
// reads its base URL from HWCLOUD_METADATA_ENDPOINT, for testing only),
// without authentication, with fresh credentials lasting an hour (a guess).
// Issued credentials are accepted only with their security token (signed as
// X-Security-Token) and only until they expire on the service clock;
// -credentials-ttl DURATION (Options.CredentialsTTL) caps every issued
// lifetime so that renewal can be tested. Issued credentials live in memory
// only: they are not in state files and survive a reset.
//
// # Control API v1 (no authentication, not counted, never faulted)
//
//	GET  /_emulator/v1/health       {"status":"ok","control_api":"v1"}
//	POST /_emulator/v1/reset        back to the start: default topics and function, the
//	                                start-up seed, start-up faults, counters and fault stats at zero
//	GET  /_emulator/v1/counts       {"counts":{op:n},"total":n}
//	POST /_emulator/v1/counts/reset
//	GET  /_emulator/v1/faults       PUT /_emulator/v1/faults  (FaultConfig JSON, durations as "1s")
//	GET  /_emulator/v1/fault-stats  {"injected":{kind:n},"latency_applied":n,"responses_lost":n}
//	POST /_emulator/v1/seed         (Seed JSON, added to what exists, all or nothing)
//	GET  /_emulator/v1/clock        {"now": RFC 3339} the service clock
//	POST /_emulator/v1/clock/advance {"by": "48h"} moves the service clock forward (Emulator.AdvanceClock)
//
// Answers are 200 with JSON, 204 without a body, 400 {"error":"..."} for a
// bad body and 404 for an unknown route. The same routes without "v1/"
// (reset excepted) are aliases kept for callers written before v1. A change
// that would break a v1 caller gets a new version beside v1.
//
// # Clock
//
// The service clock is Options.Now plus every advance. It stamps objects and
// records, runs visibility delays and decides expiries; the signature check
// keeps Options.Now, so clients that sign with the real time are still
// accepted after the clock was moved.
//
// # Secret events and notification records
//
// A secret that subscribes (event_subscriptions) to an ENABLED event whose
// event_types list a type produces one notification record (ListNotificationRecords,
// newest first, marker-paged) when that happens:
//   - SECRET_VERSION_CREATED: CreateSecret (its first version) and CreateSecretVersion;
//   - SECRET_VERSION_EXPIRED: the service clock passes a version's expire_time
//     (set by CreateSecretVersion or UpdateVersion), once per expiry: the first
//     call after it, or an advance of the clock, records it; UpdateVersion sets a
//     new expiry that fires again;
//   - SECRET_DELETED: DeleteSecret. Scheduling a deletion does not fire it (the
//     secret still exists and can be restored); the emulator keeps a secret
//     pending deletion until it is deleted, so a scheduled deletion never fires.
//
// A disabled event, an event of other types and a secret without subscriptions
// produce nothing. Every record is SUCCESS: the emulator delivers nothing. Out of
// scope: SECRET_ROTATED and SECRET_ROTATED_FAILED, which belong to the types the
// service rotates itself (RDS-FG, GaussDB-FG); the emulator models no rotation.
package emulator
