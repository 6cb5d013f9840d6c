package hwc

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeClock) add(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func TestRefreshingCredentials_renewsBeforeExpiry(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		name          string
		lifetime      time.Duration
		before, after time.Duration // no renewal at before, renewal at after
	}{
		{"long lifetime: 5 minutes margin", time.Hour, 54 * time.Minute, 55 * time.Minute},
		{"short lifetime: a quarter", 8 * time.Second, 5 * time.Second, 6 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fetches atomic.Int64
			start := clock.now()
			r := NewRefreshingCredentials(func(context.Context) (Credentials, error) {
				n := fetches.Add(1)
				return Credentials{AccessKey: "AK" + string(rune('0'+n)), SecretKey: "SK", SecurityToken: "T",
					Expires: clock.now().Add(tc.lifetime)}, nil
			}, clock.now)
			get := func() Credentials {
				c, err := r.Credentials(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				return c
			}
			if get().AccessKey != "AK1" {
				t.Fatal("first fetch")
			}
			clock.mu.Lock()
			clock.t = start.Add(tc.before)
			clock.mu.Unlock()
			if c := get(); c.AccessKey != "AK1" || fetches.Load() != 1 {
				t.Fatalf("renewed too early: %d fetches", fetches.Load())
			}
			clock.mu.Lock()
			clock.t = start.Add(tc.after)
			clock.mu.Unlock()
			if c := get(); c.AccessKey != "AK2" || fetches.Load() != 2 {
				t.Fatalf("not renewed before expiry: %d fetches", fetches.Load())
			}
		})
	}
}

func TestRefreshingCredentials_concurrentCallersShareOneRenewal(t *testing.T) {
	clock := &fakeClock{t: time.Now()}
	var fetches atomic.Int64
	r := NewRefreshingCredentials(func(context.Context) (Credentials, error) {
		fetches.Add(1)
		time.Sleep(20 * time.Millisecond)
		return Credentials{AccessKey: "AK", SecretKey: "SK", Expires: clock.now().Add(time.Hour)}, nil
	}, clock.now)
	for round := 1; round <= 2; round++ {
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := r.Credentials(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if n := fetches.Load(); n != int64(round) {
			t.Fatalf("round %d: %d fetches, want %d", round, n, round)
		}
		clock.add(59 * time.Minute)
	}
}

func TestRefreshingCredentials_failure(t *testing.T) {
	clock := &fakeClock{t: time.Now()}
	fail := false
	r := NewRefreshingCredentials(func(context.Context) (Credentials, error) {
		if fail {
			return Credentials{}, errors.New("boom")
		}
		return Credentials{AccessKey: "AK", SecretKey: "SK", Expires: clock.now().Add(time.Hour)}, nil
	}, clock.now)
	if _, err := r.Credentials(context.Background()); err != nil {
		t.Fatal(err)
	}
	fail = true
	clock.add(58 * time.Minute) // due, but still valid: kept
	if c, err := r.Credentials(context.Background()); err != nil || c.AccessKey != "AK" {
		t.Fatalf("a failed renewal of valid credentials: %v %v", c, err)
	}
	clock.add(3 * time.Minute) // expired
	if _, err := r.Credentials(context.Background()); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("expired credentials and a failed renewal: %v", err)
	}
	empty := NewRefreshingCredentials(func(context.Context) (Credentials, error) { return Credentials{}, nil }, nil)
	if _, err := empty.Credentials(context.Background()); err == nil {
		t.Fatal("empty credentials accepted")
	}
}

