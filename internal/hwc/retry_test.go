package hwc

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// answers replies with the given statuses in turn (the last one repeats);
// 200 and 201 carry a valid event body.
func answers(statuses ...int) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, n int) {
		s := statuses[min(n, len(statuses))-1]
		if s < 300 {
			reply(w, s, `{"event":{"name":"ev1"}}`)
			return
		}
		reply(w, s, `{"error_code":"X.0001","error_msg":"status `+http.StatusText(s)+`"}`)
	}
}

func TestRetriesByMethodAndStatus(t *testing.T) {
	t.Parallel()
	get := func(c *Client) error { _, err := c.ShowSecretEvent(context.Background(), "ev1"); return err }
	put := func(c *Client) error {
		_, err := c.UpdateSecretEvent(context.Background(), "ev1", UpdateSecretEventRequest{})
		return err
	}
	del := func(c *Client) error { return c.DeleteSecretEvent(context.Background(), "ev1") }
	post := func(c *Client) error {
		_, err := c.CreateSecretEvent(context.Background(), CreateSecretEventRequest{Name: "ev1"})
		return err
	}
	cases := map[string]struct {
		call      func(*Client) error
		statuses  []int
		wantCalls int
		wantErr   int // status of the returned APIError; 0 = success
	}{
		"GET 429 then 200":      {get, []int{429, 200}, 2, 0},
		"GET 503 then 200":      {get, []int{503, 200}, 2, 0},
		"GET 500, 502, 504, ok": {get, []int{500, 502, 504, 200}, 4, 0},
		"PUT 502 then 200":      {put, []int{502, 200}, 2, 0},
		"DELETE 504 then 204":   {del, []int{504, 204}, 2, 0},
		"POST 429 then 200":     {post, []int{429, 200}, 2, 0},
		"POST 500 not retried":  {post, []int{500, 200}, 1, 500},
		"POST 503 not retried":  {post, []int{503, 200}, 1, 503},
		"GET 400 not retried":   {get, []int{400, 200}, 1, 400},
		"GET 404 not retried":   {get, []int{404, 200}, 1, 404},
		"GET 501 not retried":   {get, []int{501, 200}, 1, 501},
		"GET 429 then 400":      {get, []int{429, 400}, 2, 400},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, answers(tc.statuses...))
			c := newTestClient(t, rec.URL, nil)
			recordWaits(c)
			err := tc.call(c)
			if got := rec.count(); got != tc.wantCalls {
				t.Errorf("server saw %d requests, want %d", got, tc.wantCalls)
			}
			var apiErr *APIError
			switch {
			case tc.wantErr == 0 && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != 0 && (!errors.As(err, &apiErr) || apiErr.StatusCode != tc.wantErr):
				t.Fatalf("error = %v, want an APIError with status %d", err, tc.wantErr)
			}
		})
	}
}

func TestRetriesAreBoundedByMaxRetries(t *testing.T) {
	t.Parallel()
	for _, maxRetries := range []int{0, 1, 3} {
		rec := newRecorder(t, answers(503))
		c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.MaxRetries = maxRetries })
		recordWaits(c)
		_, err := c.ShowSecretEvent(context.Background(), "ev1")
		if got := rec.count(); got != maxRetries+1 {
			t.Errorf("MaxRetries=%d: %d attempts, want %d", maxRetries, got, maxRetries+1)
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || apiErr.Code != "X.0001" {
			t.Fatalf("MaxRetries=%d: error %v is not the last APIError", maxRetries, err)
		}
		if maxRetries > 0 && !strings.Contains(err.Error(), "after "+strconv.Itoa(maxRetries+1)+" attempts") {
			t.Errorf("error %q does not say how many attempts were made", err)
		}
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		retryAfter string
		maxDelay   time.Duration
		want       time.Duration
	}{
		"seconds":            {"1", time.Hour, time.Second},
		"zero seconds":       {"0", time.Hour, 0},
		"http date":          {now.Add(3 * time.Second).Format(http.TimeFormat), time.Hour, 3 * time.Second},
		"http date in past":  {now.Add(-time.Minute).Format(http.TimeFormat), time.Hour, 0},
		"capped seconds":     {"120", 10 * time.Second, 10 * time.Second},
		"capped date":        {now.Add(time.Hour).Format(http.TimeFormat), 10 * time.Second, 10 * time.Second},
		"garbage falls back": {"soon", 7 * time.Millisecond, 7 * time.Millisecond},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.Header().Set("Retry-After", tc.retryAfter)
					reply(w, http.StatusTooManyRequests, `{"error_code":"APIG.0308","error_msg":"throttled"}`)
					return
				}
				reply(w, http.StatusOK, `{"event":{}}`)
			})
			c := newTestClient(t, rec.URL, func(cfg *Config) {
				cfg.Now = func() time.Time { return now }
				cfg.RetryBaseDelay, cfg.RetryMaxDelay = tc.maxDelay, tc.maxDelay
			})
			c.jitter = func(ceiling time.Duration) time.Duration { return ceiling }
			waits := recordWaits(c)
			if _, err := c.ShowSecretEvent(context.Background(), "ev1"); err != nil {
				t.Fatal(err)
			}
			if len(*waits) != 1 || (*waits)[0] != tc.want {
				t.Fatalf("waits = %v, want [%v]", *waits, tc.want)
			}
		})
	}
}

