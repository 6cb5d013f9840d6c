package bench

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// formatCounts renders per-operation counts, e.g. "CreateSecretEvent 100, ListNotifications 100",
// sorted by operation name; "none" when empty.
func formatCounts(counts map[string]int) string {
	var parts []string
	for _, op := range slices.Sorted(maps.Keys(counts)) {
		if counts[op] == 0 {
			continue
		}
		name := op
		if name == "" {
			name = "unrouted"
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, counts[op]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func okMark(ok bool) string {
	if ok {
		return "✅"
	}
	return "❌"
}

func sortStrings(s []string) { slices.Sort(s) }

func joinOr(s []string, empty string) string {
	if len(s) == 0 {
		return empty
	}
	return strings.Join(s, ", ")
}
