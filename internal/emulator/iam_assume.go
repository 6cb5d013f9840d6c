package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// SeedAgency is an agency the emulator's account may assume: it grants
// temporary credentials for the emulator's project. DomainName and DomainID
// name the account that created it (the delegating account); a request must
// name it the same way. DomainID defaults to the emulator's domain id.
type SeedAgency struct {
	Name       string `json:"name"`
	DomainName string `json:"domain_name"`
	DomainID   string `json:"domain_id,omitempty"`
}

// Limits of duration_seconds (IAM page iam_04_0101; STS v5 as the SDK models it): IAM v3 900–86,400 (default
// 900), STS v5 900–43,200 (default 3,600, at most 3,600 for a caller that
// itself uses a security token).
const (
	minAssumeSeconds       = 900
	maxAssumeSecondsV3     = 86400
	maxAssumeSecondsV5     = 43200
	maxAssumeSecondsV5Temp = 3600
	defaultSecondsV3       = 900
	defaultSecondsV5       = 3600
	// metadataLifetime is how long metadata credentials last without
	// -credentials-ttl. Guess: Huawei documents no lifetime for them.
	metadataLifetime = time.Hour
)

var svcSTS = service{shapeFlat, "STS5.0001", "STS5.0001"} // guess: the codes of malformed and invalid bodies are not documented

// issuedCredential is a temporary credential the emulator handed out.
type issuedCredential struct {
	secretKey, securityToken string
	expires                  time.Time
}

// issuedStore holds issued credentials; it has its own lock because
// authentication runs outside the store lock.
type issuedStore struct {
	mu sync.Mutex
	m  map[string]issuedCredential
}

func (s *issuedStore) add(ak string, c issuedCredential) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]issuedCredential{}
	}
	s.m[ak] = c
}

