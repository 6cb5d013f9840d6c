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
	// The API Explorer's pattern allows any lower-case letter in the UUID form; the 32-hex form stays.
	check("KMSKeyID", KMSKeyID, true, "5f8b8cd0-7e34-4ea5-9ef4-7a2b9c1d0e11", "5f8b8cd07e344ea59ef47a2b9c1d0e11",
		"zzzzzzzz-gggg-hhhh-iiii-jjjjjjjjjjjj")
	check("KMSKeyID", KMSKeyID, false, "", "alias/default", "5F8B8CD0-7E34-4EA5-9EF4-7A2B9C1D0E11",
		"5f8b8cd07e344ea59ef47a2b9c1d0e1g")
	// Only the length (1 to 36 characters) is published.
	check("EnterpriseProjectID", EnterpriseProjectID, true, "0", "5f8b8cd0-7e34-4ea5-9ef4-7a2b9c1d0e11", "00",
		"default", "5f8b8cd07e344ea59ef47a2b9c1d0e11", strings.Repeat("項", 36), "a\nb")
	check("EnterpriseProjectID", EnterpriseProjectID, false, "", strings.Repeat("x", 37))
	// Tag characters: letters, separators and numbers of any script, and the listed punctuation.
	check("CSMSTagKeyChars", CSMSTagKeyChars, true, "", "env", "Umgebung ä", "環境", "a\u00a0b", "a\u3000b", "x²", "Ⅳ", "_.:=+-@")
	check("CSMSTagKeyChars", CSMSTagKeyChars, false, "a/b", "a\tb", "a#b", "a*b")
	check("CSMSTagValueChars", CSMSTagValueChars, true, "", "a/b", "x²\u3000y", "_.:/=+-@")
	check("CSMSTagValueChars", CSMSTagValueChars, false, "a\tb", "a#b", "a<b")
	// URNs: the provider's lenient shapes, shared with the emulator.
	check("SMNTopicURN", SMNTopicURN, true, "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:topic",
		"urn:smn:cn-north-4:ABC:t", "urn:smn:cn-north-4:p:"+"t"+strings.Repeat("x", 255))
	check("SMNTopicURN", SMNTopicURN, false, "", "demo-smn-id", "urn:smn:cn-north-4:SecertExpirationTest",
		"urn:smn:cn-north-4:p:_t", "urn:smn:cn-north-4:p:t"+strings.Repeat("x", 256))
	check("FunctionURN", FunctionURN, true, "urn:fss:cn-north-4:7aad83af3e8d42e99ac194e8419e2c9b:function:default:test",
		"urn:fss:cn-north-4:p:function:default:f"+strings.Repeat("x", 127)+":latest")
	check("FunctionURN", FunctionURN, false, "urn:fss:cn-north-4:p:function:default:9f",
		"urn:fss:cn-north-4:p:function:default:f"+strings.Repeat("x", 128))
	check("RFC3339UTC", RFC3339UTC, false, "", "2026-01-02T03:04:05+08:00", "2026-01-02T03:04:05.5Z", "2026-01-02 03:04:05Z")
}