func TestRetryAfterRealSleep(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			reply(w, http.StatusServiceUnavailable, "")
			return
		}
		reply(w, http.StatusOK, `{"event":{"name":"ev1"}}`)
	})
	c := newTestClient(t, rec.URL, nil)
	ev, err := c.ShowSecretEvent(context.Background(), "ev1")
	if err != nil || ev.Name != "ev1" || rec.count() != 2 {
		t.Fatalf("event %+v, err %v, %d requests", ev, err, rec.count())
	}
}

func TestBackoffGrowsExponentiallyAndIsCapped(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, answers(503))
	c := newTestClient(t, rec.URL, func(cfg *Config) {
		cfg.MaxRetries, cfg.RetryBaseDelay, cfg.RetryMaxDelay = 6, 100*time.Millisecond, time.Second
	})
	var ceilings []time.Duration
	c.jitter = func(ceiling time.Duration) time.Duration { ceilings = append(ceilings, ceiling); return ceiling / 2 }
	waits := recordWaits(c)
	_, _ = c.ShowSecretEvent(context.Background(), "ev1")
	ms := time.Millisecond
	want := []time.Duration{100 * ms, 200 * ms, 400 * ms, 800 * ms, time.Second, time.Second}
	if len(ceilings) != len(want) {
		t.Fatalf("ceilings = %v, want %v", ceilings, want)
	}
	for i := range want {
		if ceilings[i] != want[i] || (*waits)[i] != want[i]/2 {
			t.Fatalf("retry %d: ceiling %v wait %v, want ceiling %v and the jittered wait", i+1, ceilings[i], (*waits)[i], want[i])
		}
	}
}

func TestFullJitterStaysWithinCeiling(t *testing.T) {
	t.Parallel()
	if fullJitter(0) != 0 || fullJitter(-time.Second) != 0 {
		t.Fatal("non-positive ceiling must give no wait")
	}
	for range 1000 {
		if d := fullJitter(10 * time.Millisecond); d < 0 || d > 10*time.Millisecond {
			t.Fatalf("jitter %v outside [0, 10ms]", d)
		}
	}
}

func TestContextCancelStopsBackoffAtOnce(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, answers(503))
	c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.RetryBaseDelay, cfg.RetryMaxDelay = time.Hour, time.Hour })
	c.jitter = func(ceiling time.Duration) time.Duration { return ceiling } // an hour-long backoff
	waiting := make(chan struct{})
	c.sleep = func(ctx context.Context, d time.Duration) error {
		close(waiting)
		return sleepCtx(ctx, d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := c.ShowSecretEvent(ctx, "ev1"); done <- err }()
	<-waiting
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
			t.Errorf("error %v does not carry the last answer", err)
		}
	case <-time.After(30 * time.Second): // a hang guard, not a timing assertion
		t.Fatal("cancel did not stop the backoff")
	}
	if rec.count() != 1 {
		t.Fatalf("%d requests, want 1", rec.count())
	}
}

func TestCancelledContextIsNotRetried(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		cancel()
		reply(w, http.StatusServiceUnavailable, "")
	})
	c := newTestClient(t, rec.URL, nil)
	_, err := c.ShowSecretEvent(ctx, "ev1")
	if !errors.Is(err, context.Canceled) || rec.count() != 1 {
		t.Fatalf("err %v after %d requests, want context.Canceled after 1", err, rec.count())
	}
}

// refusedAddr is a local address nothing listens on.
func refusedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// flakyDialer refuses the first `refuse` connections (by dialling a closed
// port, so the error is the real ECONNREFUSED) and then connects normally.
func flakyDialer(t *testing.T, refuse int32) (*http.Client, *atomic.Int32) {
	closed := refusedAddr(t)
	var dials atomic.Int32
	var d net.Dialer
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) <= refuse {
			addr = closed
		}
		return d.DialContext(ctx, network, addr)
	}
	t.Cleanup(transport.CloseIdleConnections)
	return &http.Client{Transport: transport}, &dials
}

func TestPostRetriedOnConnectionRefused(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, answers(200))
	hc, dials := flakyDialer(t, 2)
	c := newTestClient(t, rec.URL, func(cfg *Config) { cfg.HTTPClient = hc })
	recordWaits(c)
	if _, err := c.CreateSecretEvent(context.Background(), CreateSecretEventRequest{Name: "ev1"}); err != nil {
		t.Fatalf("create: %v", err)
	}
	if rec.count() != 1 || dials.Load() != 3 {
		t.Fatalf("%d requests after %d dials, want 1 after 3", rec.count(), dials.Load())
	}
}

func TestConnectionRefusedExhaustsRetries(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, "http://"+refusedAddr(t), func(cfg *Config) { cfg.MaxRetries = 2 })
	waits := recordWaits(c)
	_, err := c.CreateSecretEvent(context.Background(), CreateSecretEventRequest{Name: "ev1"})
	if err == nil || !strings.Contains(err.Error(), "after 3 attempts") || len(*waits) != 2 {
		t.Fatalf("err %v after %d waits", err, len(*waits))
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		t.Fatal("a transport failure must not look like an API answer")
	}
}

