package patterns

import (
	"regexp"
	"testing"
	"time"
)

func TestPatterns(t *testing.T) {
	t.Parallel()
	check := func(name string, re *regexp.Regexp, want bool, values ...string) {
		for _, v := range values {
			if re.MatchString(v) != want {
				t.Errorf("%s.MatchString(%q) = %v, want %v", name, v, !want, want)
			}
		}
	}
	check("Region", Region, true, "cn-north-4", "ap-southeast-1", "eu-west-101", "x")
	check("Region", Region, false, "", "CN-north-4", "cn_north_4", "-cn", "cn-", "cn--north", "evil.example.com/x", "cn north")
	check("UUID", UUID, true, "00000000-0000-4000-8000-000000000000", "3A8C46F2-7E4B-4B5C-9D0E-1F2A3B4C5D6E")
	check("UUID", UUID, false, "", "00000000000040008000000000000000", "00000000-0000-4000-8000-00000000000",
		"g0000000-0000-4000-8000-000000000000")
	// What the provider writes (millisecond API times formatted in UTC) must match.
	check("RFC3339UTC", RFC3339UTC, true, "2026-01-02T03:04:05Z", time.UnixMilli(1581507580000).UTC().Format(time.RFC3339))
	check("RFC3339UTC", RFC3339UTC, false, "", "2026-01-02T03:04:05+08:00", "2026-01-02T03:04:05.5Z", "2026-01-02 03:04:05Z")
}
