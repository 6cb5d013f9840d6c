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
// fixed port, with -seed, -state and -faults.
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
//   - list page sizes (events, secrets, records): 1–50, the documented default taken as the maximum;
//   - secret names: ^[a-zA-Z0-9_-]{1,64}$ (the official SDK's documented create rule; not in the API pages).
//
// # Control API (no authentication, not counted, never faulted)
//
//	GET  /_emulator/health
//	GET  /_emulator/counts          {"counts":{op:n},"total":n}
//	POST /_emulator/counts/reset
//	GET  /_emulator/faults          PUT /_emulator/faults  (FaultConfig JSON, durations as "1s")
//	GET  /_emulator/fault-stats
//	POST /_emulator/seed            (Seed JSON)
//	GET  /_emulator/clock           {"now": RFC 3339} the service clock
//	POST /_emulator/clock/advance   {"by": "48h"} moves the service clock forward (Emulator.AdvanceClock)
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
