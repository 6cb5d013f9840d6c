package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sdksign"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type running struct {
	stop   chan os.Signal
	code   chan int
	stdout *syncBuffer
	stderr *syncBuffer
	env    map[string]string
}

// start runs the command until the test stops it; it fails the test if the
// command does not print its endpoint.
func start(t *testing.T, args ...string) *running {
	t.Helper()
	r := &running{stop: make(chan os.Signal, 1), code: make(chan int, 1), stdout: &syncBuffer{}, stderr: &syncBuffer{}, env: map[string]string{}}
	go func() { r.code <- run(append([]string{"-listen", "127.0.0.1:0"}, args...), r.stdout, r.stderr, r.stop) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.stdout.String(), "HW_IAM_ENDPOINT=") {
		select {
		case code := <-r.code:
			t.Fatalf("run exited with %d: %s", code, r.stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no endpoint printed: %s", r.stdout.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, line := range strings.Split(r.stdout.String(), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.HasPrefix(k, "HW_") {
			r.env[k] = v
		}
	}
	return r
}

func (r *running) shutdown(t *testing.T) int {
	t.Helper()
	r.stop <- os.Interrupt
	select {
	case code := <-r.code:
		return code
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
		return -1
	}
}

func (r *running) call(t *testing.T, method, path, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, r.env["HW_CSMS_ENDPOINT"]+strings.ReplaceAll(path, "{p}", r.env["HW_PROJECT_ID"]), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if err := sdksign.Sign(req, []byte(body), r.env["HW_ACCESS_KEY"], r.env["HW_SECRET_KEY"], time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestRunPrintsCredentialsAndServes(t *testing.T) {
	t.Parallel()
	r := start(t, "-region", "ap-southeast-1", "-project-id", "abcdefabcdefabcdefabcdefabcdef12", "-access-key", "MYAK", "-secret-key", "MYSK")
	for k, want := range map[string]string{
		"HW_REGION_NAME": "ap-southeast-1", "HW_PROJECT_ID": "abcdefabcdefabcdefabcdefabcdef12",
		"HW_ACCESS_KEY": "MYAK", "HW_SECRET_KEY": "MYSK",
	} {
		if r.env[k] != want {
			t.Errorf("%s=%q, want %q", k, r.env[k], want)
		}
	}
	if !strings.HasPrefix(r.env["HW_CTS_ENDPOINT"], "http://127.0.0.1:") || r.env["HW_CTS_ENDPOINT"] != r.env["HW_CSMS_ENDPOINT"] {
		t.Fatalf("endpoints: %v", r.env)
	}
	if got := r.call(t, "GET", "/v3/projects?name=ap-southeast-1", ""); got != 200 {
		t.Fatalf("IAM: %d", got)
	}
	if code := r.shutdown(t); code != 0 {
		t.Fatalf("exit %d: %s", code, r.stderr.String())
	}
}

func TestRunStateSurvivesRestart(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "state.json")
	r := start(t, "-state", state)
	if got := r.call(t, "POST", "/v1/{p}/secrets", `{"name":"kept","secret_string":"v"}`); got != 200 {
		t.Fatalf("create: %d", got)
	}
	// Saved on change, before shutdown.
	deadline := time.Now().Add(5 * time.Second)
	for {
		data, _ := os.ReadFile(state)
		if strings.Contains(string(data), `"kept"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the state was not saved after the change")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if code := r.shutdown(t); code != 0 {
		t.Fatalf("exit %d", code)
	}
	r2 := start(t, "-state", state)
	defer r2.shutdown(t)
	if got := r2.call(t, "GET", "/v1/{p}/secrets/kept", ""); got != 200 {
		t.Fatalf("after restart: %d", got)
	}
}

func TestRunSeedAndFaults(t *testing.T) {
	t.Parallel()
	seed := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(seed, []byte(`{"secrets":[{"name":"seeded","tags":{"env":"demo"}},{"name":"old","state":"PENDING_DELETE"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r := start(t, "-seed", seed, "-faults", "rate=1,kinds=503,ops=ShowSecret", "-max-events", "1")
	defer r.shutdown(t)
	if got := r.call(t, "GET", "/v1/{p}/secrets/seeded", ""); got != 503 {
		t.Fatalf("fault not applied: %d", got)
	}
	if got := r.call(t, "GET", "/v1/{p}/secrets?limit=10", ""); got != 200 {
		t.Fatalf("list: %d", got)
	}
	topic := emulator.TopicURN(emulator.DefaultRegion, emulator.DefaultProjectID, "hwcloud-demo")
	ev := `{"name":"%s","event_types":["SECRET_DELETED"],"state":"ENABLED","notification":{"target_type":"SMN","target_id":"` + topic + `","target_name":"t"}}`
	if got := r.call(t, "POST", "/v1/{p}/csms/events", strings.Replace(ev, "%s", "a", 1)); got != 200 {
		t.Fatalf("event 1: %d", got)
	}
	if got := r.call(t, "POST", "/v1/{p}/csms/events", strings.Replace(ev, "%s", "b", 1)); got != 400 {
		t.Fatalf("-max-events 1 not applied: %d", got)
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	if err := os.WriteFile(corrupt, []byte(`{"version":1,`), 0o600); err != nil {
		t.Fatal(err)
	}
	badSeed := filepath.Join(dir, "seed.json")
	if err := os.WriteFile(badSeed, []byte(`{"secrets":[{"name":"bad name"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string][]string{
		"unknown flag":       {"-nope"},
		"extra argument":     {"serve"},
		"bad number":         {"-max-events", "many"},
		"zero quota":         {"-max-notifications", "0"},
		"bad project id":     {"-project-id", "xyz"},
		"empty access key":   {"-access-key", ""},
		"bad fault spec":     {"-faults", "rate=5,kinds=429"},
		"corrupt state file": {"-state", corrupt},
		"bad seed file":      {"-seed", badSeed},
		"missing seed file":  {"-seed", filepath.Join(dir, "missing.json")},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			stop := make(chan os.Signal, 1)
			stop <- os.Interrupt // a run that wrongly starts stops at once
			if code := run(append([]string{"-listen", "127.0.0.1:0"}, args...), &stdout, &stderr, stop); code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, stderr.String())
			}
			if stderr.Len() == 0 || strings.Contains(stdout.String(), "listening") {
				t.Fatalf("want a clear error and no server: stdout %q stderr %q", stdout.String(), stderr.String())
			}
		})
	}
	data, _ := os.ReadFile(corrupt)
	if string(data) != `{"version":1,` {
		t.Fatal("a corrupt state file must be left alone, not overwritten")
	}
}

func TestRunHelp(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-h"}, &stdout, &stderr, make(chan os.Signal)); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "-listen") {
		t.Fatalf("usage: %s", stderr.String())
	}
}

func TestParseFlagsCTSEmptyFilterObject(t *testing.T) {
	t.Parallel()
	for args, want := range map[string]bool{"": false, "-cts-empty-filter-object": true} {
		cfg, err := parseFlags(strings.Fields(args), &bytes.Buffer{})
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if cfg.opts.CTSEmptyFilterObject != want {
			t.Errorf("%q: CTSEmptyFilterObject = %v, want %v", args, cfg.opts.CTSEmptyFilterObject, want)
		}
	}
}
