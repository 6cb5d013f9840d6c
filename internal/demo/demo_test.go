package demo

import (
	"context"
	"errors"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// The tests run one after the other: each checks that its emulator's port
// no longer answers, which a parallel test's new emulator could reuse.
//
// The demo drives two programs, go and terraform. These tests give it fakes
// (shell scripts that log what they are asked to do) so that the demo's own
// work — the emulator, the environment, the order of steps, and above all
// the cleanup after a failure or Ctrl-C — is checked in seconds. The real
// programs are exercised by `make demo`, which CI runs.

// fakeGo "builds" by creating the output file.
const fakeGo = `#!/bin/sh
while [ $# -gt 0 ]; do
	if [ "$1" = "-o" ]; then : > "$2"; chmod +x "$2"; fi
	shift
done
`

// fakeTerraform logs each command and its environment. FAKE_TF_FAIL names a
// command that fails (exit FAKE_TF_STATUS, default 1); FAKE_TF_HANG names one
// that runs until it has received FAKE_TF_SIGNALS (default 1) interrupts.
const fakeTerraform = `#!/bin/sh
cmd=$2
echo "$cmd" >> "$FAKE_TF_LOG"
env > "$FAKE_TF_LOG.env.$cmd"
if [ "$cmd" = "$FAKE_TF_HANG" ]; then
	n=0
	trap 'n=$((n+1)); echo "signal $n" >> "$FAKE_TF_LOG"' INT TERM
	touch "$FAKE_TF_LOG.hanging"
	while [ "$n" -lt "${FAKE_TF_SIGNALS:-1}" ]; do sleep 0.02; done
	echo "stopped $cmd" >> "$FAKE_TF_LOG"
	exit 1
fi
if [ "$cmd" = "$FAKE_TF_FAIL" ]; then exit "${FAKE_TF_STATUS:-1}"; fi
exit 0
`

type fakeRun struct {
	t        *testing.T
	log      string
	opts     Options
	signals  chan os.Signal
	stdout   outputFile
	stderr   outputFile
	finished chan error
}

func newFakeRun(t *testing.T, live bool, env ...string) *fakeRun {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"go": fakeGo, "terraform": fakeTerraform} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	f := &fakeRun{t: t, log: filepath.Join(dir, "terraform.log"), signals: make(chan os.Signal, 4),
		stdout: newOutputFile(t, dir, "stdout"), stderr: newOutputFile(t, dir, "stderr")}
	environ := append([]string{"PATH=" + os.Getenv("PATH"), "FAKE_TF_LOG=" + f.log,
		"HW_AUTH_TOKEN=must-not-reach-an-emulator-run", "HW_PROJECT_ID=ffffffffffffffffffffffffffffffff",
		"TF_VAR_function_urn=urn:fss:live-only"}, env...)
	if live {
		environ = append(environ, "HW_REGION_NAME=cn-north-4", "TF_VAR_alert_topic_urn=urn:smn:a",
			"TF_VAR_ops_topic_urn=urn:smn:b")
	}
	f.opts = Options{
		Root: filepath.Join("..", ".."), Live: live, Stdout: f.stdout.File, Stderr: f.stderr.File,
		Go: filepath.Join(dir, "go"), Terraform: filepath.Join(dir, "terraform"), Environ: environ, Signals: f.signals,
	}
	return f
}

func (f *fakeRun) start() {
	f.finished = make(chan error, 1)
	go func() { f.finished <- Run(f.t.Context(), f.opts) }()
}

func (f *fakeRun) wait() error {
	f.t.Helper()
	select {
	case err := <-f.finished:
		return err
	case <-time.After(30 * time.Second):
		f.t.Fatalf("the demo did not end; stdout:\n%s\nstderr:\n%s", f.stdout, f.stderr)
		return nil
	}
}