// stsDouble answers the two assume calls and records who signed them.
func stsDouble(t *testing.T, signers *[]string, mu *sync.Mutex) *httptest.Server {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		authz := r.Header.Get("Authorization")
		ak := authz[strings.Index(authz, "Access=")+7 : strings.Index(authz, ",")]
		mu.Lock()
		*signers = append(*signers, ak+"|"+r.Header.Get("X-Security-Token")+"|"+r.URL.Path+"|"+string(body))
		mu.Unlock()
		i := n.Add(1)
		id := "TMP" + string(rune('0'+i))
		exp := time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05.000000Z")
		w.Header().Set("X-Request-Id", "req-"+id)
		switch r.URL.Path {
		case "/v3.0/OS-CREDENTIAL/securitytokens":
			if strings.Contains(string(body), "unknown") {
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(`{"error_code":"IAM.0002","error_msg":"no such agency"}`))
				return
			}
			w.WriteHeader(http.StatusCreated)
			_ = json.NewEncoder(w).Encode(map[string]any{"credential": map[string]string{
				"access": id, "secret": "sk-" + id, "securitytoken": "tok-" + id, "expires_at": exp}})
		case "/v5/agencies/assume":
			_ = json.NewEncoder(w).Encode(map[string]any{"credentials": map[string]string{
				"access_key_id": id, "secret_access_key": "sk-" + id, "security_token": "tok-" + id, "expiration": exp}})
		default:
			_ = json.NewEncoder(w).Encode(map[string]any{"projects": []any{}})
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestAssumeChain_eachStepSignedByThePrevious(t *testing.T) {
	var signers []string
	var mu sync.Mutex
	srv := stsDouble(t, &signers, &mu)
	base, err := New(Config{Region: "cn-north-4", AccessKey: "BASEAK", SecretKey: "base-sk",
		Endpoints: Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL, STS: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	chain, err := base.AssumeChain([]AssumeRole{
		{AgencyName: "first", DomainName: "acme", Duration: 3600, SessionUser: "ci"},
		{AgencyName: "second", DomainID: "d123", Duration: 900},
	})
	if err != nil {
		t.Fatal(err)
	}
	creds, err := chain.Credentials(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if creds.AccessKey != "TMP2" || creds.SecurityToken != "tok-TMP2" {
		t.Fatalf("final credentials %+v", creds)
	}
	if len(signers) != 2 {
		t.Fatalf("calls: %v", signers)
	}
	if want := `BASEAK||/v3.0/OS-CREDENTIAL/securitytokens|{"auth":{"identity":{"assume_role":{"agency_name":"first","domain_name":"acme","duration_seconds":3600,"session_user":{"name":"ci"}},"methods":["assume_role"]}}}`; signers[0] != want {
		t.Errorf("first step:\n got %s\nwant %s", signers[0], want)
	}
	if want := `TMP1|tok-TMP1|/v5/agencies/assume|{"agency_session_name":"terraform-provider-hwcloud","agency_urn":"iam::d123:agency:second","duration_seconds":900}`; signers[1] != want {
		t.Errorf("second step:\n got %s\nwant %s", signers[1], want)
	}
	// The final client signs with the chain's credentials, and masks them.
	final, err := New(Config{Region: "cn-north-4", Credentials: chain, ProjectID: "p",
		Endpoints: Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := final.ListAuthProjects(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := signers[2]; !strings.HasPrefix(got, "TMP2|tok-TMP2|") {
		t.Errorf("a call after the chain was signed by %s", got)
	}
	if s := final.scrub("x sk-TMP2 tok-TMP2"); s != "x *** ***" {
		t.Errorf("temporary credentials not scrubbed: %s", s)
	}
}

func TestAssumeAgency_refusal(t *testing.T) {
	var signers []string
	var mu sync.Mutex
	srv := stsDouble(t, &signers, &mu)
	c, err := New(Config{Region: "cn-north-4", AccessKey: "AK", SecretKey: "SK",
		Endpoints: Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.AssumeAgency(context.Background(), AssumeRole{AgencyName: "unknown", DomainName: "acme"})
	var ae *AssumeError
	var api *APIError
	if !errors.As(err, &ae) || ae.Agency != "unknown" || !errors.As(err, &api) || api.RequestID == "" {
		t.Fatalf("refusal: %v", err)
	}
	if !strings.Contains(err.Error(), `assuming agency "unknown" of account "acme"`) {
		t.Errorf("message: %v", err)
	}
}

func TestMetadataCredentials(t *testing.T) {
	exp := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path != "/openstack/latest/securitykey" || r.Header.Get("Authorization") != "" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		_, _ = w.Write([]byte(`{"credential":{"access":"MAK","secret":"msk","securitytoken":"mtok","expires_at":"` + exp + `"}}`))
	}))
	defer srv.Close()
	base := MetadataEndpoint(func(k string) string {
		if k == EnvMetadataEndpoint {
			return srv.URL + "/"
		}
		return ""
	})
	if base != srv.URL {
		t.Fatalf("base %q", base)
	}
	if MetadataEndpoint(func(string) string { return "" }) != DefaultMetadataEndpoint {
		t.Fatal("default")
	}
	r := MetadataCredentials(base, nil)
	c, err := r.Credentials(context.Background())
	if err != nil || c.AccessKey != "MAK" || c.SecurityToken != "mtok" || c.Expires.IsZero() {
		t.Fatalf("%+v %v", c, err)
	}
	if _, err := FetchMetadataCredentials(context.Background(), srv.URL+"/nothing"); err == nil ||
		!strings.Contains(err.Error(), "HTTP 404") {
		t.Fatalf("a 404: %v", err)
	}
	if _, err := FetchMetadataCredentials(context.Background(), "http://127.0.0.1:1"); err == nil {
		t.Fatal("no server, no error")
	}
}
