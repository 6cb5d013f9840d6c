// Package demo is the offline demo behind `make demo`: it builds the
// provider, starts the emulator in this process with a few seeded secrets,
// and has the terraform binary apply, re-plan and destroy
// scripts/demo/main.tf. With Live it runs the same configuration against a
// real account instead. Whatever happens (a failed step, Ctrl-C), what the
// demo started is stopped, a live run destroys what it created, and the
// working directory is removed.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Options is one demo run.
type Options struct {
	Root   string // repository root: the provider is built there; scripts/demo holds main.tf and seed.json
	Live   bool   // real Huawei Cloud instead of the emulator
	Faults string // emulator fault spec (the emulator's -faults syntax); emulator only
	Color  bool   // let Terraform colour its output (stdout is a terminal)

	Stdout, Stderr io.Writer
	// Go and Terraform are the programs run; empty means "go" and "terraform" from PATH.
	Go, Terraform string
	// Environ is the environment the demo starts from (os.Environ() when nil).
	Environ []string
	// Signals delivers Ctrl-C (os.Interrupt) and SIGTERM. The first stops the
	// step in progress: Terraform gets the signal, finishes its calls in
	// flight and saves its state; then the demo cleans up and ends with 130
	// or 143. Each further signal goes on to Terraform, which stops at once
	// on a second interrupt.
	Signals <-chan os.Signal
}

// interrupted is the cause of the run's context after a signal.
type interrupted struct {
	signal os.Signal
}

func (i interrupted) Error() string { return "interrupted by " + i.signal.String() }

