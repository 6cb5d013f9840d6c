package emulator

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// The URN shapes are the provider's (internal/patterns), so a URN that passes
// the plan never meets a shape refusal here.
var (
	smnURNPattern = patterns.SMNTopicURN
	fssURNPattern = patterns.FunctionURN
)

var secretEventTypes = []string{
	"SECRET_VERSION_CREATED", "SECRET_VERSION_EXPIRED", "SECRET_ROTATED", "SECRET_DELETED", "SECRET_ROTATED_FAILED",
}

// validTagKey: 1–128 characters, not starting with _sys_ nor starting or
// ending with a space, of patterns.CSMSTagKeyChars (the tag API pages' rule,
// as the provider checks it).
func validTagKey(k string) bool {
	n := utf8.RuneCountInString(k)
	if n < 1 || n > 128 || strings.Trim(k, " ") != k || strings.HasPrefix(k, "_sys_") {
		return false
	}
	return patterns.CSMSTagKeyChars.MatchString(k)
}

// validTagValue: up to 255 characters of patterns.CSMSTagValueChars (empty allowed).
func validTagValue(v string) bool {
	return utf8.RuneCountInString(v) <= 255 && patterns.CSMSTagValueChars.MatchString(v)
}

// parseLimit reads an optional integer query parameter within [lo, hi].
func parseIntParam(raw string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi || strings.TrimSpace(raw) != raw || strings.HasPrefix(raw, "+") {
		return 0, false
	}
	return n, true
}
