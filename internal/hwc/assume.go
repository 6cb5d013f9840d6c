package hwc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// AssumeRole is one step of an agency chain: the agency to assume, in the
// account named by DomainName (IAM v3 securitytokens) or DomainID (STS v5
// agencies/assume); exactly one of the two.
type AssumeRole struct {
	AgencyName, DomainName, DomainID string
	// Duration of the credentials in seconds; 0 lets the service choose.
	Duration int
	// SessionUser names the session (v3 session_user.name, v5 agency_session_name).
	SessionUser string
}

// defaultSessionName is the v5 agency_session_name when no session user is
// given (the field is required there).
const defaultSessionName = "terraform-provider-hwcloud"

// Describe reads like `agency "ops" of account "acme"`.
func (a AssumeRole) Describe() string {
	if a.DomainID != "" {
		return fmt.Sprintf("agency %q of account id %q", a.AgencyName, a.DomainID)
	}
	return fmt.Sprintf("agency %q of account %q", a.AgencyName, a.DomainName)
}

// AssumeAgency assumes one agency with the client's credentials: through IAM
// v3 (POST /v3.0/OS-CREDENTIAL/securitytokens, method assume_role) when the
// step names the account by name, through STS v5 (POST /v5/agencies/assume)
// when it names it by id. Wire formats: the IAM page iam_04_0101 and the SDK's STS v5 model. A failure is an
// *AssumeError wrapping the call's error.
func (c *Client) AssumeAgency(ctx context.Context, step AssumeRole) (Credentials, error) {
	var creds Credentials
	var err error
	if step.DomainID != "" {
		creds, err = c.assumeV5(ctx, step)
	} else {
		creds, err = c.assumeV3(ctx, step)
	}
	if err != nil {
		domain := step.DomainName
		if step.DomainID != "" {
			domain = step.DomainID
		}
		return Credentials{}, &AssumeError{Agency: step.AgencyName, Domain: domain, Err: err}
	}
	return creds, nil
}

func (c *Client) assumeV3(ctx context.Context, step AssumeRole) (Credentials, error) {
	if step.AgencyName == "" || step.DomainName == "" {
		return Credentials{}, errors.New("an agency name and an account (domain) name are required")
	}
	ar := map[string]any{"agency_name": step.AgencyName, "domain_name": step.DomainName}
	if step.Duration > 0 {
		ar["duration_seconds"] = step.Duration
	}
	if step.SessionUser != "" {
		ar["session_user"] = map[string]string{"name": step.SessionUser}
	}
	body := map[string]any{"auth": map[string]any{"identity": map[string]any{
		"methods": []string{"assume_role"}, "assume_role": ar,
	}}}
	var out credentialAnswer
	err := c.do(ctx, request{
		method: http.MethodPost, base: c.endpoints.iam, path: "/v3.0/OS-CREDENTIAL/securitytokens",
		body: body, expect: []int{http.StatusCreated}, out: &out,
	})
	if err != nil {
		return Credentials{}, err
	}
	return out.credentials()
}

// credentialAnswer is the temporary credential both IAM's securitytokens
// call and the ECS metadata service answer with.
type credentialAnswer struct {
	Credential struct {
		Access        string `json:"access"`
		Secret        string `json:"secret"`
		SecurityToken string `json:"securitytoken"`
		ExpiresAt     string `json:"expires_at"`
	} `json:"credential"`
}

func (a credentialAnswer) credentials() (Credentials, error) {
	cr := a.Credential
	return temporary(cr.Access, cr.Secret, cr.SecurityToken, cr.ExpiresAt)
}

func (c *Client) assumeV5(ctx context.Context, step AssumeRole) (Credentials, error) {
	if step.AgencyName == "" || step.DomainID == "" {
		return Credentials{}, errors.New("an agency name and an account (domain) id are required")
	}
	if c.endpoints.sts == nil {
		return Credentials{}, errors.New("no STS endpoint: set the region or the sts endpoint")
	}
	session := step.SessionUser
	if session == "" {
		session = defaultSessionName
	}
	body := map[string]any{
		"agency_urn":          "iam::" + step.DomainID + ":agency:" + step.AgencyName,
		"agency_session_name": session,
	}
	if step.Duration > 0 {
		body["duration_seconds"] = step.Duration
	}
	var out struct {
		Credentials struct {
			AccessKeyID     string `json:"access_key_id"`
			SecretAccessKey string `json:"secret_access_key"`
			SecurityToken   string `json:"security_token"`
			Expiration      string `json:"expiration"`
		} `json:"credentials"`
	}
	err := c.do(ctx, request{
		method: http.MethodPost, base: c.endpoints.sts, path: "/v5/agencies/assume", body: body, out: &out,
	})
	if err != nil {
		return Credentials{}, err
	}
	cr := out.Credentials
	return temporary(cr.AccessKeyID, cr.SecretAccessKey, cr.SecurityToken, cr.Expiration)
}

// temporary checks and builds temporary credentials from an answer.
func temporary(ak, sk, token, expires string) (Credentials, error) {
	if ak == "" || sk == "" || token == "" || expires == "" {
		return Credentials{}, errors.New("the answer lacks the access key, secret key, security token or expiry")
	}
	at, err := time.Parse(time.RFC3339Nano, expires)
	if err != nil {
		return Credentials{}, fmt.Errorf("the expiry %q is not an RFC 3339 time", expires)
	}
	return Credentials{AccessKey: ak, SecretKey: sk, SecurityToken: token, Expires: at}, nil
}

// AssumeChain returns credentials obtained by assuming each step in turn:
// the first signed with c's credentials, each later one with the previous
// step's. Each step's credentials are renewed before they expire (see
// RefreshingCredentials), the later steps' with the earlier steps' current
// credentials. Nothing is called until the credentials are first asked for.
func (c *Client) AssumeChain(steps []AssumeRole) (CredentialsProvider, error) {
	if len(steps) == 0 {
		return nil, errors.New("hwc: no agency to assume")
	}
	signer := c
	var creds *RefreshingCredentials
	for i, step := range steps {
		if i > 0 {
			cfg := c.cfg
			cfg.AuthToken, cfg.Credentials = "", creds
			next, err := New(cfg)
			if err != nil {
				return nil, err
			}
			next.secrets = c.secrets
			signer = next
		}
		s, step := signer, step
		creds = NewRefreshingCredentials(func(ctx context.Context) (Credentials, error) {
			return s.AssumeAgency(ctx, step)
		}, c.cfg.Now)
	}
	return creds, nil
}
