package bench

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Median of the durations (the mean of the two middle values for an even
// count); zero for none.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// Seconds renders a duration as seconds with millisecond precision, e.g. "1.234 s".
func Seconds(d time.Duration) string {
	return fmt.Sprintf("%.3f s", d.Seconds())
}

// MiB renders a byte count in mebibytes, e.g. "21.4 MiB".
func MiB(bytes int64) string {
	return fmt.Sprintf("%.1f MiB", float64(bytes)/(1<<20))
}

// Ratio renders a/b as "×12.3"; "n/a" when b is zero.
func Ratio(a, b float64) string {
	if b == 0 || math.IsNaN(a) || math.IsNaN(b) {
		return "n/a"
	}
	r := a / b
	if r >= 100 {
		return fmt.Sprintf("×%.0f", r)
	}
	return fmt.Sprintf("×%.1f", r)
}

// PagedCalls is the target cost of listing n secrets in pages of size:
// ceil(n/size) calls, and one call when nothing matches.
func PagedCalls(n, size int) int {
	if n <= 0 || size <= 0 {
		return 1
	}
	return (n + size - 1) / size
}
