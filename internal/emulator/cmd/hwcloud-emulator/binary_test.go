package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const builtVersion = "v9.8.7-test"

var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// TestMain removes the binary the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildBinary builds this command once, the way the release does (version
// set by -X main.version), into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot build the binary")
	}
	built.once.Do(func() {
		// Not t.TempDir: the binary outlives this test, shared by every test of the package; TestMain removes it.
		if built.dir, built.err = os.MkdirTemp("", "hwcloud-emulator-test"); built.err != nil { //nolint:usetesting // see above
			return
		}
		built.bin = filepath.Join(built.dir, "hwcloud-emulator")
		if runtime.GOOS == "windows" {
			built.bin += ".exe"
		}
		cmd := exec.Command(gobin, "build", "-trimpath", "-ldflags", "-s -w -X main.version="+builtVersion, "-o", built.bin, ".")
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// The start-up contract, through the built binary: --version, flags, the seed,
// the address and env files written before the readiness line, the
// versioned control API, and a clean stop on SIGTERM that removes the files.
func TestBuiltBinaryStartUpContract(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("stops the binary with SIGTERM")
	}
	t.Parallel()
	bin := buildBinary(t)

	for _, arg := range []string{"--version", "-version"} {
		out, err := exec.Command(bin, arg).Output()
		if err != nil || string(out) != "hwcloud-emulator "+builtVersion+"\n" {
			t.Fatalf("%s: %q, %v", arg, out, err)
		}
	}

	dir := t.TempDir()
	addrFile, envFile, seed := filepath.Join(dir, "addr"), filepath.Join(dir, "emulator.env"), filepath.Join(dir, "seed.json")
	if err := os.WriteFile(seed, []byte(`{"secrets":[{"name":"fixture","tags":{"env":"ci"}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-addr-file", addrFile, "-env-file", envFile, "-seed", seed,
		"-region", "ap-southeast-1", "-project-id", "abcdefabcdefabcdefabcdefabcdef12", "-access-key", "CIAK", "-secret-key", "CISK",
		"-faults", "rate=1,kinds=503,ops=ShowSecret")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	// The readiness line, the first line of stdout.
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var ready string
	select {
	case ready = <-lines:
	case <-time.After(20 * time.Second):
		t.Fatalf("no readiness line; stderr: %s", stderr.String())
	}
	url, ok := strings.CutPrefix(ready, "hwcloud-emulator listening on ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("readiness line %q", ready)
	}
	// Both files exist once the line is printed.
	addr, err := os.ReadFile(addrFile)
	if err != nil || string(addr) != url+"\n" {
		t.Fatalf("address file: %q, %v (url %s)", addr, err, url)
	}
	env, err := os.ReadFile(envFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"HW_REGION_NAME=ap-southeast-1\n", "HW_PROJECT_ID=abcdefabcdefabcdefabcdefabcdef12\n",
		"HW_ACCESS_KEY=CIAK\n", "HW_SECRET_KEY=CISK\n", "HW_CSMS_ENDPOINT=" + url + "\n", "HW_CTS_ENDPOINT=" + url + "\n", "HW_IAM_ENDPOINT=" + url + "\n"} {
		if !strings.Contains(string(env), want) {
			t.Errorf("env file lacks %q:\n%s", want, env)
		}
	}

	get := func(path string, into any) {
		t.Helper()
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		if err := json.Unmarshal(body, into); err != nil {
			t.Fatalf("GET %s: %v: %s", path, err, body)
		}
	}
	var health map[string]string
	get("/_emulator/v1/health", &health)
	if health["status"] != "ok" || health["control_api"] != "v1" {
		t.Fatalf("health: %v", health)
	}
	var faults map[string]any
	get("/_emulator/v1/faults", &faults)
	if faults["rate"] != 1.0 {
		t.Fatalf("the -faults flag is not in force: %v", faults)
	}
	resp, err := http.Post(url+"/_emulator/v1/reset", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 {
		t.Fatalf("reset: %d", resp.StatusCode)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		for range lines { // drain, so the process never blocks on a full pipe
		}
		done <- cmd.Wait()
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the emulator did not stop on SIGTERM")
	}
	for _, f := range []string{addrFile, envFile} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s is left behind after shutdown (%v)", f, err)
		}
	}
}

// An address file that cannot be written stops the start with an error
// instead of leaving a waiting script to time out.
func TestBuiltBinaryUnwritableAddrFile(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	out, err := exec.Command(bin, "-listen", "127.0.0.1:0", "-addr-file", filepath.Join(t.TempDir(), "missing", "addr")).CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitError || strings.Contains(string(out), "listening on") {
		t.Fatalf("want exit %d and no readiness line: %v\n%s", exitError, err, out)
	}
}
