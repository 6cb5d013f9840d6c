package emulator

import (
	"crypto/hmac"
	"crypto/subtle"
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sdksign"
)

// maxClockSkew is how far X-Sdk-Date may be from the server clock; the
// gateway refuses a larger skew with APIG.0301 or APIG.0303.
const maxClockSkew = 15 * time.Minute

const (
	headerAuthToken     = "X-Auth-Token"
	headerSecurityToken = "X-Security-Token"
	headerProjectID     = "X-Project-Id"
)

// withBodyToken returns r with the body's token as X-Auth-Token when the
// route takes one there and the request carries no other authentication.
func withBodyToken(r *http.Request, rt *route, body []byte) *http.Request {
	if rt.bodyToken == nil || r.Header.Get(headerAuthToken) != "" || r.Header.Get(sdksign.HeaderAuthorization) != "" {
		return r
	}
	tok := rt.bodyToken(body)
	if tok == "" {
		return r
	}
	authReq := r.Clone(r.Context())
	authReq.Header.Set(headerAuthToken, tok)
	return authReq
}

// authenticate verifies the caller and that it may use the path's project.
// Every failure is a 401 APIG.0301 in the gateway shape, including a project
// that is not the caller's: the gateway answers before the service sees the
// request, and 401 is the one status the documentation gives for it. The
// reasons never contain a credential.
func (e *Emulator) authenticate(r *http.Request, body []byte, pathProject string, projectScoped bool) error {
	token := r.Header.Get(headerAuthToken)
	authz := r.Header.Get(sdksign.HeaderAuthorization)
	switch {
	case token != "" && authz != "":
		return errors.New("send either X-Auth-Token or an AK/SK signature, not both")
	case token != "":
		if r.Header.Get(headerSecurityToken) != "" {
			return errors.New("X-Security-Token belongs to AK/SK signing, not to token authentication")
		}
		if subtle.ConstantTimeCompare([]byte(token), []byte(e.opts.AuthToken)) != 1 {
			return errors.New("the token is invalid or expired")
		}
	case authz != "":
		if err := e.verifySignature(r, body, authz); err != nil {
			return err
		}
	default:
		return errors.New("the request carries neither X-Auth-Token nor an Authorization signature")
	}

	if hp := r.Header.Get(headerProjectID); hp != "" {
		if hp != e.opts.ProjectID {
			return errors.New("X-Project-Id is not a project of the caller")
		}
		if projectScoped && hp != pathProject {
			return errors.New("X-Project-Id does not match the project in the path")
		}
	}
	if projectScoped && pathProject != e.opts.ProjectID {
		return errors.New("the project in the path is not a project of the caller")
	}
	return nil
}

func (e *Emulator) verifySignature(r *http.Request, body []byte, authz string) error {
	auth, err := sdksign.ParseAuthorization(authz)
	if err != nil {
		return errors.New("the Authorization header is not a valid SDK-HMAC-SHA256 signature")
	}
	secretKey, securityToken, known := e.lookupAccessKey(auth.AccessKey)
	if !known {
		return errors.New("the access key does not exist")
	}
	// Issued temporary credentials expire on the service clock (AdvanceClock
	// moves it); the signature date is checked against Options.Now below.
	if ic, issued := e.issued.get(auth.AccessKey); issued && !e.serviceNow().Before(ic.expires) {
		return errors.New("the security token is invalid or expired")
	}

	date := r.Header.Get(sdksign.HeaderDate)
	if date == "" {
		return errors.New("X-Sdk-Date is missing")
	}
	signedAt, err := time.Parse(sdksign.DateFormat, date)
	if err != nil {
		return errors.New("X-Sdk-Date is not in the form 20060102T150405Z")
	}
	if skew := e.now().Sub(signedAt); skew > maxClockSkew || skew < -maxClockSkew {
		return errors.New("X-Sdk-Date is more than 15 minutes from the server time")
	}

	if !sort.StringsAreSorted(auth.SignedHeaders) {
		return errors.New("SignedHeaders must be sorted")
	}
	signed := map[string]bool{}
	for _, h := range auth.SignedHeaders {
		if h == "" || h != strings.ToLower(h) || signed[h] {
			return errors.New("SignedHeaders must be unique lower-case header names")
		}
		signed[h] = true
		if h != "host" && len(r.Header.Values(h)) == 0 {
			return errors.New("a header listed in SignedHeaders is missing from the request")
		}
	}
	// The date and the security token must be covered by the signature, or
	// a captured request could be replayed later or with another token.
	// X-Project-Id need not be: Huawei's own Terraform provider leaves it out
	// of SignedHeaders and the gateway accepts that. An unsigned project
	// header still has to name the caller's project and the path's (see
	// authenticate), so it cannot be used to reach another project.
	if !signed["x-sdk-date"] {
		return errors.New("x-sdk-date must be signed")
	}
	if tok := r.Header.Get(headerSecurityToken); tok != "" {
		if !signed["x-security-token"] {
			return errors.New("X-Security-Token must be signed")
		}
		if securityToken == "" {
			return errors.New("X-Security-Token was sent with a permanent access key")
		}
		if subtle.ConstantTimeCompare([]byte(tok), []byte(securityToken)) != 1 {
			return errors.New("the security token is invalid or expired")
		}
	} else if securityToken != "" {
		return errors.New("a temporary access key requires X-Security-Token")
	}

	canonical, err := sdksign.CanonicalRequest(sdksign.Request{
		Method:        r.Method,
		Path:          r.URL.Path,
		RawQuery:      r.URL.RawQuery,
		SignedHeaders: auth.SignedHeaders,
		HeaderValue: func(name string) string {
			if name == "host" {
				return r.Host
			}
			return r.Header.Get(name)
		},
		Body: body,
	})
	if err != nil {
		return errors.New("the query string cannot be canonicalised")
	}
	want := sdksign.Signature(secretKey, sdksign.StringToSign(date, canonical))
	if !hmac.Equal([]byte(want), []byte(auth.Signature)) {
		return errors.New("the signature does not match")
	}
	return nil
}

// lookupAccessKey returns the secret key and, for a temporary credential, its security token.
func (e *Emulator) lookupAccessKey(ak string) (secretKey, securityToken string, ok bool) {
	if ak == e.opts.AccessKey {
		return e.opts.SecretKey, "", true
	}
	if ic, ok := e.issued.get(ak); ok {
		return ic.secretKey, ic.securityToken, true
	}
	for _, tc := range e.opts.TemporaryCredentials {
		if tc.AccessKey == ak {
			return tc.SecretKey, tc.SecurityToken, true
		}
	}
	return "", "", false
}
