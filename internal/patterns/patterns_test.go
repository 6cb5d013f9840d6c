package patterns

import (
	"regexp"
	"testing"
	"time"
)

func TestPatterns(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		re      *regexp.Regexp
		valid   []string
		invalid []string
	}{
		{"Region", Region,
			[]string{"cn-north-4", "ap-southeast-1", "eu-west-101", "x"},
			[]string{"", "CN-north-4", "cn_north_4", "-cn", "cn-", "cn--north", "evil.example.com/x", "cn north"}},
		{"UUID", UUID,
			[]string{"00000000-0000-4000-8000-000000000000", "3A8C46F2-7E4B-4B5C-9D0E-1F2A3B4C5D6E"},
			[]string{"", "00000000000040008000000000000000", "00000000-0000-4000-8000-00000000000", "g0000000-0000-4000-8000-000000000000"}},
		{"RFC3339UTC", RFC3339UTC,
			[]string{"2026-01-02T03:04:05Z", time.UnixMilli(1581507580000).UTC().Format(time.RFC3339)},
			[]string{"", "2026-01-02T03:04:05+08:00", "2026-01-02T03:04:05.5Z", "2026-01-02 03:04:05Z"}},
	}
	for _, tc := range cases {
		for _, v := range tc.valid {
			if !tc.re.MatchString(v) {
				t.Errorf("%s rejects %q", tc.name, v)
			}
		}
		for _, v := range tc.invalid {
			if tc.re.MatchString(v) {
				t.Errorf("%s accepts %q", tc.name, v)
			}
		}
	}
}
