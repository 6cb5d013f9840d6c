package emulator

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	smnURNPattern = regexp.MustCompile(`^urn:smn:[a-z0-9-]+:[0-9a-f]{32}:[a-zA-Z0-9_-]{1,255}$`)
	fssURNPattern = regexp.MustCompile(`^urn:fss:[a-z0-9-]+:[0-9a-f]{32}:function:[a-zA-Z0-9_-]{1,64}:[a-zA-Z0-9_-]{1,64}(:[a-zA-Z0-9._-]{1,64})?$`)
)

var secretEventTypes = []string{
	"SECRET_VERSION_CREATED", "SECRET_VERSION_EXPIRED", "SECRET_ROTATED", "SECRET_DELETED", "SECRET_ROTATED_FAILED",
}

// validTagKey: 1–128 characters, no leading or trailing space, not starting
// with _sys_, letters, digits, spaces and _.:=+-@ (the tag API page's rule).
func validTagKey(k string) bool {
	n := utf8.RuneCountInString(k)
	if n < 1 || n > 128 || strings.TrimSpace(k) != k || strings.HasPrefix(k, "_sys_") {
		return false
	}
	return onlyRunes(k, "_.:=+-@ ")
}

// validTagValue: up to 255 characters of letters, digits, spaces and _.:/=+-@ (empty allowed).
func validTagValue(v string) bool {
	return utf8.RuneCountInString(v) <= 255 && onlyRunes(v, "_.:/=+-@ ")
}

func onlyRunes(s, extra string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(extra, r) {
			return false
		}
	}
	return true
}

// parseLimit reads an optional integer query parameter within [lo, hi].
func parseIntParam(raw string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi || strings.TrimSpace(raw) != raw || strings.HasPrefix(raw, "+") {
		return 0, false
	}
	return n, true
}
