package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// controlPrefix is the unauthenticated control API for tests and tools. It
// is not counted and never faulted.
const controlPrefix = "/_emulator/"

func (e *Emulator) serveControl(w http.ResponseWriter, r *http.Request) {
	route := r.Method + " " + r.URL.Path
	switch route {
	case "GET /_emulator/health":
		writeReply(w, ok(map[string]string{"status": "ok"}))
	case "GET /_emulator/counts":
		writeReply(w, ok(map[string]any{"counts": e.Counts(), "total": e.TotalCount()}))
	case "POST /_emulator/counts/reset":
		e.ResetCounts()
		writeReply(w, noContent())
	case "GET /_emulator/faults":
		writeReply(w, ok(e.faults.get()))
	case "GET /_emulator/fault-stats":
		writeReply(w, ok(e.FaultStats()))
	case "PUT /_emulator/faults":
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
	case "GET /_emulator/clock":
		writeReply(w, ok(map[string]string{"now": e.Now().UTC().Format(time.RFC3339Nano)}))
	case "POST /_emulator/clock/advance":
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
	case "POST /_emulator/seed":
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
		writeReply(w, reply{status: http.StatusNotFound, body: map[string]string{"error": "unknown control route " + route}})
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
