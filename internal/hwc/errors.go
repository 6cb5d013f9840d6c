package hwc

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrNotFound matches (with errors.Is) every answer that means "the object
// does not exist", whichever of the services' spellings it used.
var ErrNotFound = errors.New("not found")

// APIError is a non-success HTTP answer from a service.
type APIError struct {
	StatusCode int
	Code       string // service error code, e.g. "CSMS.0005"; empty when the body had none
	Message    string // service message, or a trimmed snippet of a body that was not a known error shape
	RequestID  string // X-Request-Id, else the body's request_id
	Method     string
	Path       string
}

// Error reads like `PUT /v1/p/csms/events/ev1: HTTP 400 CSMS.0002: invalid … (request id 8f…)`.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Method != "" || e.Path != "" {
		b.WriteString(strings.TrimSpace(e.Method + " " + e.Path))
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	switch {
	case e.Code != "":
		b.WriteString(" " + e.Code)
	case http.StatusText(e.StatusCode) != "":
		b.WriteString(" " + http.StatusText(e.StatusCode))
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	} else if e.Code == "" {
		b.WriteString(" (empty response body)")
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	return b.String()
}

// notFoundCodes are the documented "does not exist" codes that arrive with a
// status other than 404 (see Not found in the package notes).
var notFoundCodes = map[string]bool{"CSMS.0005": true, "CSMS.0106": true, "CTS.0403": true}

// Is makes errors.Is(err, ErrNotFound) true for every not-found form: a 404,
// a 400 with CSMS.0005/CSMS.0106, and CTS.0403. A 404 carrying a gateway code
// (APIG.*) means the route does not exist — a wrong endpoint — not that the
// object is gone, so it does not count: treating it as gone would make
// Terraform forget resources that still exist.
func (e *APIError) Is(target error) bool {
	if target != ErrNotFound {
		return false
	}
	if notFoundCodes[e.Code] {
		return true
	}
	return e.StatusCode == http.StatusNotFound && !isGatewayCode(e.Code)
}

func isGatewayCode(code string) bool {
	return strings.HasPrefix(code, "APIG.") || strings.HasPrefix(code, "APIGW.")
}

// IsCode reports whether err is (or wraps) an APIError with the given code.
func IsCode(err error, code string) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Code == code
}

// maxSnippet caps how much of an unparseable body ends up in an error message.
const maxSnippet = 200

// parseErrorBody builds the APIError of a failed response. It understands the
// flat {"error_code","error_msg"}, nested {"error":{…}} and gateway
// {"error_code","error_msg","request_id"} shapes (plus IAM's nested
// {"code","message"} spelling) and falls back to a snippet of the body. The
// request id comes from the X-Request-Id header, else from the body.
func parseErrorBody(status int, header http.Header, body []byte) *APIError {
	e := &APIError{StatusCode: status, RequestID: strings.TrimSpace(header.Get("X-Request-Id"))}
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) == nil && top != nil {
		code, msg, reqID := errorFields(top)
		if nested, ok := top["error"]; ok {
			var inner map[string]json.RawMessage
			if json.Unmarshal(nested, &inner) == nil && inner != nil {
				c, m, r := errorFields(inner)
				code, msg, reqID = firstOf(c, code), firstOf(m, msg), firstOf(r, reqID)
			} else if s, ok := jsonString(nested); ok && msg == "" {
				msg = s // {"error":"text"}
			}
		}
		e.Code, e.Message = code, msg
		if e.RequestID == "" {
			e.RequestID = reqID
		}
		if code != "" || msg != "" {
			return e
		}
	}
	e.Message = snippet(body)
	return e
}

// errorFields reads code, message and request id from one JSON object level.
func errorFields(obj map[string]json.RawMessage) (code, msg, reqID string) {
	for _, k := range []string{"error_code", "code"} {
		if v, ok := jsonScalar(obj[k]); ok && v != "" {
			code = v
			break
		}
	}
	for _, k := range []string{"error_msg", "message", "error_message"} {
		if v, ok := jsonString(obj[k]); ok && v != "" {
			msg = v
			break
		}
	}
	reqID, _ = jsonString(obj["request_id"])
	return code, strings.TrimSpace(msg), reqID
}

func jsonString(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// jsonScalar accepts a string or a number (IAM sends numeric codes).
func jsonScalar(raw json.RawMessage) (string, bool) {
	if s, ok := jsonString(raw); ok {
		return s, true
	}
	var n json.Number
	if len(raw) == 0 || json.Unmarshal(raw, &n) != nil {
		return "", false
	}
	if _, err := strconv.ParseFloat(n.String(), 64); err != nil {
		return "", false
	}
	return n.String(), true
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// snippet turns an arbitrary body into a short single-line, valid UTF-8 text.
func snippet(body []byte) string {
	if len(body) > 8*maxSnippet {
		body = body[:8*maxSnippet] // enough for the snippet even after collapsing spaces
	}
	text := strings.Join(strings.Fields(strings.ToValidUTF8(string(body), "\uFFFD")), " ")
	if utf8.RuneCountInString(text) <= maxSnippet {
		return text
	}
	runes := []rune(text)
	return string(runes[:maxSnippet]) + "…"
}
