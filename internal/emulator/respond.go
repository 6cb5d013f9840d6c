package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
)

// errorShape is one of the three error body forms the services use: flat,
// nested under "error", and the gateway's (flat with a request_id).
type errorShape int

const (
	shapeFlat    errorShape = iota // {"error_code","error_msg"}
	shapeNested                    // {"error":{"error_code","error_msg"}} (CSMS event APIs)
	shapeGateway                   // {"error_code","error_msg","request_id"} (API gateway: auth, throttling)
)

// reply is a buffered response: handlers build one, ServeHTTP decides whether
// it is written or (for a lost-response fault) dropped.
type reply struct {
	status int
	body   any // nil: no body
	header map[string]string
}

// apiError is a documented service error.
type apiError struct {
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.code + ": " + e.msg }

func badRequest(code, msg string) *apiError { return &apiError{http.StatusBadRequest, code, msg} }

func errorReply(shape errorShape, status int, code, msg, requestID string) reply {
	var body any
	switch shape {
	case shapeNested:
		body = map[string]any{"error": map[string]string{"error_code": code, "error_msg": msg}}
	case shapeGateway:
		body = map[string]string{"error_code": code, "error_msg": msg, "request_id": requestID}
	default:
		body = map[string]string{"error_code": code, "error_msg": msg}
	}
	return reply{status: status, body: body}
}

func ok(body any) reply { return reply{status: http.StatusOK, body: body} }

func noContent() reply { return reply{status: http.StatusNoContent} }

func writeReply(w http.ResponseWriter, rep reply) {
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	data, err := json.Marshal(rep.body)
	if err != nil { // only our own types are marshalled; this cannot happen with valid code
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(rep.status)
	_, _ = w.Write(data)
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
