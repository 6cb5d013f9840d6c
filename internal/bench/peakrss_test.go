package bench

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadPeakRSS(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	got, err := ReadPeakRSS(filepath.Join(dir, "missing"))
	if err != nil || got.Runs != 0 {
		t.Errorf("missing file: %+v, %v; want no runs and no error", got, err)
	}
	got, err = ReadPeakRSS(write("ok", "2048\n\n51200\n1024\n"))
	if err != nil || got != (PeakRSS{Runs: 3, MaxKiB: 51200}) {
		t.Errorf("three runs: %+v, %v", got, err)
	}
	for _, bad := range []string{"12 KiB\n", "-5\n", "1e3\n"} {
		if _, err := ReadPeakRSS(write("bad", bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
