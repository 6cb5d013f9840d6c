package hwc

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Credentials are an AK/SK pair, with the security token of temporary
// credentials and their expiry (zero: they do not expire).
type Credentials struct {
	AccessKey, SecretKey, SecurityToken string
	Expires                             time.Time
}

// secrets are the values that must never be logged.
func (c Credentials) secrets() []string {
	var out []string
	for _, v := range []string{c.SecretKey, c.SecurityToken} {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// CredentialsProvider hands the transport the credentials to sign the next
// request with. The transport asks before every request, so a provider that
// renews its credentials is used with the renewed ones at once.
type CredentialsProvider interface {
	Credentials(ctx context.Context) (Credentials, error)
}

// StaticCredentials never change.
type StaticCredentials Credentials

// Credentials returns the static credentials.
func (s StaticCredentials) Credentials(context.Context) (Credentials, error) {
	return Credentials(s), nil
}

// DefaultRenewMargin is how long before their expiry credentials are renewed,
// unless their lifetime is short (see RefreshingCredentials).
const DefaultRenewMargin = 5 * time.Minute

// RefreshingCredentials caches credentials obtained by a fetch function and
// renews them before they expire: once less than the margin remains, where
// the margin is DefaultRenewMargin or a quarter of the lifetime, whichever is
// smaller (so credentials that live a minute are renewed after 45 seconds).
// Concurrent callers share one renewal. A failed renewal is reported only
// when the cached credentials have expired; until then they are still used
// and the next call tries again.
type RefreshingCredentials struct {
	fetch func(ctx context.Context) (Credentials, error)
	now   func() time.Time

	mu        sync.Mutex
	cur       Credentials
	obtained  time.Time
	have      bool
	secretsMu sync.Mutex
	issued    []string // every secret ever fetched, for log masking
}

// NewRefreshingCredentials wraps fetch; now is the clock (nil: time.Now).
func NewRefreshingCredentials(fetch func(ctx context.Context) (Credentials, error), now func() time.Time) *RefreshingCredentials {
	if now == nil {
		now = time.Now
	}
	return &RefreshingCredentials{fetch: fetch, now: now}
}

// Credentials returns valid credentials, fetching or renewing them when needed.
func (r *RefreshingCredentials) Credentials(ctx context.Context) (Credentials, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	if r.have && !r.due(now) {
		return r.cur, nil
	}
	fresh, err := r.fetch(ctx)
	if err == nil && (fresh.AccessKey == "" || fresh.SecretKey == "") {
		err = errors.New("the credentials obtained have no access key or secret key")
	}
	if err != nil {
		if r.have && (r.cur.Expires.IsZero() || now.Before(r.cur.Expires)) {
			return r.cur, nil // still valid: the next call tries again
		}
		return Credentials{}, err
	}
	r.cur, r.obtained, r.have = fresh, now, true
	r.secretsMu.Lock()
	r.issued = append(r.issued, fresh.secrets()...)
	r.secretsMu.Unlock()
	return r.cur, nil
}

// due reports whether the cached credentials should be renewed at now.
func (r *RefreshingCredentials) due(now time.Time) bool {
	if r.cur.Expires.IsZero() {
		return false
	}
	margin := DefaultRenewMargin
	if quarter := r.cur.Expires.Sub(r.obtained) / 4; quarter < margin {
		margin = quarter
	}
	return !now.Before(r.cur.Expires.Add(-margin))
}

// Secrets lists every secret key and security token obtained so far, so that
// logs can mask them.
func (r *RefreshingCredentials) Secrets() []string {
	r.secretsMu.Lock()
	defer r.secretsMu.Unlock()
	return append([]string(nil), r.issued...)
}

// secretLister is a CredentialsProvider whose values change (log masking asks it).
type secretLister interface{ Secrets() []string }

// AssumeError is a refused or failed assumption of an agency; Err is the
// call's error (an *APIError with the request id when the service answered).
type AssumeError struct {
	Agency, Domain string
	Err            error
}

func (e *AssumeError) Error() string {
	return fmt.Sprintf("assuming agency %q of account %q: %v", e.Agency, e.Domain, e.Err)
}

func (e *AssumeError) Unwrap() error { return e.Err }
