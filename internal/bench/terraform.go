package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
)

// Binaries are the programs a benchmark run uses.
type Binaries struct {
	Terraform string // the terraform CLI
	Provider  string // the provider under test, built as for a release
	Wrapper   string // cmd/peakrss-provider, installed in place of the provider
	Floor     string // cmd/floor-provider, the yardstick of the data-source benchmark
}

// Workspace is one Terraform working directory whose CLI configuration sends
// the hwcloud provider to the peak-RSS wrapper (which runs the real one).
type Workspace struct {
	Dir     string
	RSSFile string
	bins    Binaries
	env     []string
}

// NewWorkspace prepares dir (created if needed) with main.tf = config.
func NewWorkspace(dir string, bins Binaries, config string) (*Workspace, error) {
	overrides := filepath.Join(dir, ".overrides")
	if err := os.MkdirAll(overrides, 0o755); err != nil {
		return nil, err
	}
	// dev_overrides looks for the usual binary name in the directory.
	if err := copyExecutable(bins.Wrapper, filepath.Join(overrides, "terraform-provider-hwcloud")); err != nil {
		return nil, err
	}
	cliConfig := filepath.Join(dir, ".terraformrc")
	if err := os.WriteFile(cliConfig, []byte(devenv.CLIConfig(overrides)), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		return nil, err
	}
	w := &Workspace{Dir: dir, RSSFile: filepath.Join(dir, ".peak-rss"), bins: bins}
	w.env = append(cleanEnv(os.Environ()),
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		EnvWrappedProvider+"="+bins.Provider,
		EnvPeakRSSFile+"="+w.RSSFile,
	)
	return w, nil
}

// cleanEnv drops variables that would change what the provider or Terraform
// does: those that point at a real account (the configuration sets the
// emulator explicitly) and Terraform's own settings, logging included.
func cleanEnv(env []string) []string {
	return slices.DeleteFunc(devenv.WithoutCloudVariables(env), func(kv string) bool {
		return strings.HasPrefix(kv, "TF_")
	})
}

// Result is one terraform command's outcome.
type Result struct {
	Wall     time.Duration
	ExitCode int
	Stdout   string
}

// Run runs terraform with args in the workspace; a non-zero exit is an error.
func (w *Workspace) Run(ctx context.Context, args ...string) (Result, error) {
	cmd := exec.CommandContext(ctx, w.bins.Terraform, args...)
	cmd.Dir = w.Dir
	cmd.Env = w.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := Result{Wall: time.Since(start), Stdout: stdout.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		res.ExitCode = exit.ExitCode()
		return res, fmt.Errorf("terraform %s: exit %d\n%s\n%s", strings.Join(args, " "), res.ExitCode,
			tail(stdout.String(), 40), tail(stderr.String(), 40))
	default:
		return res, fmt.Errorf("terraform %s: %w", strings.Join(args, " "), err)
	}
	return res, nil
}

// ResetPeakRSS forgets the provider runs recorded so far.
func (w *Workspace) ResetPeakRSS() error {
	err := os.Remove(w.RSSFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// PeakRSS reads the provider runs recorded since the last reset.
func (w *Workspace) PeakRSS() (PeakRSS, error) { return ReadPeakRSS(w.RSSFile) }

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

func copyExecutable(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o755)
}
