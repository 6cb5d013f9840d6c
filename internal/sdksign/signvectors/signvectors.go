// Package signvectors reads the official SDK's SDK-HMAC-SHA256 signing
// vectors (apiref's signer-vectors.json): the signer's tests reproduce them
// and the emulator's tests must accept them. Only tests import it.
package signvectors

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/apiref"
)

// File is the vector file: one key pair and date for every vector.
type File struct {
	AccessKey string   `json:"access_key"`
	SecretKey string   `json:"secret_key"`
	XSdkDate  string   `json:"x_sdk_date"`
	Vectors   []Vector `json:"vectors"`
}

// Vector is one request the SDK signed, with its intermediate strings.
type Vector struct {
	Name                  string            `json:"name"`
	Method                string            `json:"method"`
	Path                  string            `json:"path"`
	RawQuery              string            `json:"raw_query"`
	Headers               map[string]string `json:"headers"`
	Body                  string            `json:"body"`
	SignedHeaders         []string          `json:"signed_headers"`
	CanonicalRequest      string            `json:"canonical_request"`
	StringToSign          string            `json:"string_to_sign"`
	ExpectedAuthorization string            `json:"expected_authorization"`
}

// Load decodes the vectors; a file without any fails the test.
func Load(t testing.TB) File {
	t.Helper()
	var f File
	if err := json.Unmarshal(apiref.ReadFile(t, "signer-vectors.json"), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	return f
}

// Date is when the vectors were signed, their x_sdk_date.
func (f File) Date(t testing.TB, layout string) time.Time {
	t.Helper()
	date, err := time.Parse(layout, f.XSdkDate)
	if err != nil {
		t.Fatal(err)
	}
	return date
}

// Request is v sent to base (scheme and host) with every header of the
// vector; it has no Content-Type, which the SDK does not sign.
func (v Vector) Request(t testing.TB, base string) *http.Request {
	t.Helper()
	url := base + v.Path
	if v.RawQuery != "" {
		url += "?" + v.RawQuery
	}
	req, err := http.NewRequest(v.Method, url, strings.NewReader(v.Body))
	if err != nil {
		t.Fatal(err)
	}
	for k, val := range v.Headers {
		req.Header.Set(k, val)
	}
	return req
}