func (s *issuedStore) get(ak string) (issuedCredential, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.m[ak]
	return c, ok
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// issue makes temporary credentials lasting the requested duration, or
// Options.CredentialsTTL when that is shorter.
func (e *Emulator) issue(requested time.Duration) (ak, sk, token string, expires time.Time) {
	life := requested
	if ttl := e.opts.CredentialsTTL; ttl > 0 && ttl < life {
		life = ttl
	}
	ak = "TMP" + randomString(9)
	sk = strings.ToLower(randomString(20))
	token = "emulator-security-token-" + strings.ToLower(randomString(32))
	expires = e.serviceNow().Add(life).UTC()
	e.issued.add(ak, issuedCredential{secretKey: sk, securityToken: token, expires: expires})
	return ak, sk, token, expires
}

func (e *Emulator) findAgency(name, domainName, domainID string) bool {
	// The seed in Options too: a store loaded from a state file has no agencies of its own.
	for _, a := range slices.Concat(e.store.agencies, e.opts.Seed.Agencies) {
		if a.Name != name {
			continue
		}
		if (domainName != "" && a.DomainName == domainName) || (domainID != "" && a.agencyDomainID() == domainID) {
			return true
		}
	}
	return false
}

func (a SeedAgency) agencyDomainID() string {
	if a.DomainID == "" {
		return emulatorDomainID
	}
	return a.DomainID
}

// securityTokensBody is the body of POST /v3.0/OS-CREDENTIAL/securitytokens,
// both methods: "assume_role" (iam_04_0101) and "token" (iam_04_0002).
type securityTokensBody struct {
	Auth struct {
		Identity struct {
			Methods    []string `json:"methods"`
			AssumeRole *struct {
				AgencyName      string `json:"agency_name"`
				DomainName      string `json:"domain_name"`
				DomainID        string `json:"domain_id"`
				DurationSeconds *int   `json:"duration_seconds"`
				SessionUser     *struct {
					Name string `json:"name"`
				} `json:"session_user"`
			} `json:"assume_role"`
			Token *struct {
				ID              string `json:"id"`
				DurationSeconds *int   `json:"duration_seconds"`
			} `json:"token"`
			Policy json.RawMessage `json:"policy"`
		} `json:"identity"`
	} `json:"auth"`
}

// peekSecurityTokens reads the body leniently, for naming the operation and
// finding a body token before the strict decode; nil when it is not JSON.
func peekSecurityTokens(body []byte) *securityTokensBody {
	var b securityTokensBody
	if json.Unmarshal(body, &b) != nil {
		return nil
	}
	return &b
}

func (b *securityTokensBody) isTokenMethod() bool {
	m := b.Auth.Identity.Methods
	return len(m) == 1 && m[0] == "token"
}

// securityTokensOp counts the token method as its own operation.
func securityTokensOp(body []byte) string {
	if b := peekSecurityTokens(body); b != nil && b.isTokenMethod() {
		return OpIAMTokenCredentials
	}
	return OpIAMAssumeRole
}

// securityTokensBodyToken is token.id of the token method: the IAM page lets a
// caller name its token there instead of in X-Auth-Token (the header wins).
func securityTokensBodyToken(body []byte) string {
	if b := peekSecurityTokens(body); b != nil && b.isTokenMethod() && b.Auth.Identity.Token != nil {
		return b.Auth.Identity.Token.ID
	}
	return ""
}

// securityTokens serves POST /v3.0/OS-CREDENTIAL/securitytokens. methods
// must be ["assume_role"] or ["token"], else 400 IAM.0003.
func (e *Emulator) securityTokens(c *call, body securityTokensBody) (reply, error) {
	switch m := body.Auth.Identity.Methods; {
	case len(m) == 1 && m[0] == "assume_role":
		return e.assumeRoleV3(c, &body)
	case body.isTokenMethod():
		return e.tokenCredentials(c, &body)
	default:
		return reply{}, c.invalid(`auth.identity.methods must be ["assume_role"] or ["token"]`)
	}
}

// assumeRoleV3 is the assume_role method. Refusals: a bad field, 400
// IAM.0003; an agency the seed does not list (or not in the named account),
// 403 IAM.0002. The IAM page documents the statuses 400/401/403 but no codes:
// both codes are guesses.
func (e *Emulator) assumeRoleV3(c *call, body *securityTokensBody) (reply, error) {
	ar := body.Auth.Identity.AssumeRole
	switch {
	case ar == nil:
		return reply{}, c.invalid("auth.identity.assume_role is required")
	case ar.AgencyName == "":
		return reply{}, c.invalid("assume_role.agency_name is required")
	case (ar.DomainName == "") == (ar.DomainID == ""):
		return reply{}, c.invalid("assume_role needs exactly one of domain_name and domain_id")
	case ar.DurationSeconds != nil && (*ar.DurationSeconds < minAssumeSeconds || *ar.DurationSeconds > maxAssumeSecondsV3):
		return reply{}, c.invalid("assume_role.duration_seconds must be from %d to %d", minAssumeSeconds, maxAssumeSecondsV3)
	case ar.SessionUser != nil && (ar.SessionUser.Name == "" || utf8.RuneCountInString(ar.SessionUser.Name) > 32):
		return reply{}, c.invalid("assume_role.session_user.name must be 1 to 32 characters")
	}
	if !e.findAgency(ar.AgencyName, ar.DomainName, ar.DomainID) {
		return reply{}, &apiError{http.StatusForbidden, "IAM.0002",
			fmt.Sprintf("the agency %q does not exist in the account or may not be assumed by the caller", ar.AgencyName)}
	}
	return e.issueV3(ar.DurationSeconds), nil
}

// tokenCredentials is the token method: temporary credentials for the
// caller itself. Any authenticated caller gets them: the page asks for
// X-Auth-Token (or token.id), but Huawei's SDK signs this call with AK/SK
// like every other, so a signed caller is accepted too (lenient reading).
// The one refusal is duration_seconds outside 900–86,400, 400 IAM.0003
// (code a guess). A token.id beside another authentication is ignored: the
// page says X-Auth-Token takes precedence.
func (e *Emulator) tokenCredentials(c *call, body *securityTokensBody) (reply, error) {
	var seconds *int
	if t := body.Auth.Identity.Token; t != nil {
		seconds = t.DurationSeconds
	}
	if seconds != nil && (*seconds < minAssumeSeconds || *seconds > maxAssumeSecondsV3) {
		return reply{}, c.invalid("token.duration_seconds must be from %d to %d", minAssumeSeconds, maxAssumeSecondsV3)
	}
	return e.issueV3(seconds), nil
}

// issueV3 answers both methods of securitytokens: 201 with the credential.
func (e *Emulator) issueV3(durationSeconds *int) reply {
	seconds := defaultSecondsV3
	if durationSeconds != nil {
		seconds = *durationSeconds
	}
	ak, sk, token, exp := e.issue(time.Duration(seconds) * time.Second)
	return reply{status: http.StatusCreated, body: map[string]any{"credential": map[string]string{
		"access": ak, "secret": sk, "securitytoken": token, "expires_at": exp.Format("2006-01-02T15:04:05.000000Z"),
	}}}
}

type assumeAgencyV5Body struct {
	AgencyURN         string          `json:"agency_urn"`
	AgencySessionName string          `json:"agency_session_name"`
	DurationSeconds   *int            `json:"duration_seconds"`
	Policy            json.RawMessage `json:"policy"`
	SourceIdentity    string          `json:"source_identity"`
	PolicyIDs         []string        `json:"policy_ids"`
	Tags              json.RawMessage `json:"tags"`
	TransitiveTagKeys []string        `json:"transitive_tag_keys"`
}

// assumeAgencyV5 serves POST /v5/agencies/assume (STS). Refusals: a bad
// field 400 STS5.0001 (code a guess); an unknown agency 404 STS5.1106 with
// the message the official provider handles (the status is a guess).
func (e *Emulator) assumeAgencyV5(c *call, body assumeAgencyV5Body) (reply, error) {
	rest, isIAM := strings.CutPrefix(body.AgencyURN, "iam::")
	parts := strings.Split(rest, ":") // {account_id}, "agency", {agency_name}
	maxSeconds := maxAssumeSecondsV5
	if c.r.Header.Get(headerSecurityToken) != "" {
		maxSeconds = maxAssumeSecondsV5Temp
	}
	switch {
	case !isIAM || len(parts) != 3 || parts[0] == "" || parts[1] != "agency" || parts[2] == "":
		return reply{}, c.invalid("agency_urn must be iam::{account_id}:agency:{agency_name}")
	case body.AgencySessionName == "" || len(body.AgencySessionName) > 64:
		return reply{}, c.invalid("agency_session_name must be 1 to 64 characters")
	case body.DurationSeconds != nil && (*body.DurationSeconds < minAssumeSeconds || *body.DurationSeconds > maxSeconds):
		return reply{}, c.invalid("duration_seconds must be from %d to %d", minAssumeSeconds, maxSeconds)
	}
	if !e.findAgency(parts[2], "", parts[0]) {
		return reply{}, &apiError{http.StatusNotFound, "STS5.1106",
			fmt.Sprintf("the agency '%s' cannot be found", body.AgencyURN)}
	}
	seconds := defaultSecondsV5
	if body.DurationSeconds != nil {
		seconds = *body.DurationSeconds
	}
	ak, sk, token, exp := e.issue(time.Duration(seconds) * time.Second)
	return ok(map[string]any{
		"credentials": map[string]string{
			"access_key_id": ak, "secret_access_key": sk, "security_token": token,
			"expiration": exp.Format(time.RFC3339),
		},
		"assumed_agency":  map[string]string{"urn": body.AgencyURN, "id": strings.ToLower(randomString(16))},
		"source_identity": body.SourceIdentity,
	}), nil
}

// MetadataHandler serves the ECS metadata route GET
// /openstack/latest/securitykey, without authentication, with fresh
// temporary credentials for the emulator's project on every call; anything
// else is a 404. Serve it on its own listener (Options.MetadataListen).
func (e *Emulator) MetadataHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/openstack/latest/securitykey" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		e.counters.add(OpMetadataSecurityKey)
		ak, sk, token, exp := e.issue(metadataLifetime)
		e.logf("GET %s -> 200 op=%s", r.URL.Path, OpMetadataSecurityKey)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"credential": map[string]string{
			"access": ak, "secret": sk, "securitytoken": token, "expires_at": exp.Format(time.RFC3339),
		}})
	})
}
