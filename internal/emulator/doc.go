// Package emulator is a stateful, in-memory and deliberately strict double of
// the Huawei Cloud APIs the provider uses: IAM project lookup, CSMS secret
// events, secrets and tags (on the KMS paths) and CTS key-event
// notifications, as REFERENCE.md describes them. Acceptance tests, the demo,
// the benchmarks and users' own CI run against it, so it must never be more
// lenient than the real service in a way that would let a client bug pass.
// It defines its own wire structs, so a json-tag mistake in the client is
// caught here rather than mirrored.
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
// Where the documentation is silent the emulator decides, and says so:
//   - a duplicate event name, the event quota and deleting a subscribed event: 400 CSMS.0003 (nested);
//   - not found: events 404 CSMS.0005 (nested), secrets by name 400 CSMS.0106, secrets by id (tag routes)
//     400 CSMS.0005, CTS 404 CTS.0403;
//   - a duplicate secret name: 400 CSMS.0003; scheduling a secret already pending deletion: 400 CSMS.0107;
//     changing tags of a secret pending deletion: 400 CSMS.0103;
//   - a missing FunctionGraph function as CTS target: 400 CTS.0404; enabling a notification without a topic:
//     400 CTS.0404;
//   - any authentication or project mismatch: 401 APIG.0301 in the gateway shape;
//   - list page sizes (events, secrets, records): 1–50, the documented default taken as the maximum;
//   - secret names: ^[a-zA-Z0-9._-]{1,64}$ (not documented in the seeds).
//
// A CTS update replaces the whole notification (fields left out are
// cleared); a CTS list by name returns every notification whose name
// contains it, newest first, so a client must pick the exact match itself.
//
// # Control API (no authentication, not counted, never faulted)
//
//	GET  /_emulator/health
//	GET  /_emulator/counts          {"counts":{op:n},"total":n}
//	POST /_emulator/counts/reset
//	GET  /_emulator/faults          PUT /_emulator/faults  (FaultConfig JSON, durations as "1s")
//	GET  /_emulator/fault-stats
//	POST /_emulator/seed            (Seed JSON)
package emulator
