package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sdksign"
)

// testClient makes signed requests to a private emulator.
type testClient struct {
	t        *testing.T
	srv      *Server
	ak, sk   string
	token    string            // when set: X-Auth-Token instead of a signature
	secToken string            // X-Security-Token, signed
	headers  map[string]string // extra headers, set before signing
	now      func() time.Time
	http     *http.Client // default: a client without keep-alive (no transparent retries)
}

func startEmulator(t *testing.T, opts Options) *testClient {
	t.Helper()
	srv, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	eff := srv.Emulator.Options()
	return &testClient{t: t, srv: srv, ak: eff.AccessKey, sk: eff.SecretKey, now: eff.Now,
		http: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}}
}

func (c *testClient) e() *Emulator { return c.srv.Emulator }

func (c *testClient) project() string { return c.e().Options().ProjectID }

// path expands {p} to the project id.
func (c *testClient) path(p string) string { return strings.ReplaceAll(p, "{p}", c.project()) }

type result struct {
	status int
	header http.Header
	body   []byte
}

func (r result) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

// errorCode extracts the code from any of the three error shapes.
func (r result) errorCode(t *testing.T) string {
	t.Helper()
	m := r.json(t)
	if nested, ok := m["error"].(map[string]any); ok {
		code, _ := nested["error_code"].(string)
		return code
	}
	code, _ := m["error_code"].(string)
	return code
}

func (c *testClient) do(method, path string, body any) result {
	c.t.Helper()
	resp, err := c.try(method, path, body)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

// try is do for calls that may fail at the transport level (injected resets, lost responses).
func (c *testClient) try(method, path string, body any) (result, error) {
	c.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			c.t.Fatalf("marshal: %v", err)
		}
	}
	req, err := http.NewRequest(method, c.srv.URL+c.path(path), bytes.NewReader(raw))
	if err != nil {
		c.t.Fatalf("NewRequest: %v", err)
	}
	if raw != nil {
		req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	}
	req.Header.Set("X-Project-Id", c.project())
	for k, v := range c.headers {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	if c.token != "" {
		req.Header.Set("X-Auth-Token", c.token)
	} else {
		if c.secToken != "" {
			req.Header.Set("X-Security-Token", c.secToken)
		}
		if err := sdksign.Sign(req, raw, c.ak, c.sk, c.now()); err != nil {
			c.t.Fatalf("Sign: %v", err)
		}
	}
	return c.sendErr(req)
}

func (c *testClient) send(req *http.Request) result {
	c.t.Helper()
	r, err := c.sendErr(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	return r
}

func (c *testClient) sendErr(req *http.Request) (result, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return result{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return result{}, err
	}
	return result{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// want fails the test unless the response has the status (and, for errors, the code).
func (r result) want(t *testing.T, status int, code string) result {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if code != "" {
		if got := r.errorCode(t); got != code {
			t.Fatalf("error code %q, want %q: %s", got, code, r.body)
		}
	}
	return r
}

// fixedClock is a settable clock for Options.Now.
type fixedClock struct{ t time.Time }

func (f *fixedClock) now() time.Time { return f.t }

func eventBody(name, topic string) map[string]any {
	return map[string]any{
		"name":        name,
		"event_types": []string{"SECRET_VERSION_CREATED", "SECRET_DELETED"},
		"state":       "ENABLED",
		"notification": map[string]any{
			"target_type": "SMN", "target_id": topic, "target_name": "hwcloud-demo",
		},
	}
}

// edited returns m changed by kv, pairs of a key and its value; a nil value
// removes the key, so a case can drop a required field.
func edited(m map[string]any, kv ...any) map[string]any {
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(m, kv[i].(string))
		} else {
			m[kv[i].(string)] = kv[i+1]
		}
	}
	return m
}

func (c *testClient) demoTopic() string {
	return TopicURN(c.e().Options().Region, c.project(), "hwcloud-demo")
}

func ioNopCloser(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }
