package bench

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Environment variables read by cmd/peakrss-provider, the wrapper that the
// dev_overrides directory holds in place of the provider binary.
const (
	EnvWrappedProvider = "HWCLOUD_BENCH_PROVIDER" // the real provider binary
	EnvPeakRSSFile     = "HWCLOUD_BENCH_RSS_FILE" // one line per provider run is appended here
)

// PeakRSS is what the wrapper recorded over every provider process started
// while the file was in use.
type PeakRSS struct {
	Runs   int   // provider processes recorded
	MaxKiB int64 // the largest peak resident set size among them
}

// ReadPeakRSS reads a file of "<peak KiB>" lines. A missing file means no
// provider process ran (Runs 0); a malformed line is an error.
func ReadPeakRSS(path string) (PeakRSS, error) {
	var out PeakRSS
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		kib, err := strconv.ParseInt(text, 10, 64)
		if err != nil || kib < 0 {
			return PeakRSS{}, fmt.Errorf("%s line %d: %q is not a KiB count", path, line, text)
		}
		out.Runs++
		out.MaxKiB = max(out.MaxKiB, kib)
	}
	return out, sc.Err()
}

// String renders the peak in MiB.
func (p PeakRSS) String() string {
	if p.Runs == 0 {
		return "not recorded"
	}
	return MiB(p.MaxKiB << 10)
}