// waitFor polls until the fake terraform's log has a line.
func (f *fakeRun) waitFor(what string) {
	f.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(f.terraformLog(), what+"\n") {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	f.t.Fatalf("terraform log never showed %q:\n%s", what, f.terraformLog())
}

// requireCommands checks what the fake terraform logged, in order.
func (f *fakeRun) requireCommands(want string) {
	f.t.Helper()
	if got := f.terraformLog(); got != want {
		f.t.Errorf("terraform log:\n%s\nwant\n%s", got, want)
	}
}

func (f *fakeRun) requireStderr(want string) {
	f.t.Helper()
	if !strings.Contains(f.stderr.String(), want) {
		f.t.Errorf("stderr lacks %q:\n%s", want, f.stderr)
	}
}

// finish runs the demo to its end.
func (f *fakeRun) finish() error {
	f.start()
	return f.wait()
}

func (f *fakeRun) terraformLog() string {
	data, _ := os.ReadFile(f.log)
	return string(data)
}

func (f *fakeRun) terraformEnv(cmd string) string {
	data, err := os.ReadFile(f.log + ".env." + cmd)
	if err != nil {
		f.t.Fatalf("terraform %s did not run: %v", cmd, err)
	}
	return string(data)
}

var cliConfigLine = regexp.MustCompile(`(?m)^TF_CLI_CONFIG_FILE=(.*)/terraformrc$`)

// workDir is the demo's temporary directory, from the line the demo prints.
func (f *fakeRun) workDir() string {
	f.t.Helper()
	m := cliConfigLine.FindStringSubmatch(f.stdout.String())
	if m == nil {
		f.t.Fatalf("no TF_CLI_CONFIG_FILE line in:\n%s", f.stdout)
	}
	return m[1]
}

// requireCleanedUp checks that the working directory is gone and, for an
// emulator run, that the emulator no longer answers.
func (f *fakeRun) requireCleanedUp() {
	f.t.Helper()
	if dir := f.workDir(); !isGone(dir) {
		f.t.Errorf("the working directory %s is still there", dir)
	}
	if !f.opts.Live {
		f.requireEmulatorStopped()
	}
}

func isGone(path string) bool {
	_, err := os.Stat(path)
	return errors.Is(err, os.ErrNotExist)
}

// startAndInterrupt starts the demo and sends one Ctrl-C once terraform hangs.
func (f *fakeRun) startAndInterrupt() {
	f.t.Helper()
	f.start()
	waitForFile(f.t, f.log+".hanging")
	f.signals <- os.Interrupt
}

var emulatorLine = regexp.MustCompile(`emulator listening at (http://\S+)`)

// requireEmulatorStopped checks that nothing answers at the emulator's address any more.
func (f *fakeRun) requireEmulatorStopped() {
	f.t.Helper()
	m := emulatorLine.FindStringSubmatch(f.stdout.String())
	if m == nil {
		f.t.Fatalf("no emulator line in:\n%s", f.stdout)
	}
	u, err := url.Parse(m[1])
	if err != nil {
		f.t.Fatal(err)
	}
	if conn, err := net.DialTimeout("tcp", u.Host, time.Second); err == nil {
		_ = conn.Close()
		f.t.Errorf("the emulator still answers at %s", u.Host)
	}
}

func requireStatus(t *testing.T, err error, want int) {
	t.Helper()
	var exit *ExitError
	if want == 0 {
		if err != nil {
			t.Fatalf("Run = %v, want success", err)
		}
		return
	}
	if !errors.As(err, &exit) || exit.Status != want {
		t.Fatalf("Run = %v, want exit status %d", err, want)
	}
}

func TestRunAgainstTheEmulator(t *testing.T) {
	f := newFakeRun(t, false)
	requireStatus(t, f.finish(), 0)

	f.requireCommands("apply\napply\noutput\nplan\ndestroy\n")
	out := f.stdout.String()
	for _, want := range []string{
		"==> building the provider and the emulator", "==> starting the emulator",
		"seeded from scripts/demo/seed.json: 4 tagged secrets, 1 of them scheduled for deletion",
		"==> pointing Terraform at the freshly built provider (dev_overrides)", "==> terraform apply",
		"==> terraform output", "==> second terraform plan (must show no changes)", "second plan: no changes",
		"==> terraform destroy", "==> API calls the emulator served", "only the demo's own secret was scheduled for deletion", "==> new version of the demo secret",
		"==> demo finished",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Terraform sees the emulator and nothing of the caller's account.
	env := f.terraformEnv("apply")
	url := emulatorLine.FindStringSubmatch(out)[1]
	for _, want := range []string{"HW_CSMS_ENDPOINT=" + url, "HW_CTS_ENDPOINT=" + url, "HW_IAM_ENDPOINT=" + url,
		"HW_REGION_NAME=cn-north-4", "TF_IN_AUTOMATION=1", "TF_CLI_CONFIG_FILE="} {
		if !strings.Contains(env, want) {
			t.Errorf("terraform's environment lacks %s", want)
		}
	}
	for _, leak := range []string{"HW_AUTH_TOKEN", "HW_PROJECT_ID", "TF_VAR_function_urn"} {
		if strings.Contains(env, leak+"=") {
			t.Errorf("the caller's %s reached terraform in an emulator run", leak)
		}
	}
	f.requireCleanedUp()
}

// A failed step or a Ctrl-C ends the demo the same way: Terraform gets
// exactly one interrupt and stops, a live run destroys what it may have
// created, the emulator stops, the working directory goes, and the exit
// status is the shell's: 130 after Ctrl-C, else the failed command's.
func TestFailureAndInterruptCleanUp(t *testing.T) {
	liveCredentials := []string{"HW_ACCESS_KEY=ak", "HW_SECRET_KEY=sk"}
	cases := map[string]struct {
		live      bool
		env       []string
		interrupt bool
		status    int
		commands  string
		stderr    string
	}{
		"Ctrl-C during apply": {
			env: []string{"FAKE_TF_HANG=apply"}, interrupt: true, status: 130,
			commands: "apply\nsignal 1\nstopped apply\n", stderr: "demo: FAILED (exit 130)",
		},
		"failed apply": {
			env: []string{"FAKE_TF_FAIL=apply", "FAKE_TF_STATUS=3"}, status: 3,
			commands: "apply\n", stderr: "demo: FAILED (exit 3)",
		},
		"second plan has changes": {
			env: []string{"FAKE_TF_FAIL=plan", "FAKE_TF_STATUS=2"}, status: 1,
			commands: "apply\napply\noutput\nplan\n", stderr: "demo: second plan: changes after apply",
		},
		"live: Ctrl-C during apply destroys what was created": {
			live: true, env: append([]string{"FAKE_TF_HANG=apply"}, liveCredentials...), interrupt: true, status: 130,
			commands: "apply\nsignal 1\nstopped apply\ndestroy\n",
			stderr:   "==> a step failed: destroying what the demo created",
		},
		"live: failed plan destroys": {
			live: true, env: append([]string{"FAKE_TF_FAIL=plan"}, liveCredentials...), status: 1,
			commands: "apply\napply\noutput\nplan\ndestroy\n", stderr: "demo: second plan: terraform plan failed (exit 1)",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFakeRun(t, tc.live, tc.env...)
			if tc.interrupt {
				f.startAndInterrupt()
			} else {
				f.start()
			}
			requireStatus(t, f.wait(), tc.status)
			f.requireCommands(tc.commands)
			f.requireStderr(tc.stderr)
			f.requireCleanedUp()
			if tc.live {
				// A live run keeps the caller's account settings.
				if env := f.terraformEnv("apply"); !strings.Contains(env, "HW_ACCESS_KEY=ak") ||
					strings.Contains(env, "HW_CSMS_ENDPOINT") {
					t.Errorf("live terraform environment:\n%s", env)
				}
			}
		})
	}
}

// A second Ctrl-C is passed on to Terraform (its signal to stop at once).
func TestSecondInterruptReachesTerraform(t *testing.T) {
	f := newFakeRun(t, false, "FAKE_TF_HANG=apply", "FAKE_TF_SIGNALS=2")
	f.startAndInterrupt()
	f.waitFor("signal 1")
	f.signals <- os.Interrupt
	requireStatus(t, f.wait(), 130)
	f.requireCommands("apply\nsignal 1\nsignal 2\nstopped apply\n")
	f.requireCleanedUp()
}

// When the cleanup's destroy fails too, the state is kept so the user can finish.
func TestLiveFailedDestroyKeepsTheState(t *testing.T) {
	f := newFakeRun(t, true, "FAKE_TF_FAIL=destroy", "HW_ACCESS_KEY=ak", "HW_SECRET_KEY=sk")
	requireStatus(t, f.finish(), 1)
	f.requireCommands("apply\napply\noutput\nplan\ndestroy\ndestroy\n")
	work := f.workDir()
	f.requireStderr("the state is kept in " + filepath.Join(work, "terraform"))
	if _, err := os.Stat(work); err != nil {
		t.Errorf("the directory holding the state is gone: %v", err)
	}
	_ = os.RemoveAll(work)
}

func TestRefusedBeforeStarting(t *testing.T) {
	cases := map[string]struct {
		live   bool
		faults string
		env    []string
		status int
		want   string
	}{
		"faults with live":      {live: true, faults: "rate=1", status: 2, want: "--faults only applies to the emulator"},
		"live without settings": {live: true, env: []string{"HW_REGION_NAME="}, status: 1, want: "--live needs HW_REGION_NAME, HW_ACCESS_KEY (or HW_AUTH_TOKEN)"},
		"bad fault spec":        {faults: "rate=2", status: 1, want: "--faults"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFakeRun(t, false, tc.env...)
			f.opts.Live, f.opts.Faults = tc.live, tc.faults
			if tc.live {
				f.opts.Environ = append([]string{"PATH=" + os.Getenv("PATH")}, tc.env...)
			}
			requireStatus(t, f.finish(), tc.status)
			f.requireStderr(tc.want)
			f.requireCommands("")
		})
	}
}

