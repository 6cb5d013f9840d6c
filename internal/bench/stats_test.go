package bench

import (
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		out := make([]time.Duration, len(v))
		for i, n := range v {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	for _, tc := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{ms(7), 7 * time.Millisecond},
		{ms(9, 1, 5), 5 * time.Millisecond},
		{ms(4, 1, 3, 2), 2500 * time.Microsecond},
	} {
		in := append([]time.Duration(nil), tc.in...)
		if got := Median(tc.in); got != tc.want {
			t.Errorf("Median(%v) = %v, want %v", tc.in, got, tc.want)
		}
		for i := range in {
			if in[i] != tc.in[i] {
				t.Errorf("Median reordered its input: %v", tc.in)
			}
		}
	}
}

func TestPagedCalls(t *testing.T) {
	for _, tc := range []struct{ n, size, want int }{
		{0, 1000, 1}, {1, 1000, 1}, {1000, 1000, 1}, {1001, 1000, 2}, {10000, 1000, 10}, {3, 1, 3}, {5, 0, 1},
	} {
		if got := PagedCalls(tc.n, tc.size); got != tc.want {
			t.Errorf("PagedCalls(%d, %d) = %d, want %d", tc.n, tc.size, got, tc.want)
		}
	}
}

func TestFormatting(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Seconds(1234 * time.Millisecond), "1.234 s"},
		{MiB(3 << 20), "3.0 MiB"},
		{Ratio(10000, 10), "×1000"},
		{Ratio(25, 10), "×2.5"},
		{Ratio(1, 0), "n/a"},
		{formatCounts(map[string]int{"B": 2, "A": 1, "Z": 0}), "A 1, B 2"},
		{formatCounts(nil), "none"},
		{PeakRSS{}.String(), "not recorded"},
		{PeakRSS{Runs: 2, MaxKiB: 2048}.String(), "2.0 MiB"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
