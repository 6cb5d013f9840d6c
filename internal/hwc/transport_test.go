package hwc

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sdksign"
)

// verifySignature checks r the way the gateway does, with sdksign's
// primitives, and returns the signed header names.
func verifySignature(r *http.Request, body []byte, accessKey, secretKey string) ([]string, string) {
	auth, err := sdksign.ParseAuthorization(r.Header.Get(sdksign.HeaderAuthorization))
	if err != nil {
		return nil, "authorization: " + err.Error()
	}
	if auth.AccessKey != accessKey {
		return nil, "wrong access key " + auth.AccessKey
	}
	canonical, err := sdksign.CanonicalRequest(sdksign.Request{
		Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, SignedHeaders: auth.SignedHeaders, Body: body,
		HeaderValue: func(name string) string {
			if name == "host" {
				return r.Host
			}
			return r.Header.Get(name)
		},
	})
	if err != nil {
		return nil, "canonical request: " + err.Error()
	}
	want := sdksign.Signature(secretKey, sdksign.StringToSign(r.Header.Get(sdksign.HeaderDate), canonical))
	if want != auth.Signature {
		return nil, "signature mismatch"
	}
	return auth.SignedHeaders, ""
}

func TestSignedRequestsVerifyOnTheWire(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var signed [][]string
	var dates []string
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		body, _ := io.ReadAll(r.Body)
		headers, problem := verifySignature(r, body, testAK, testSK)
		if problem != "" {
			reply(w, http.StatusUnauthorized, `{"error_code":"APIG.0301","error_msg":"`+problem+`"}`)
			return
		}
		mu.Lock()
		signed = append(signed, headers)
		dates = append(dates, r.Header.Get(sdksign.HeaderDate))
		mu.Unlock()
		if n == 1 {
			reply(w, http.StatusTooManyRequests, "") // forces a retry, which must be signed anew
			return
		}
		reply(w, http.StatusOK, `{"secret":{"name":"a b/ü"}}`)
	})
	clock := time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)
	c := newTestClient(t, rec.URL, func(cfg *Config) {
		cfg.SecurityToken = testSTS
		cfg.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	})
	recordWaits(c)
	// A name that needs escaping and a query-free POST with a body.
	if _, err := c.ScheduleSecretDeletion(context.Background(), "a b:ü", 7); err != nil {
		t.Fatalf("schedule deletion: %v", err)
	}
	if len(signed) != 2 {
		t.Fatalf("%d verified requests, want 2", len(signed))
	}
	for _, name := range []string{"x-project-id", "x-security-token", "x-sdk-date"} {
		if !slices.Contains(signed[0], name) {
			t.Errorf("%s is not among the signed headers %v", name, signed[0])
		}
	}
	if dates[0] == dates[1] {
		t.Errorf("the retry reused the signing date %s", dates[0])
	}
	first := rec.call(t, 0)
	if first.Header.Get("X-Project-Id") != testProject || first.Header.Get("X-Security-Token") != testSTS {
		t.Errorf("project or security token header missing: %v", first.Header)
	}
	if first.Header.Get("Content-Type") != "application/json;charset=UTF-8" {
		t.Errorf("Content-Type = %q", first.Header.Get("Content-Type"))
	}
	if first.Header.Get("X-Auth-Token") != "" {
		t.Error("AK/SK mode sent X-Auth-Token")
	}
}

func TestSignedQueryAndGetVerify(t *testing.T) {
	t.Parallel()
	var problem string
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		_, problem = verifySignature(r, nil, testAK, testSK)
		reply(w, http.StatusOK, `{"notifications":[]}`)
	})
	c := newTestClient(t, rec.URL, nil)
	if _, err := c.ListCTSNotifications(context.Background(), "smn", "key event & more"); err != nil {
		t.Fatal(err)
	}
	if problem != "" {
		t.Fatalf("GET with a query failed verification: %s", problem)
	}
}

func TestTokenModeSendsTokenWithoutSignature(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, http.StatusOK, `{"event":{}}`) })
	c := newTestClient(t, rec.URL, func(cfg *Config) {
		cfg.AuthToken = testToken // wins over the AK/SK newTestClient sets
		cfg.SecurityToken = testSTS
	})
	if _, err := c.ShowSecretEvent(context.Background(), "ev1"); err != nil {
		t.Fatal(err)
	}
	h := rec.call(t, 0).Header
	if h.Get("X-Auth-Token") != testToken {
		t.Errorf("X-Auth-Token = %q", h.Get("X-Auth-Token"))
	}
	for _, name := range []string{"Authorization", "X-Sdk-Date", "X-Security-Token"} {
		if h.Get(name) != "" {
			t.Errorf("token mode sent %s", name)
		}
	}
	if h.Get("X-Project-Id") != testProject {
		t.Errorf("X-Project-Id = %q", h.Get("X-Project-Id"))
	}
}

