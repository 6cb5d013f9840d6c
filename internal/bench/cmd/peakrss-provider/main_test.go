//go:build linux

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/bench"
)

// envFakeProvider makes the test binary act as the wrapped provider.
const envFakeProvider = "PEAKRSS_TEST_FAKE_PROVIDER"

func TestMain(m *testing.M) {
	if os.Getenv(envFakeProvider) == "1" {
		fakeProvider()
		return
	}
	os.Exit(m.Run())
}

// fakeProvider touches 64 MiB (so its peak is clearly above the test
// binary's baseline), echoes its arguments and stdin, and exits 3.
func fakeProvider() {
	buf := make([]byte, 64<<20)
	for i := range buf {
		if i%4096 == 0 {
			buf[i] = 1
		}
	}
	in, _ := os.ReadFile("/dev/stdin")
	os.Stdout.WriteString(strings.Join(os.Args[1:], " ") + "|" + string(in))
	os.Stderr.WriteString("to stderr")
	os.Exit(3)
}

// wrapFakeProvider makes run wrap this test binary as fakeProvider, and
// returns the file the peaks are recorded in.
func wrapFakeProvider(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	rssFile := filepath.Join(t.TempDir(), "rss")
	t.Setenv(envFakeProvider, "1")
	t.Setenv(bench.EnvWrappedProvider, self)
	t.Setenv(bench.EnvPeakRSSFile, rssFile)
	return rssFile
}

func TestRunPassesThroughAndRecordsPeak(t *testing.T) {
	rssFile := wrapFakeProvider(t)

	var stdout, stderr bytes.Buffer
	code := run([]string{"-a", "b"}, strings.NewReader("handshake"), &stdout, &stderr)

	if code != 3 {
		t.Errorf("exit code = %d, want the provider's 3 (stderr: %s)", code, stderr.String())
	}
	if got := stdout.String(); got != "-a b|handshake" {
		t.Errorf("stdout = %q, want arguments and stdin passed through", got)
	}
	if got := stderr.String(); got != "to stderr" {
		t.Errorf("stderr = %q", got)
	}
	peak, err := bench.ReadPeakRSS(rssFile)
	if err != nil {
		t.Fatal(err)
	}
	if peak.Runs != 1 || peak.MaxKiB < 64<<10 {
		t.Errorf("recorded %+v, want one run of at least 64 MiB", peak)
	}
}

func TestRunAppendsOneLinePerProcess(t *testing.T) {
	rssFile := wrapFakeProvider(t)
	for range 2 {
		run(nil, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	}
	peak, err := bench.ReadPeakRSS(rssFile)
	if err != nil {
		t.Fatal(err)
	}
	if peak.Runs != 2 {
		t.Errorf("recorded %d runs, want 2", peak.Runs)
	}
}

func TestRunWithoutProviderFails(t *testing.T) {
	t.Setenv(bench.EnvWrappedProvider, "")
	var stderr bytes.Buffer
	if code := run(nil, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != 1 {
		t.Errorf("exit code = %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), bench.EnvWrappedProvider) {
		t.Errorf("stderr %q does not name %s", stderr.String(), bench.EnvWrappedProvider)
	}
}

func TestRunWithMissingProviderBinaryFails(t *testing.T) {
	t.Setenv(bench.EnvWrappedProvider, filepath.Join(t.TempDir(), "nope"))
	var stderr bytes.Buffer
	if code := run(nil, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != 1 {
		t.Errorf("exit code = %d, want 1", code)
	}
}
