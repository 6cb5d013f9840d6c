package hwc

import (
	"context"
	"errors"
	"fmt"
)

// The environment of a run against real Huawei Cloud (the acceptance tests'
// live mode, make sweep): the names Huawei's own provider reads.
const (
	EnvRegion        = "HW_REGION_NAME"
	EnvProjectID     = "HW_PROJECT_ID"
	EnvAccessKey     = "HW_ACCESS_KEY"
	EnvSecretKey     = "HW_SECRET_KEY"
	EnvSecurityToken = "HW_SECURITY_TOKEN"
	EnvAuthToken     = "HW_AUTH_TOKEN"
)

// ErrNoLiveCredentials means the environment does not name a real account:
// the region, or both an AK/SK pair and a token, are missing.
var ErrNoLiveCredentials = errors.New("no Huawei Cloud credentials in the environment")

// ConfigFromEnv reads the configuration of a live run from getenv (os.Getenv,
// or a test's map). It makes the checks of `make testacc-live`: the region is
// required, and either HW_ACCESS_KEY with HW_SECRET_KEY or HW_AUTH_TOKEN.
// Endpoints are left to the region's defaults.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	cfg := Config{
		Region:        getenv(EnvRegion),
		ProjectID:     getenv(EnvProjectID),
		AccessKey:     getenv(EnvAccessKey),
		SecretKey:     getenv(EnvSecretKey),
		SecurityToken: getenv(EnvSecurityToken),
		AuthToken:     getenv(EnvAuthToken),
	}
	if cfg.Region == "" {
		return Config{}, fmt.Errorf("%w: %s is not set (e.g. cn-north-4)", ErrNoLiveCredentials, EnvRegion)
	}
	if cfg.AuthToken == "" && (cfg.AccessKey == "" || cfg.SecretKey == "") {
		return Config{}, fmt.Errorf("%w: set %s and %s, or %s", ErrNoLiveCredentials, EnvAccessKey, EnvSecretKey, EnvAuthToken)
	}
	return cfg, nil
}

// NewFromEnv is New over ConfigFromEnv(getenv), changed by edit when it is
// not nil, with the project id asked of IAM when the environment leaves it out.
func NewFromEnv(ctx context.Context, getenv func(string) string, edit func(*Config)) (*Client, error) {
	cfg, err := ConfigFromEnv(getenv)
	if err != nil {
		return nil, err
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if c.ProjectID() == "" {
		if _, err := c.ResolveProjectID(ctx); err != nil {
			return nil, fmt.Errorf("resolving the project id: %w", err)
		}
	}
	return c, nil
}
