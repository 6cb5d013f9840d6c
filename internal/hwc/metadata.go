package hwc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// The ECS metadata service hands an instance the temporary credentials of
// its agency: GET {base}/openstack/latest/securitykey, no authentication,
// {"credential":{"access","secret","securitytoken","expires_at"}} (as the SDK and the official provider read it).
const (
	DefaultMetadataEndpoint = "http://169.254.169.254"
	// EnvMetadataEndpoint replaces DefaultMetadataEndpoint. It is for tests
	// (the emulator's -metadata-listen), never needed on a real ECS.
	EnvMetadataEndpoint = "HWCLOUD_METADATA_ENDPOINT"
	metadataPath        = "/openstack/latest/securitykey"
	// MetadataTimeout bounds one metadata call, as in Huawei's SDK (3 s).
	MetadataTimeout = 3 * time.Second
)

// MetadataEndpoint is the metadata base URL: $HWCLOUD_METADATA_ENDPOINT
// (getenv is os.Getenv or a test's map) or DefaultMetadataEndpoint.
func MetadataEndpoint(getenv func(string) string) string {
	if v := getenv(EnvMetadataEndpoint); v != "" {
		return strings.TrimRight(v, "/")
	}
	return DefaultMetadataEndpoint
}

// FetchMetadataCredentials asks the metadata service at base once.
func FetchMetadataCredentials(ctx context.Context, base string) (Credentials, error) {
	ctx, cancel := context.WithTimeout(ctx, MetadataTimeout)
	defer cancel()
	u := base + metadataPath
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return Credentials{}, fmt.Errorf("ECS metadata %s: %w", u, err)
	}
	// No proxy: the metadata service is link-local, never behind one.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: MetadataTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) {
			err = ue.Unwrap()
		}
		return Credentials{}, fmt.Errorf("ECS metadata %s: %w", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Credentials{}, fmt.Errorf("ECS metadata %s: reading the answer: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return Credentials{}, fmt.Errorf("ECS metadata %s: HTTP %d (is an agency attached to this instance?)", u, resp.StatusCode)
	}
	var out credentialAnswer
	if err := json.Unmarshal(body, &out); err != nil {
		return Credentials{}, fmt.Errorf("ECS metadata %s: the answer is not the credential JSON", u)
	}
	creds, err := out.credentials()
	if err != nil {
		return Credentials{}, fmt.Errorf("ECS metadata %s: %w", u, err)
	}
	return creds, nil
}

// MetadataCredentials are the instance's agency credentials from the
// metadata service at base, renewed before they expire.
func MetadataCredentials(base string, now func() time.Time) *RefreshingCredentials {
	return NewRefreshingCredentials(func(ctx context.Context) (Credentials, error) {
		return FetchMetadataCredentials(ctx, base)
	}, now)
}
