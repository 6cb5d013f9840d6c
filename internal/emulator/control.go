package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// controlPrefix is the unauthenticated control API for tests and tools. It
// is not counted and never faulted.
const controlPrefix = "/_emulator/"

// ControlAPIVersion is the version of the control API, the path segment after
// controlPrefix (/_emulator/v1/...). A change that breaks a caller of v1 gets a
// new version and a CHANGELOG entry; v1 stays. The unversioned paths are
// aliases of their v1 routes, kept for callers written before v1.
const ControlAPIVersion = "v1"

// controlV1Only are the routes that exist only under /_emulator/v1/.
var controlV1Only = map[string]bool{"POST /reset": true}

func (e *Emulator) serveControl(w http.ResponseWriter, r *http.Request) {
	rest := "/" + strings.TrimPrefix(r.URL.Path, controlPrefix)
	versioned := strings.HasPrefix(rest, "/"+ControlAPIVersion+"/")
	if versioned {
		rest = strings.TrimPrefix(rest, "/"+ControlAPIVersion)
	}
	route := r.Method + " " + rest
	if !versioned && controlV1Only[route] {
		route = "" // unknown without the version
	}
	switch route {
	case "GET /health":
		writeReply(w, ok(map[string]string{"status": "ok", "control_api": ControlAPIVersion}))
	case "POST /reset":
		if err := e.Reset(); err != nil {
			writeControlError(w, err)
			return
		}
		writeReply(w, noContent())
	case "GET /counts":
		writeReply(w, ok(map[string]any{"counts": e.Counts(), "total": e.TotalCount()}))
	case "POST /counts/reset":
		e.ResetCounts()
		writeReply(w, noContent())
	case "GET /faults":
		writeReply(w, ok(e.faults.get()))
	case "GET /fault-stats":
		writeReply(w, ok(e.FaultStats()))
	case "PUT /faults":
		var f FaultConfig
		if err := readControlJSON(r, &f); err != nil {
			writeControlError(w, err)
			return
		}
		if err := f.validate(); err != nil {
			writeControlError(w, err)
			return
		}
		e.SetFaults(f)
		writeReply(w, noContent())
	case "GET /clock":
		writeReply(w, ok(map[string]string{"now": e.Now().UTC().Format(time.RFC3339Nano)}))
	case "POST /clock/advance":
		var in struct {
			By string `json:"by"`
		}
		if err := readControlJSON(r, &in); err != nil {
			writeControlError(w, err)
			return
		}
		d, err := time.ParseDuration(in.By)
		if err == nil {
			err = e.AdvanceClock(d)
		}
		if err != nil {
			writeControlError(w, err)
			return
		}
		writeReply(w, ok(map[string]string{"now": e.Now().UTC().Format(time.RFC3339Nano)}))
	case "POST /seed":
		data, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
		if err != nil {
			writeControlError(w, err)
			return
		}
		s, err := ParseSeed(data)
		if err == nil {
			err = e.Seed(s)
		}
		if err != nil {
			writeControlError(w, err)
			return
		}
		writeReply(w, noContent())
	default:
		writeReply(w, reply{status: http.StatusNotFound, body: map[string]string{"error": "unknown control route " + r.Method + " " + r.URL.Path}})
	}
}

func readControlJSON(r *http.Request, dst any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

func writeControlError(w http.ResponseWriter, err error) {
	writeReply(w, reply{status: http.StatusBadRequest, body: map[string]string{"error": err.Error()}})
}
