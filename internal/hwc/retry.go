package hwc

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The retry policy lives here rather than in go-retryablehttp: every attempt
// must be re-signed with a fresh date, the policy depends on the method and
// on whether a failed request provably never left (facts CheckRetry does not
// see), Retry-After must be capped, and the final error must be the last
// APIError. Expressing that through retryablehttp's hooks would be longer and
// harder to test than this small loop.

// retryableStatus reports whether a response status is worth another attempt.
// POST is not idempotent here (a create), so only a throttled POST — which
// the service refused before doing anything — is repeated.
func retryableStatus(method string, status int) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent(method)
	}
	return false
}

// retryableTransportError reports whether a failed round trip may be repeated:
// always when the request provably never reached the server, for idempotent
// methods also after resets, EOFs and timeouts. Certificate problems, a
// handshake the server refused and requests that could not be built are
// permanent; context ends are the
// caller's decision.
func retryableTransportError(method string, err error) bool {
	var permanent permanentError
	if errors.As(err, &permanent) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		isTLSFailure(err) || IsHandshakeRefused(err) || hostDoesNotExist(err) {
		return false
	}
	return notSent(err) || idempotent(method)
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// notSent is true for failures that happen before any byte of the request is
// written: name resolution and connection establishment.
func notSent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) || errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// hostDoesNotExist is a definite "no such host": asking again gives the same
// answer, and the regional IAM fallback should not wait through the backoff.
func hostDoesNotExist(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsNotFound
}

func isTLSFailure(err error) bool {
	var (
		verifyErr  *tls.CertificateVerificationError
		unknownCA  x509.UnknownAuthorityError
		hostErr    x509.HostnameError
		invalidErr x509.CertificateInvalidError
		recordErr  tls.RecordHeaderError
	)
	return errors.As(err, &verifyErr) || errors.As(err, &unknownCA) || errors.As(err, &hostErr) ||
		errors.As(err, &invalidErr) || errors.As(err, &recordErr)
}

// backoff is the wait before retry number `retry` (1-based): the server's
// Retry-After when it sent one, else full jitter over an exponentially
// growing ceiling; both capped at RetryMaxDelay.
func (c *Client) backoff(retry int, header http.Header) time.Duration {
	maxDelay := c.cfg.RetryMaxDelay
	if d, ok := parseRetryAfter(header.Get("Retry-After"), c.cfg.Now()); ok {
		return min(d, maxDelay)
	}
	ceiling := c.cfg.RetryBaseDelay
	for i := 1; i < retry && ceiling < maxDelay; i++ {
		ceiling *= 2
	}
	return c.jitter(min(ceiling, maxDelay))
}

// parseRetryAfter reads delay-seconds or an HTTP date; a date in the past is
// no wait at all.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second) // avoid overflow; the caller caps it anyway
		}
		return time.Duration(secs) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(at.Sub(now), 0), true
}

// fullJitter picks a uniformly random wait in [0, ceiling].
func fullJitter(ceiling time.Duration) time.Duration {
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// sleepCtx waits d, or returns the context's error as soon as it ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