func waitForFile(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s never appeared", path)
}

// outputFile collects what the demo writes; a file, so that the demo may
// write while the test reads.
type outputFile struct{ *os.File }

func newOutputFile(t *testing.T, dir, name string) outputFile {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return outputFile{f}
}

func (o outputFile) String() string {
	data, _ := os.ReadFile(o.Name())
	return string(data)
}

// TestCheckSeededSecretsCatchesAScheduledSecret: a seeded secret that was
// usable and is pending deletion after the run fails the demo, as does one
// that is gone; one seeded pending may stay pending.
func TestCheckSeededSecretsCatchesAScheduledSecret(t *testing.T) {
	t.Parallel()
	emu, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seed := emulator.Seed{Secrets: []emulator.SeedSecret{{Name: "usable"}, {Name: "pending", State: "PENDING_DELETE"}}}
	if err := emu.Seed(seed); err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.Serve("127.0.0.1:0", emu)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	r := &run{emu: emu, srv: srv, seed: seed}
	if err := r.checkSeededSecrets(); err != nil {
		t.Fatalf("untouched seed: %v", err)
	}
	o := emu.Options()
	client, err := hwc.New(hwc.Config{Region: o.Region, ProjectID: o.ProjectID, AccessKey: o.AccessKey,
		SecretKey: o.SecretKey, Endpoints: hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.ScheduleSecretDeletion(context.Background(), "usable", 7); err != nil {
		t.Fatal(err)
	}
	if err := r.checkSeededSecrets(); err == nil || !strings.Contains(err.Error(), "usable") {
		t.Fatalf("a scheduled seeded secret passed: %v", err)
	}
	if err := client.DeleteSecret(context.Background(), "usable"); err != nil {
		t.Fatal(err)
	}
	if err := r.checkSeededSecrets(); err == nil {
		t.Fatal("a deleted seeded secret passed")
	}
}
