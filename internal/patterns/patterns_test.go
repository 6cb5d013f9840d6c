package patterns

import (
	"regexp"
	"strings"
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
	for name, re := range map[string]*regexp.Regexp{"CSMSEventName": CSMSEventName, "CSMSSecretName": CSMSSecretName} {
		check(name, re, true, "db-password", "a_b-C9", strings.Repeat("n", 64))
		check(name, re, false, "", "a/b", "a b", "秘密", strings.Repeat("n", 65))
	}
	// Secret names take periods (the console and the API page allow them); event names do not.
	check("CSMSSecretName", CSMSSecretName, true, "db.password", "svc.token", ".", "a..b", strings.Repeat(".", 64))
	check("CSMSEventName", CSMSEventName, false, "db.password")
	check("KMSKeyID", KMSKeyID, true, "5f8b8cd0-7e34-4ea5-9ef4-7a2b9c1d0e11", "5f8b8cd07e344ea59ef47a2b9c1d0e11")
	check("KMSKeyID", KMSKeyID, false, "", "alias/default", "5F8B8CD0-7E34-4EA5-9EF4-7A2B9C1D0E11")
	check("EnterpriseProjectID", EnterpriseProjectID, true, "0", "5f8b8cd0-7e34-4ea5-9ef4-7a2b9c1d0e11")
	check("EnterpriseProjectID", EnterpriseProjectID, false, "", "00", "default", "5f8b8cd07e344ea59ef47a2b9c1d0e11")
	check("RFC3339UTC", RFC3339UTC, false, "", "2026-01-02T03:04:05+08:00", "2026-01-02T03:04:05.5Z", "2026-01-02 03:04:05Z")
}
