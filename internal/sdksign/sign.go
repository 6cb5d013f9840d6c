// Package sdksign implements Huawei Cloud's SDK-HMAC-SHA256 request signature.
// It is shared by the API client, which signs, and the
// emulator, which verifies; both are pinned to the official SDK's output by
// the vectors in signvectors.
package sdksign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

const (
	// Algorithm is the scheme name that starts the Authorization header and the string to sign.
	Algorithm = "SDK-HMAC-SHA256"
	// DateFormat is the layout of the X-Sdk-Date header (always UTC).
	DateFormat = "20060102T150405Z"
	// HeaderDate carries the signing time.
	HeaderDate = "X-Sdk-Date"
	// HeaderAuthorization carries the signature.
	HeaderAuthorization = "Authorization"
	// EmptyBodyHash is hex(sha256("")).
	EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// Escape percent-encodes everything but the RFC 3986 unreserved characters,
// with upper-case hex digits (so a space is %20, never '+').
func Escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// CanonicalURI encodes each segment of the unescaped path and makes sure the
// result ends with '/', as the official signer does.
func CanonicalURI(path string) string {
	segments := strings.Split(path, "/")
	for i, s := range segments {
		segments[i] = Escape(s)
	}
	uri := strings.Join(segments, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

// CanonicalQuery sorts keys, and the values of each key, and escapes both.
// A raw query that does not parse yields the error from net/url.
func CanonicalQuery(rawQuery string) (string, error) {
	if rawQuery == "" {
		return "", nil
	}
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "", err
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vs := append([]string(nil), values[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			parts = append(parts, Escape(k)+"="+Escape(v))
		}
	}
	return strings.Join(parts, "&"), nil
}

// HashHex is hex(sha256(b)).
func HashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Request is what a signature covers. HeaderValue returns the value of a
// signed header given its lower-case name ("host" included).
type Request struct {
	Method        string
	Path          string // unescaped, as url.URL.Path
	RawQuery      string
	SignedHeaders []string // lower-case, sorted
	HeaderValue   func(lowerName string) string
	Body          []byte
}

// CanonicalRequest builds the canonical request string: method, canonical
// URI, canonical query, canonical headers, signed headers and body hash, one
// per line.
func CanonicalRequest(r Request) (string, error) {
	query, err := CanonicalQuery(r.RawQuery)
	if err != nil {
		return "", err
	}
	var headers strings.Builder
	for _, name := range r.SignedHeaders {
		headers.WriteString(name)
		headers.WriteByte(':')
		headers.WriteString(strings.TrimSpace(r.HeaderValue(name)))
		headers.WriteByte('\n')
	}
	return strings.Join([]string{
		r.Method,
		CanonicalURI(r.Path),
		query,
		headers.String(),
		strings.Join(r.SignedHeaders, ";"),
		HashHex(r.Body),
	}, "\n"), nil
}

// StringToSign wraps the hash of the canonical request with the algorithm and date.
func StringToSign(sdkDate, canonicalRequest string) string {
	return Algorithm + "\n" + sdkDate + "\n" + HashHex([]byte(canonicalRequest))
}

// Signature is hex(hmac_sha256(secretKey, stringToSign)); there is no key derivation.
func Signature(secretKey, stringToSign string) string {
	mac := hmac.New(sha256.New, []byte(secretKey))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// Authorization is the parsed Authorization header.
type Authorization struct {
	AccessKey     string
	SignedHeaders []string
	Signature     string
}

// String renders the header value exactly as the official SDK does.
func (a Authorization) String() string {
	return fmt.Sprintf("%s Access=%s, SignedHeaders=%s, Signature=%s",
		Algorithm, a.AccessKey, strings.Join(a.SignedHeaders, ";"), a.Signature)
}

// ErrMalformedAuthorization is returned for an Authorization header that is not SDK-HMAC-SHA256.
var ErrMalformedAuthorization = errors.New("malformed SDK-HMAC-SHA256 authorization header")

// ParseAuthorization parses "SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…".
func ParseAuthorization(v string) (Authorization, error) {
	rest, ok := strings.CutPrefix(v, Algorithm+" ")
	if !ok {
		return Authorization{}, ErrMalformedAuthorization
	}
	var a Authorization
	for _, part := range strings.Split(rest, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || value == "" {
			return Authorization{}, ErrMalformedAuthorization
		}
		switch key {
		case "Access":
			a.AccessKey = value
		case "SignedHeaders":
			a.SignedHeaders = strings.Split(value, ";")
		case "Signature":
			a.Signature = value
		default:
			return Authorization{}, ErrMalformedAuthorization
		}
	}
	if a.AccessKey == "" || len(a.SignedHeaders) == 0 || a.Signature == "" {
		return Authorization{}, ErrMalformedAuthorization
	}
	return a, nil
}

// Sign sets X-Sdk-Date and Authorization on req. It signs every header already
// set on req except Content-Type and names containing '_' (the official SDK's
// choice), so callers set X-Project-Id, X-Security-Token and User-Agent first.
// body must be the exact bytes that will be sent.
func Sign(req *http.Request, body []byte, accessKey, secretKey string, now time.Time) error {
	date := now.UTC().Format(DateFormat)
	req.Header.Set(HeaderDate, date)
	req.Header.Del(HeaderAuthorization)

	var signed []string
	for name := range req.Header {
		lower := strings.ToLower(name)
		if lower == "content-type" || strings.Contains(lower, "_") {
			continue
		}
		signed = append(signed, lower)
	}
	sort.Strings(signed)

	canonical, err := CanonicalRequest(Request{
		Method:        req.Method,
		Path:          req.URL.Path,
		RawQuery:      req.URL.RawQuery,
		SignedHeaders: signed,
		HeaderValue:   func(n string) string { return req.Header.Get(n) },
		Body:          body,
	})
	if err != nil {
		return fmt.Errorf("signing %s %s: %w", req.Method, req.URL.Path, err)
	}
	auth := Authorization{
		AccessKey:     accessKey,
		SignedHeaders: signed,
		Signature:     Signature(secretKey, StringToSign(date, canonical)),
	}
	req.Header.Set(HeaderAuthorization, auth.String())
	return nil
}
