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

// assumeRoleV3 serves POST /v3.0/OS-CREDENTIAL/securitytokens with the
// assume_role method. Refusals: a body without exactly the assume_role
// method, or a bad field, 400 IAM.0003; an agency the seed does not list
// (or not in the named account), 403 IAM.0002. The IAM page documents the
// statuses 400/401/403 but no codes: both codes are guesses.
func (e *Emulator) assumeRoleV3(c *call) (reply, error) {
	var body struct {
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
				Policy json.RawMessage `json:"policy"`
			} `json:"identity"`
		} `json:"auth"`
	}
	if err := c.decode(&body); err != nil {
		return reply{}, err
	}
	id := body.Auth.Identity
	ar := id.AssumeRole
	switch {
	case len(id.Methods) != 1 || id.Methods[0] != "assume_role":
		return reply{}, c.invalid(`auth.identity.methods must be ["assume_role"]`)
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
	seconds := defaultSecondsV3
	if ar.DurationSeconds != nil {
		seconds = *ar.DurationSeconds
	}
	ak, sk, token, exp := e.issue(time.Duration(seconds) * time.Second)
	return reply{status: http.StatusCreated, body: map[string]any{"credential": map[string]string{
		"access": ak, "secret": sk, "securitytoken": token, "expires_at": exp.Format("2006-01-02T15:04:05.000000Z"),
	}}}, nil
}

// assumeAgencyV5 serves POST /v5/agencies/assume (STS). Refusals: a bad
// field 400 STS5.0001 (code a guess); an unknown agency 404 STS5.1106 with
// the message the official provider handles (the status is a guess).
func (e *Emulator) assumeAgencyV5(c *call) (reply, error) {
	var body struct {
		AgencyURN         string          `json:"agency_urn"`
		AgencySessionName string          `json:"agency_session_name"`
		DurationSeconds   *int            `json:"duration_seconds"`
		Policy            json.RawMessage `json:"policy"`
		SourceIdentity    string          `json:"source_identity"`
		PolicyIDs         []string        `json:"policy_ids"`
		Tags              json.RawMessage `json:"tags"`
		TransitiveTagKeys []string        `json:"transitive_tag_keys"`
	}
	if err := c.decode(&body); err != nil {
		return reply{}, err
	}
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
