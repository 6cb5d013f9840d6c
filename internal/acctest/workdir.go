package acctest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/provider"
)

// Some Terraform commands have no terraform-plugin-testing step (`apply
// -invoke`, `query -generate-config-out`). WorkDir runs them against the
// provider under test: the test binary itself, started by Terraform through
// a dev_overrides CLI configuration, serves the provider when it sees
// envServeProvider (see ServeProviderIfAsked). The emulator stays in the test
// process; the configuration points the provider at it.

const (
	envServeProvider = "HWCLOUD_ACCTEST_SERVE_PROVIDER"
	providerAddress  = "registry.terraform.io/hwcloud-oss/hwcloud"
	// requiredProviders goes into every CLI configuration: the dev override is for this source.
	requiredProviders = "terraform {\n  required_providers {\n    hwcloud = {\n      source = \"hwcloud-oss/hwcloud\"\n    }\n  }\n}\n"
)

// ServeProviderIfAsked serves the provider and reports true when Terraform
// started this test binary as its plugin; a package's TestMain calls it first
// and returns when it is true.
func ServeProviderIfAsked() bool {
	if os.Getenv(envServeProvider) != "1" {
		return false
	}
	var opts []provider.Option
	if !Live() {
		opts = append(opts, provider.WithRetryDelays(emulatorRetryBase, emulatorRetryMax))
	}
	err := provider.ServeProtocol6(providerAddress, "acctest", false, opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "serving the provider:", err)
		os.Exit(1)
	}
	return true
}

// WorkDir is a Terraform working directory for one test.
type WorkDir struct {
	t         *testing.T
	Dir       string
	terraform string
	env       []string
}

// NewWorkDir prepares a working directory with the terraform block and this
// Env's provider block in main.tf, for the CLI the tests run (DetectCLI), and
// skips the test, saying why, when that CLI lacks one of the features.
func (e *Env) NewWorkDir(t *testing.T, features ...Feature) *WorkDir {
	t.Helper()
	cli, err := DetectCLI()
	if err != nil {
		t.Fatalf("identifying the Terraform CLI the tests run: %v", err)
	}
	for _, f := range features {
		if ok, why := f.Supports(cli); !ok {
			t.Skip(why)
		}
	}
	tf := cli.Path
	if tf == "" {
		t.Skipf("%s is not installed locally (TF_ACC_TERRAFORM_VERSION): set TF_ACC_TERRAFORM_PATH", cli)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	plugins := filepath.Join(dir, ".plugins")
	if err := os.Mkdir(plugins, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(plugins, "terraform-provider-hwcloud")); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, ".terraformrc")
	writeFile(t, rc, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		providerAddress, plugins))

	c := &WorkDir{t: t, Dir: dir, terraform: tf}
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); !strings.HasPrefix(name, "TF_") {
			c.env = append(c.env, kv)
		}
	}
	c.env = append(c.env, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1",
		envServeProvider+"=1")
	c.Write("main.tf", requiredProviders+"\n"+e.Config(""))
	return c
}

// Write creates or replaces a file in the working directory.
func (c *WorkDir) Write(name, content string) {
	c.t.Helper()
	writeFile(c.t, filepath.Join(c.Dir, name), content)
}

// Read returns a file of the working directory.
func (c *WorkDir) Read(name string) string {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.Dir, name))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

// Run runs terraform with args and returns stdout; a non-zero exit is an
// error that carries the exit code (ExitCode), stdout and stderr.
func (c *WorkDir) Run(args ...string) (string, error) {
	c.t.Helper()
	cmd := exec.CommandContext(c.t.Context(), c.terraform, append([]string{"-chdir=" + c.Dir}, args...)...)
	cmd.Env = c.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return stdout.String(), &CLIError{Args: args, Code: exit.ExitCode(), Stdout: stdout.String(), Stderr: stderr.String()}
	}
	if err != nil {
		return stdout.String(), fmt.Errorf("terraform %s: %w", strings.Join(args, " "), err)
	}
	return stdout.String(), nil
}

// CLIError is a terraform command that exited non-zero.
type CLIError struct {
	Args           []string
	Code           int
	Stdout, Stderr string
}

func (e *CLIError) Error() string {
	return fmt.Sprintf("terraform %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(e.Args, " "), e.Code, e.Stdout, e.Stderr)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Main is the TestMain of every package with acceptance tests: it lets
// Terraform run the test binary as the provider for the tests that drive
// the CLI directly (CLI), and runs the tests otherwise.
func Main(m *testing.M) {
	if ServeProviderIfAsked() {
		return
	}
	// A provider left without credentials asks the ECS metadata service:
	// never the real 169.254.169.254 from a test (see NoMetadataEndpoint).
	if !Live() && os.Getenv(hwc.EnvMetadataEndpoint) == "" {
		_ = os.Setenv(hwc.EnvMetadataEndpoint, NoMetadataEndpoint)
	}
	os.Exit(m.Run())
}