// resetFirst closes the first n connections with a TCP reset after reading
// the request, before answering.
func resetFirst(n int) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, i int) {
		if i <= n {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				panic(err)
			}
			if tcp, ok := conn.(*net.TCPConn); ok {
				_ = tcp.SetLinger(0) // RST instead of FIN
			}
			_ = conn.Close()
			return
		}
		reply(w, http.StatusOK, `{"event":{"name":"ev1"}}`)
	}
}

func TestGetRetriedOnConnectionReset(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, resetFirst(1))
	c := newTestClient(t, rec.URL, nil)
	recordWaits(c)
	if _, err := c.ShowSecretEvent(context.Background(), "ev1"); err != nil {
		t.Fatalf("show: %v", err)
	}
	if rec.count() != 2 {
		t.Fatalf("%d requests, want 2", rec.count())
	}
}

func TestPostNotRetriedWhenRequestMayHaveArrived(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, resetFirst(1))
	c := newTestClient(t, rec.URL, nil)
	recordWaits(c)
	_, err := c.CreateSecretEvent(context.Background(), CreateSecretEventRequest{Name: "ev1"})
	if err == nil || rec.count() != 1 {
		t.Fatalf("err %v after %d requests: a POST the server received must not be repeated", err, rec.count())
	}
}

func TestReadOnlyPostRetriedOn5xx(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 1 {
			reply(w, http.StatusInternalServerError, "")
			return
		}
		reply(w, http.StatusOK, `{"total_count":4}`)
	})
	c := newTestClient(t, rec.URL, nil)
	recordWaits(c)
	n, err := c.CountResourceInstances(context.Background(), nil, nil)
	if err != nil || n != 4 || rec.count() != 2 {
		t.Fatalf("count %d, err %v, %d requests", n, err, rec.count())
	}
}

func TestTLSFailureIsNotRetriedAndInsecureSkipsVerification(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := newTLSServer(t, func(w http.ResponseWriter) { hits.Add(1); reply(w, http.StatusOK, `{"event":{}}`) })
	strict := newTestClient(t, srv, nil)
	waits := recordWaits(strict)
	if _, err := strict.ShowSecretEvent(context.Background(), "ev1"); err == nil {
		t.Fatal("an untrusted certificate was accepted")
	}
	if len(*waits) != 0 {
		t.Fatalf("a certificate failure was retried %d times", len(*waits))
	}
	insecure := newTestClient(t, srv, func(cfg *Config) { cfg.Insecure = true })
	if _, err := insecure.ShowSecretEvent(context.Background(), "ev1"); err != nil {
		t.Fatalf("Insecure client: %v", err)
	}
	if hits.Load() != 1 {
		t.Fatalf("%d requests reached the server, want 1", hits.Load())
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]struct {
		d  time.Duration
		ok bool
	}{
		"":                              {0, false},
		"-1":                            {0, false},
		"2":                             {2 * time.Second, true},
		" 2 ":                           {2 * time.Second, true},
		"99999999999999999999":          {0, false},
		"9999999999":                    {24 * time.Hour, true},
		"Wed, 01 Jan 2025 00:00:05 GMT": {5 * time.Second, true},
		"tomorrow":                      {0, false},
	} {
		d, ok := parseRetryAfter(v, now)
		if d != want.d || ok != want.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", v, d, ok, want.d, want.ok)
		}
	}
}

func TestUnsignableRequestIsNotRetried(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, answers(200))
	c := newTestClient(t, rec.URL, nil)
	waits := recordWaits(c)
	// A request that cannot be built: nothing is sent, nothing is retried.
	err := c.do(context.Background(), request{method: "BAD METHOD", base: c.endpoints.csms, path: "/x"})
	if err == nil || len(*waits) != 0 || rec.count() != 0 {
		t.Fatalf("err %v after %d waits and %d requests", err, len(*waits), rec.count())
	}
}

func TestRetryableTransportErrorClassification(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	dns := &net.DNSError{Err: "server misbehaving", Name: "kms.example", IsTemporary: true}
	noSuchHost := &net.DNSError{Err: "no such host", Name: "kms.nowhere", IsNotFound: true}
	for _, tc := range []struct {
		method string
		err    error
		want   bool
	}{
		{http.MethodPost, refused, true},
		{http.MethodPost, dns, true},
		{http.MethodGet, noSuchHost, false},
		{http.MethodPost, noSuchHost, false},
		{http.MethodPost, reset, false},
		{http.MethodGet, reset, true},
		{http.MethodDelete, reset, true},
		{http.MethodGet, permanentError{errors.New("bad request line")}, false},
		{http.MethodGet, context.Canceled, false},
		{http.MethodGet, context.DeadlineExceeded, false},
	} {
		if got := retryableTransportError(tc.method, tc.err); got != tc.want {
			t.Errorf("retryableTransportError(%s, %v) = %v, want %v", tc.method, tc.err, got, tc.want)
		}
	}
}
