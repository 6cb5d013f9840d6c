package hwc

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

func hdr(requestID string) http.Header {
	h := http.Header{}
	if requestID != "" {
		h.Set("X-Request-Id", requestID)
	}
	return h
}

func TestParseErrorBodyShapes(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		status  int
		header  http.Header
		body    string
		want    APIError
		wantMsg string // substring of Message when not exact
	}{
		"flat": {
			status: 400, header: hdr("rid-1"),
			body: `{"error_code":"CSMS.0005","error_msg":"The resource does not exist."}`,
			want: APIError{StatusCode: 400, Code: "CSMS.0005", Message: "The resource does not exist.", RequestID: "rid-1"},
		},
		"nested": {
			status: 400, header: hdr("rid-2"),
			body: `{"error":{"error_code":"CSMS.0002","error_msg":"invalid state"}}`,
			want: APIError{StatusCode: 400, Code: "CSMS.0002", Message: "invalid state", RequestID: "rid-2"},
		},
		"gateway, request id from body": {
			status: 401, header: hdr(""),
			body: `{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information","request_id":"b0dy"}`,
			want: APIError{StatusCode: 401, Code: "APIG.0301", Message: "Incorrect IAM authentication information", RequestID: "b0dy"},
		},
		"gateway, header wins over body": {
			status: 429, header: hdr("h3ad"),
			body: `{"error_code":"APIG.0308","error_msg":"throttled","request_id":"b0dy"}`,
			want: APIError{StatusCode: 429, Code: "APIG.0308", Message: "throttled", RequestID: "h3ad"},
		},
		"iam style": {
			status: 401, header: hdr(""),
			body: `{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}`,
			want: APIError{StatusCode: 401, Code: "401", Message: "The request you have made requires authentication."},
		},
		"error as a string": {
			status: 500, header: hdr(""),
			body: `{"error":"backend exploded"}`,
			want: APIError{StatusCode: 500, Message: "backend exploded"},
		},
		"html": {
			status: 502, header: hdr("rid-5"),
			body: "<html>\n<body>  <h1>502 Bad   Gateway</h1></body></html>",
			want: APIError{StatusCode: 502, Message: "<html> <body> <h1>502 Bad Gateway</h1></body></html>", RequestID: "rid-5"},
		},
		"empty": {
			status: 503, header: hdr(""), body: "",
			want: APIError{StatusCode: 503},
		},
		"json without error fields": {
			status: 500, header: hdr(""), body: `{"foo":"bar"}`,
			want: APIError{StatusCode: 500, Message: `{"foo":"bar"}`},
		},
		"json null": {
			status: 500, header: hdr(""), body: `null`,
			want: APIError{StatusCode: 500, Message: "null"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := parseErrorBody(tc.status, tc.header, []byte(tc.body))
			if *got != tc.want {
				t.Fatalf("parseErrorBody = %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}

func TestParseErrorBodyCapsLongGarbage(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("x", 10000) + "\xff\xfe"
	got := parseErrorBody(500, hdr(""), []byte(body))
	if n := utf8.RuneCountInString(got.Message); n > maxSnippet+1 {
		t.Fatalf("snippet has %d runes, cap is %d", n, maxSnippet)
	}
	if !strings.HasSuffix(got.Message, "…") || !utf8.ValidString(got.Message) {
		t.Fatalf("snippet not marked as truncated or not valid UTF-8: %q", got.Message)
	}
}

func TestAPIErrorMessage(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  APIError
		want string
	}{
		{APIError{StatusCode: 400, Code: "CSMS.0002", Message: "invalid event_types", RequestID: "8f1",
			Method: "PUT", Path: "/v1/p/csms/events/ev1"},
			"PUT /v1/p/csms/events/ev1: HTTP 400 CSMS.0002: invalid event_types (request id 8f1)"},
		{APIError{StatusCode: 502, Message: "<html>oops</html>", Method: "GET", Path: "/v3/projects"},
			"GET /v3/projects: HTTP 502 Bad Gateway: <html>oops</html>"},
		{APIError{StatusCode: 503, Method: "GET", Path: "/x", RequestID: "r"},
			"GET /x: HTTP 503 Service Unavailable (empty response body) (request id r)"},
		{APIError{StatusCode: 404, Code: "CTS.0403"}, "HTTP 404 CTS.0403"},
	}
	for _, tc := range cases {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q\nwant     %q", got, tc.want)
		}
	}
}

func TestErrNotFoundForms(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  APIError
		want bool
	}{
		{APIError{StatusCode: 404}, true},
		{APIError{StatusCode: 404, Code: "CSMS.0005"}, true},
		{APIError{StatusCode: 400, Code: "CSMS.0005"}, true},
		{APIError{StatusCode: 400, Code: "CSMS.0106"}, true},
		{APIError{StatusCode: 404, Code: "CTS.0403"}, true},
		{APIError{StatusCode: 400, Code: "CSMS.0002"}, false},
		{APIError{StatusCode: 400, Code: "CSMS.0108"}, false},
		{APIError{StatusCode: 500}, false},
		{APIError{StatusCode: 404, Code: "APIG.0101"}, false}, // no such route: a wrong endpoint, not a gone object
	}
	for _, tc := range cases {
		wrapped := fmt.Errorf("reading: %w", &tc.err)
		if got := errors.Is(wrapped, ErrNotFound); got != tc.want {
			t.Errorf("errors.Is(%d %s, ErrNotFound) = %v, want %v", tc.err.StatusCode, tc.err.Code, got, tc.want)
		}
	}
	if errors.Is(&APIError{StatusCode: 404}, errors.New("not found")) {
		t.Error("APIError matched an unrelated error with the same text")
	}
}

func TestIsCode(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("creating: %w", &APIError{StatusCode: 400, Code: "CTS.0400"})
	if !IsCode(err, "CTS.0400") {
		t.Error("IsCode missed a wrapped code")
	}
	if IsCode(err, "CTS.0402") || IsCode(errors.New("CTS.0400"), "CTS.0400") || IsCode(nil, "") {
		t.Error("IsCode matched what it should not")
	}
}

func FuzzParseErrorBody(f *testing.F) {
	for _, seed := range []string{
		`{"error_code":"CSMS.0005","error_msg":"x"}`,
		`{"error":{"error_code":"CSMS.0002","error_msg":"y"}}`,
		`{"error_code":"APIG.0301","error_msg":"z","request_id":"r"}`,
		`{"error":{"code":401,"message":"m"}}`,
		`{"error":"s"}`, `{"error":null}`, `{"error_code":1e999}`, `[]`, `null`, "", "<html>", "\xff\xfe",
	} {
		f.Add(400, []byte(seed))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := parseErrorBody(status, hdr("r"), body)
		if e.StatusCode != status || e.RequestID != "r" {
			t.Fatalf("status or request id lost: %+v", e)
		}
		if e.Error() == "" {
			t.Fatal("empty error message")
		}
		_ = errors.Is(e, ErrNotFound)
	})
}