// status is the exit status a shell reports for a process ended by the signal.
func (i interrupted) status() int {
	if s, ok := i.signal.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// ExitError is a failed demo with the exit status the command should end
// with. Run has already reported it on Stderr.
type ExitError struct {
	Status int
	Err    error
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

// Variables the demo configuration reads; an emulator run must not inherit
// values meant for a live one.
var demoVariables = []string{
	"TF_VAR_name_prefix", "TF_VAR_alert_topic_urn", "TF_VAR_ops_topic_urn", "TF_VAR_function_urn",
	"TF_VAR_notify_users", "TF_VAR_protect_tags", "TF_VAR_payments_tags", "TF_VAR_demo_secret_version",
}

// bumpedVersion is the demo secret's version after the second apply; the
// plan and destroy that follow use it too.
const bumpedVersion = "-var=demo_secret_version=2"

// terraformStopTimeout bounds how long an interrupted Terraform may take to
// finish its calls in flight and save its state before it is killed.
const terraformStopTimeout = 2 * time.Minute

// Operations that delete a secret: destroying a restore guard must call neither.
var secretDeletingOps = []string{emulator.OpDeleteSecret, emulator.OpScheduleSecretDeletion}

// demoSecretDeletions: the operations the destroy of the demo's own secret calls.
var demoSecretDeletions = map[string]int{emulator.OpScheduleSecretDeletion: 1}

type run struct {
	Options
	mu               sync.Mutex
	running          *exec.Cmd // the terraform command in progress, if any
	work, bin, tfdir string
	env              []string
	emu              *emulator.Emulator
	seed             emulator.Seed // what the emulator started with, to check what destroy left
	srv              *emulator.Server
	emuLog           *os.File
	applied          bool
	destroyed        bool
}

// Run runs the demo. The error is an *ExitError.
func Run(ctx context.Context, o Options) (err error) {
	if o.Go == "" {
		o.Go = "go"
	}
	if o.Terraform == "" {
		o.Terraform = "terraform"
	}
	if o.Environ == nil {
		o.Environ = os.Environ()
	}
	refuse := func(status int, err error) error {
		fmt.Fprintf(o.Stderr, "demo: %v\n", err)
		return &ExitError{Status: status, Err: err}
	}
	if o.Live && o.Faults != "" {
		return refuse(2, errors.New("--faults only applies to the emulator, not to --live"))
	}
	for _, tool := range []*string{&o.Go, &o.Terraform} {
		path, lookErr := exec.LookPath(*tool)
		if lookErr != nil {
			return refuse(1, fmt.Errorf("%s is not on PATH (the demo needs Go and Terraform)", *tool))
		}
		*tool = path
	}
	if o.Live {
		if missing := missingLiveSettings(o.Environ); len(missing) > 0 {
			return refuse(1, fmt.Errorf("--live needs %s (see scripts/demo.sh --help)", strings.Join(missing, ", ")))
		}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	r := &run{Options: o}
	done := make(chan struct{})
	defer close(done)
	go r.watchSignals(cancel, done)
	r.work, err = os.MkdirTemp("", "hwcloud-demo.")
	if err != nil {
		return refuse(1, err)
	}
	r.bin, r.tfdir = filepath.Join(r.work, "bin"), filepath.Join(r.work, "terraform")
	defer func() { err = r.cleanup(ctx, err) }()
	return r.steps(ctx)
}

func missingLiveSettings(environ []string) []string {
	env := lookup(environ)
	var missing []string
	if env("HW_REGION_NAME") == "" {
		missing = append(missing, "HW_REGION_NAME")
	}
	if env("HW_AUTH_TOKEN") == "" {
		if env("HW_ACCESS_KEY") == "" && env("CLOUD_SDK_AK") == "" {
			missing = append(missing, "HW_ACCESS_KEY (or HW_AUTH_TOKEN)")
		}
		if env("HW_SECRET_KEY") == "" && env("CLOUD_SDK_SK") == "" {
			missing = append(missing, "HW_SECRET_KEY (or HW_AUTH_TOKEN)")
		}
	}
	for _, v := range []string{"TF_VAR_alert_topic_urn", "TF_VAR_ops_topic_urn", "TF_VAR_function_urn"} {
		if env(v) == "" {
			missing = append(missing, v)
		}
	}
	return missing
}

func lookup(environ []string) func(string) string {
	return func(name string) string {
		for i := len(environ) - 1; i >= 0; i-- {
			if k, v, ok := strings.Cut(environ[i], "="); ok && k == name {
				return v
			}
		}
		return ""
	}
}

// step prints a step's title (as text: a title is never a format string).
func (r *run) step(title string) {
	fmt.Fprintf(r.Stdout, "\n==> %s\n", title)
}

func (r *run) steps(ctx context.Context) error {
	if err := os.MkdirAll(r.bin, 0o755); err != nil {
		return err
	}
	if err := os.MkdirAll(r.tfdir, 0o755); err != nil {
		return err
	}
	if r.Live {
		r.step("building the provider")
	} else {
		r.step("building the provider and the emulator")
	}
	build := exec.CommandContext(ctx, r.Go, "build", "-ldflags", "-X main.version=demo",
		"-o", filepath.Join(r.bin, "terraform-provider-hwcloud"), ".")
	build.Dir, build.Stdout, build.Stderr, build.Env = r.Root, r.Stdout, r.Stderr, r.Environ
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the provider: %w", err)
	}

	r.env = slices.Clone(r.Environ)
	if !r.Live {
		if err := r.startEmulator(); err != nil {
			return err
		}
	}

	r.step("pointing Terraform at the freshly built provider (dev_overrides)")
	rc := filepath.Join(r.work, "terraformrc")
	if err := os.WriteFile(rc, []byte(devenv.CLIConfig(r.bin)), 0o644); err != nil {
		return err
	}
	r.env = append(r.env, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1")
	mainTF, err := os.ReadFile(filepath.Join(r.Root, "scripts", "demo", "main.tf"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(r.tfdir, "main.tf"), mainTF, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(r.Stdout, "TF_CLI_CONFIG_FILE=%s\n", rc)
	// No `terraform init`: with dev_overrides the provider is used straight
	// from bin/ and the configuration needs nothing else; init would try to
	// reach the registry for the overridden provider and fail offline.

	r.step("terraform apply")
	r.applied = true
	if err := r.terraform(ctx, "apply", "-auto-approve", "-input=false"); err != nil {
		return err
	}
	r.step("new version of the demo secret (terraform apply " + bumpedVersion + ")")
	if err := r.terraform(ctx, "apply", "-auto-approve", "-input=false", bumpedVersion); err != nil {
		return err
	}
	r.step("terraform output (alerted_secret_notifications: the records of both versions)")
	if err := r.terraform(ctx, "output"); err != nil {
		return err
	}
	r.step("second terraform plan (must show no changes)")
	err = r.terraform(ctx, "plan", "-detailed-exitcode", "-input=false", bumpedVersion)
	var exit *exec.ExitError
	switch {
	case err == nil:
		fmt.Fprintln(r.Stdout, "second plan: no changes")
	case context.Cause(ctx) != nil:
		return err
	case errors.As(err, &exit) && exit.ExitCode() == 2:
		return errors.New("second plan: changes after apply (the provider is not idempotent on this configuration)")
	case errors.As(err, &exit):
		return fmt.Errorf("second plan: terraform plan failed (exit %d)", exit.ExitCode())
	default:
		return err
	}
	r.step("terraform destroy")
	if err := r.terraform(ctx, "destroy", "-auto-approve", "-input=false", bumpedVersion); err != nil {
		return err
	}
	r.destroyed = true

	if !r.Live {
		if err := r.reportCalls(); err != nil {
			return err
		}
	}
	r.step("demo finished")
	return nil
}

func (r *run) startEmulator() error {
	r.step("starting the emulator")
	faults, err := emulator.ParseFaultSpec(r.Faults)
	if err != nil {
		return fmt.Errorf("--faults: %w", err)
	}
	seedPath := filepath.Join(r.Root, "scripts", "demo", "seed.json")
	data, err := os.ReadFile(seedPath)
	if err != nil {
		return err
	}
	seed, err := emulator.ParseSeed(data)
	if err != nil {
		return fmt.Errorf("%s: %w", seedPath, err)
	}
	if r.emuLog, err = os.Create(filepath.Join(r.work, "emulator.log")); err != nil {
		return err
	}
	var mu sync.Mutex
	r.emu, err = emulator.New(emulator.Options{Faults: faults, Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(r.emuLog, format+"\n", args...)
	}})
	if err != nil {
		return err
	}
	if err := r.emu.Seed(seed); err != nil {
		return fmt.Errorf("%s: %w", seedPath, err)
	}
	r.seed = seed
	// Port 0: a free port, so two demos never race for one.
	if r.srv, err = emulator.Serve("127.0.0.1:0", r.emu); err != nil {
		return err
	}
	withFaults := ""
	if r.Faults != "" {
		withFaults = ", injecting faults: " + r.Faults
	}
	fmt.Fprintf(r.Stdout, "emulator listening at %s (pid %d)%s\n", r.srv.URL, os.Getpid(), withFaults)
	pending := 0
	for _, s := range seed.Secrets {
		if s.State == "PENDING_DELETE" {
			pending++
		}
	}
	fmt.Fprintf(r.Stdout, "seeded from scripts/demo/seed.json: %d tagged secrets, %d of them scheduled for deletion\n",
		len(seed.Secrets), pending)

	// Only the emulator's settings: credentials from the caller's environment
	// (a token would even win over AK/SK) must not leak into the demo. The
	// project ID is left out on purpose, so the provider resolves it through
	// IAM as it would in a real account.
	r.env = slices.DeleteFunc(devenv.WithoutCloudVariables(r.env), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(demoVariables, name)
	})
	o := r.emu.Options()
	r.env = append(r.env, "HW_REGION_NAME="+o.Region, "HW_ACCESS_KEY="+o.AccessKey, "HW_SECRET_KEY="+o.SecretKey,
		"HW_CSMS_ENDPOINT="+r.srv.URL, "HW_CTS_ENDPOINT="+r.srv.URL, "HW_IAM_ENDPOINT="+r.srv.URL)
	return nil
}

// terraform runs one command in the demo's working directory. It runs in a
// process group of its own, so a Ctrl-C reaches it exactly once, from here:
// a second interrupt would make Terraform stop without saving its state.
func (r *run) terraform(ctx context.Context, args ...string) error {
	if !r.Color {
		args = append(args, "-no-color")
	}
	cmd := exec.CommandContext(ctx, r.Terraform, append([]string{"-chdir=" + r.tfdir}, args...)...)
	cmd.Env, cmd.Stdout, cmd.Stderr = r.env, r.Stdout, r.Stderr
	ownProcessGroup(cmd)
	cmd.Cancel = func() error {
		sig := os.Interrupt
		var in interrupted
		if errors.As(context.Cause(ctx), &in) {
			sig = in.signal
		}
		return cmd.Process.Signal(sig)
	}
	// Terraform finishes the call in flight and saves its state after an
	// interrupt; the process is only killed if it hangs after that.
	cmd.WaitDelay = terraformStopTimeout
	if err := cmd.Start(); err != nil {
		return err
	}
	r.mu.Lock()
	r.running = cmd
	r.mu.Unlock()
	err := cmd.Wait()
	r.mu.Lock()
	r.running = nil
	r.mu.Unlock()
	return err
}

// watchSignals turns the first signal into the end of the run's context and
// passes every later one on to the terraform command in progress (the
// cleanup's destroy included), until the run is done.
func (r *run) watchSignals(cancel context.CancelCauseFunc, done <-chan struct{}) {
	first := true
	for {
		select {
		case <-done:
			return
		case sig, ok := <-r.Signals:
			if !ok {
				return
			}
			if first {
				first = false
				cancel(interrupted{signal: sig})
				continue
			}
			r.mu.Lock()
			if r.running != nil && r.running.Process != nil {
				_ = r.running.Process.Signal(sig)
			}
			r.mu.Unlock()
		}
	}
}

func (r *run) reportCalls() error {
	r.step("API calls the emulator served")
	counts := r.emu.Counts()
	ops := make([]string, 0, len(counts))
	for op := range counts {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	for _, op := range ops {
		fmt.Fprintf(r.Stdout, "  %-26s %d\n", op, counts[op])
	}
	fmt.Fprintf(r.Stdout, "  %-26s %d\n", "total", r.emu.TotalCount())
	// The demo's own secret (hwcloud_csms_secret.alerted) is scheduled for
	// deletion on destroy (retries under injected faults may repeat the call);
	// nothing may be deleted at once, and no seeded secret may be scheduled.
	for _, op := range secretDeletingOps {
		if counts[op] > 0 && demoSecretDeletions[op] == 0 {
			return fmt.Errorf("%s was called %d times: destroying a restore guard must never delete a secret", op, counts[op])
		}
	}
	if err := r.checkSeededSecrets(); err != nil {
		return err
	}
	fmt.Fprintln(r.Stdout, "only the demo's own secret was scheduled for deletion: destroying the restore guards left the others alone")
	return nil
}

// checkSeededSecrets asks the emulator, as a client would, for the secrets it
// was seeded with: each must still exist, and none that was usable when
// seeded may be pending deletion now (a restore guard's destroy must never
// schedule the secret it guarded).
func (r *run) checkSeededSecrets() error {
	o := r.emu.Options()
	client, err := hwc.New(hwc.Config{Region: o.Region, ProjectID: o.ProjectID, AccessKey: o.AccessKey,
		SecretKey: o.SecretKey, Endpoints: hwc.Endpoints{CSMS: r.srv.URL, CTS: r.srv.URL, IAM: r.srv.URL}})
	if err != nil {
		return err
	}
	for _, seeded := range r.seed.Secrets {
		s, err := client.ShowSecret(context.Background(), seeded.Name)
		switch {
		case err != nil:
			return fmt.Errorf("seeded secret %s after destroy: %w", seeded.Name, err)
		case s.State == secretPendingDelete && seeded.State != secretPendingDelete:
			return fmt.Errorf("seeded secret %s was usable and is now scheduled for deletion: destroying a restore "+
				"guard must never do that", seeded.Name)
		}
	}
	return nil
}

// secretPendingDelete is the state of a secret scheduled for deletion.
const secretPendingDelete = "PENDING_DELETE"

// cleanup runs on every return: a live run destroys what it created if a
// step failed after apply, then the emulator stops and the working
// directory goes (unless it holds the state of objects left behind).
func (r *run) cleanup(ctx context.Context, err error) error {
	status := 0
	var (
		in   interrupted
		exit *exec.ExitError
	)
	switch {
	case err == nil:
	case errors.As(context.Cause(ctx), &in):
		status, err = in.status(), in
	case errors.As(err, &exit) && exit.ExitCode() > 0:
		// Terraform (or go build) has said what went wrong; end with its status, as a shell script would.
		status = exit.ExitCode()
	default:
		status = 1
		fmt.Fprintf(r.Stderr, "demo: %v\n", err)
	}
	keep := false
	if r.Live && r.applied && !r.destroyed {
		fmt.Fprintf(r.Stderr, "\n==> a step failed: destroying what the demo created\n")
		// A context of its own: the run's may be the one that was interrupted.
		if destroyErr := r.terraform(context.WithoutCancel(ctx), "destroy", "-auto-approve", "-input=false"); destroyErr != nil {
			keep = true
			fmt.Fprintf(r.Stderr, "demo: destroy failed; the state is kept in %s: finish with\n  terraform -chdir=%s destroy\n",
				r.tfdir, r.tfdir)
		}
	}
	if r.srv != nil {
		if status != 0 && status != 130 && status != 143 {
			r.printEmulatorLogTail()
		}
		_ = r.srv.Close()
	}
	if r.emuLog != nil {
		_ = r.emuLog.Close()
	}
	if !keep {
		_ = os.RemoveAll(r.work)
	}
	if status == 0 {
		return nil
	}
	fmt.Fprintf(r.Stderr, "\ndemo: FAILED (exit %d)\n", status)
	return &ExitError{Status: status, Err: err}
}

func (r *run) printEmulatorLogTail() {
	data, err := os.ReadFile(r.emuLog.Name())
	if err != nil || len(data) == 0 {
		return
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	fmt.Fprintf(r.Stderr, "\n--- last lines of the emulator log ---\n%s\n", strings.Join(lines, "\n"))
}