func TestLogsNeverContainSecrets(t *testing.T) {
	t.Parallel()
	const secretValue = "s3cr3t-value-of-the-secret-91ab"
	const binaryValue = "YmluYXJ5LXNlY3JldC12YWx1ZQ=="
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n%2 == 1 {
			// An error whose body echoes the caller's credential must not leak it either.
			echo := r.Header.Get("X-Auth-Token") + r.Header.Get("X-Security-Token")
			reply(w, http.StatusTooManyRequests, `{"error_code":"APIG.0308","error_msg":"slow down `+echo+`"}`)
			return
		}
		reply(w, http.StatusOK, `{"secret":{"name":"db","secret_string":"`+secretValue+`"}}`)
	})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	ctx = tflog.NewSubsystem(ctx, LogSubsystem)

	signed := newTestClient(t, rec.URL, func(cfg *Config) { cfg.SecurityToken = testSTS })
	recordWaits(signed)
	if _, err := signed.CreateSecret(ctx, CreateSecretRequest{Name: "db", SecretString: secretValue}); err != nil {
		t.Fatalf("signed create: %v", err)
	}
	token := newTestClient(t, rec.URL, func(cfg *Config) { cfg.AuthToken = testToken })
	recordWaits(token)
	if _, err := token.CreateSecret(ctx, CreateSecretRequest{Name: "db", SecretBinary: binaryValue}); err != nil {
		t.Fatalf("token create: %v", err)
	}

	logs := buf.String()
	for _, secret := range []string{testSK, testSTS, testToken, secretValue, binaryValue} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain the secret %q", secret)
		}
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var debug, trace int
	for _, e := range entries {
		switch e["@level"] {
		case "debug":
			if e["@message"] == "API call" {
				debug++
				if e["method"] != "POST" || e["path"] != "/v1/"+testProject+"/secrets" || e["request_id"] != "req-test" ||
					e["status"] == nil || e["duration_ms"] == nil || e["attempt"] == nil {
					t.Errorf("API call entry lacks fields: %v", e)
				}
			}
		case "trace":
			trace++
		}
	}
	if debug != 4 || trace == 0 {
		t.Fatalf("%d debug API call entries (want 4) and %d trace entries:\n%s", debug, trace, logs)
	}
	if !strings.Contains(logs, `\"secret_string\":\"***\"`) {
		t.Errorf("the masked secret_string field is not visible in the TRACE body:\n%s", logs)
	}
}

func TestLoggableHeadersRedactCredentials(t *testing.T) {
	t.Parallel()
	c := &Client{} // no masks: the header names alone must trigger redaction
	h := http.Header{}
	h.Set("Authorization", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=x, Signature=abc")
	h.Set("X-Auth-Token", "tok")
	h.Set("X-Security-Token", "sts")
	h.Set("X-Project-Id", "p1")
	got := c.loggableHeaders(h)
	for _, name := range []string{"Authorization", "X-Auth-Token", "X-Security-Token"} {
		if got[name] != redacted {
			t.Errorf("%s logged as %q", name, got[name])
		}
	}
	if got["X-Project-Id"] != "p1" {
		t.Errorf("X-Project-Id logged as %q", got["X-Project-Id"])
	}
}

func TestLoggableBodyMasksSecretFields(t *testing.T) {
	t.Parallel()
	c := &Client{secrets: []string{"SK-VALUE"}}
	cases := map[string]string{
		`{"name":"a","secret_string":"v1"}`:            `{"name":"a","secret_string":"***"}`,
		`{"resources":[{"x":{"SECRET_BINARY":"v2"}}]}`: `{"resources":[{"x":{"SECRET_BINARY":"***"}}]}`,
		`{"n":12345678901234567890}`:                   `{"n":12345678901234567890}`,
		`{"msg":"key SK-VALUE"}`:                       `{"msg":"key ***"}`,
		`{"secret_string":"v3"`:                        "(21 bytes of malformed JSON, not logged)",
		`<html>SK-VALUE</html>`:                        `<html>***</html>`,
		``:                                             ``,
		`{"secret_string":{"nested":"v4"},"list":["a","b"]}   `: `{"list":["a","b"],"secret_string":"***"}`,
	}
	for in, want := range cases {
		if got := c.loggableBody([]byte(in)); got != want {
			t.Errorf("loggableBody(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestAPIErrorSnippetIsScrubbed(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		reply(w, http.StatusBadRequest, "token was "+testToken)
	})
	c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.AuthToken = testToken })
	_, err := c.ShowSecretEvent(context.Background(), "ev1")
	if err == nil || strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "token was ***") {
		t.Fatalf("error = %v", err)
	}
}

func TestPathSegmentsAreEscaped(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"ev1":         "/v1/p/csms/events/ev1",
		"../../admin": "/v1/p/csms/events/..%2F..%2Fadmin",
		"a?b#c":       "/v1/p/csms/events/a%3Fb%23c",
		"a b%2F":      "/v1/p/csms/events/a%20b%252F",
	} {
		got, err := apiPath("v1", "p", "csms", "events", in)
		if err != nil || got != want {
			t.Errorf("apiPath(…, %q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", ".", ".."} {
		if _, err := apiPath("v1", "p", "csms", "events", bad); err == nil {
			t.Errorf("apiPath accepted the segment %q", bad)
		}
	}
}

func TestEmptyNameNeverReachesTheServer(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, http.StatusNoContent, "") })
	c := newTestClient(t, rec.URL, nil)
	if err := c.DeleteSecretEvent(context.Background(), ""); err == nil {
		t.Fatal("deleting an event with an empty name was sent (it would address the collection)")
	}
	if rec.count() != 0 {
		t.Fatalf("%d requests made", rec.count())
	}
}

func TestLogContextMasksCredentialsAsABelt(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	ctx := tflog.NewSubsystem(tflogtest.RootLogger(context.Background(), &buf), LogSubsystem)
	c := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.SecurityToken = testSTS })
	tflog.SubsystemDebug(c.logContext(ctx), LogSubsystem, "oops "+testSK, map[string]any{"leak": testSTS})
	logs := buf.String()
	if strings.Contains(logs, testSK) || strings.Contains(logs, testSTS) || !strings.Contains(logs, "oops ***") {
		t.Fatalf("credentials not masked by tflog: %s", logs)
	}
}
