package hwc

import (
	"errors"
	"strings"
	"testing"
)

func TestConfigFromEnvNeedsARegionAndCredentials(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		env     map[string]string
		missing string // "" = accepted
	}{
		{"nothing", map[string]string{}, EnvRegion},
		{"credentials without a region", map[string]string{EnvAccessKey: "ak", EnvSecretKey: "sk"}, EnvRegion},
		{"a region alone", map[string]string{EnvRegion: "cn-north-4"}, EnvAuthToken},
		{"half an AK/SK pair", map[string]string{EnvRegion: "cn-north-4", EnvAccessKey: "ak"}, EnvSecretKey},
		{"AK/SK", map[string]string{EnvRegion: "cn-north-4", EnvAccessKey: "ak", EnvSecretKey: "sk"}, ""},
		{"a token", map[string]string{EnvRegion: "cn-north-4", EnvAuthToken: "tok"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := ConfigFromEnv(func(k string) string { return tc.env[k] })
			if tc.missing == "" {
				if err != nil || cfg.Region != "cn-north-4" {
					t.Errorf("ConfigFromEnv = %+v, %v; want it accepted", cfg, err)
				}
				return
			}
			if !errors.Is(err, ErrNoLiveCredentials) || !strings.Contains(err.Error(), tc.missing) {
				t.Errorf("err = %v, want ErrNoLiveCredentials naming %s", err, tc.missing)
			}
		})
	}
}
