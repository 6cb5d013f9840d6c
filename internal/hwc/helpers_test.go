package hwc

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

const (
	testProject = "p0123"
	testAK      = "TESTAK000000000000001"
	testSK      = "test-secret-key-never-logged-7c1f"
	testSTS     = "test-security-token-never-logged-9d2e"
	testToken   = "test-auth-token-never-logged-4b8a"
)

// seen is what a test server recorded of one request.
type seen struct {
	Method, Path, Query string // Path as escaped on the wire
	Header              http.Header
	Body                string
}

// recorder is an httptest server that records requests and answers through
// a per-test handler (n is the 1-based request number).
type recorder struct {
	*httptest.Server
	mu    sync.Mutex
	calls []seen
}

func newRecorder(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body)) // handlers may read it again
		rec.mu.Lock()
		rec.calls = append(rec.calls, seen{
			Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(body),
		})
		n := len(rec.calls)
		rec.mu.Unlock()
		handle(w, r, n)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.calls)
}

func (rec *recorder) call(t *testing.T, i int) seen {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if i >= len(rec.calls) {
		t.Fatalf("request #%d was never made (%d made)", i+1, len(rec.calls))
	}
	return rec.calls[i]
}

// reply writes a JSON answer with a request id.
func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("X-Request-Id", "req-test")
	if body != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// newTestClient builds a signed client for baseURL with fast retries; edit
// adjusts the configuration.
func newTestClient(t *testing.T, baseURL string, edit func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Region:         "cn-north-4",
		ProjectID:      testProject,
		AccessKey:      testAK,
		SecretKey:      testSK,
		Endpoints:      Endpoints{CSMS: baseURL, CTS: baseURL, IAM: baseURL},
		MaxRetries:     3,
		RetryBaseDelay: time.Millisecond,
		RetryMaxDelay:  5 * time.Millisecond,
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// recordWaits replaces the client's backoff sleep with one that records the
// requested waits and returns at once.
func recordWaits(c *Client) *[]time.Duration {
	var mu sync.Mutex
	waits := &[]time.Duration{}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		*waits = append(*waits, d)
		return ctx.Err()
	}
	return waits
}

// newTLSServer is an HTTPS server with a self-signed certificate the default
// client does not trust.
func newTLSServer(t *testing.T, handle func(w http.ResponseWriter)) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { handle(w) }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the rejected handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
