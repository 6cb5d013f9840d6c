// Package acctest is the acceptance-test harness: provider factories and an
// Env per test that is either a fresh in-process emulator (the default) or
// real Huawei Cloud (HWCLOUD_ACC_LIVE=1 with HW_* credentials). Tests seed and
// inspect the world through Env.Client, never through Terraform state, so the
// same test runs unchanged in both modes.
package acctest

import (
	"fmt"
	"maps"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/provider"
)

const (
	// EnvLive opts in to running the acceptance tests against real Huawei Cloud.
	EnvLive = "HWCLOUD_ACC_LIVE"
	// EnvTopicURN names an existing SMN topic for live runs.
	EnvTopicURN = "HW_ACC_SMN_TOPIC_URN"
	// EnvFunctionURN names an existing FunctionGraph function for live runs.
	EnvFunctionURN = "HW_ACC_FUNCTION_URN"

	// Short delays keep retry-heavy emulator tests fast; live runs use the provider defaults.
	emulatorRetryBase = 5 * time.Millisecond
	emulatorRetryMax  = 200 * time.Millisecond
)

// Live reports whether acceptance tests target real Huawei Cloud.
func Live() bool { return os.Getenv(EnvLive) == "1" }

// ProtoV6ProviderFactories serves the provider in-process for terraform-plugin-testing,
// under the provider address the CLI the tests run expects (see setProviderAddressDefaults).
func ProtoV6ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return ProviderFactoriesReading(framework.ReadBatchDefault)
}

// Factories is what resource.TestCase takes as ProtoV6ProviderFactories.
type Factories = map[string]func() (tfprotov6.ProviderServer, error)

// ProviderFactoriesReading is ProtoV6ProviderFactories with reads batched as mode says.
func ProviderFactoriesReading(mode framework.ReadBatchMode) Factories {
	setProviderAddressDefaults()
	opts := []provider.Option{provider.WithReadBatchMode(mode)}
	if !Live() {
		opts = append(opts, provider.WithRetryDelays(emulatorRetryBase, emulatorRetryMax))
	}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"hwcloud": provider.NewProtocol6Server("acctest", opts...),
	}
}

// ForEachReadMode runs test twice: every refresh read singly (batch_reads =
// false), and every refresh answered from a list from the first read on
// (batching at its most eager), so that a test of drift or disappearance
// proves the listed answer is the single answer. Each run is a subtest with
// its own acctest.New.
func ForEachReadMode(t *testing.T, test func(t *testing.T, providers Factories)) {
	t.Helper()
	for _, m := range []struct {
		name string
		mode framework.ReadBatchMode
	}{{"single", framework.ReadBatchOff}, {"listed", framework.ReadBatchEager}} {
		t.Run(m.name, func(t *testing.T) { test(t, ProviderFactoriesReading(m.mode)) })
	}
}

// PreCheck fails early when a live run lacks what it needs.
func PreCheck(t *testing.T) {
	t.Helper()
	if !Live() {
		return
	}
	if _, err := hwc.ConfigFromEnv(os.Getenv); err != nil {
		t.Fatalf("%s=1: %v", EnvLive, err)
	}
}

// Env is one test's world.
type Env struct {
	Live     bool
	Emulator *emulator.Emulator // nil when Live
	URL      string             // emulator base URL; empty when Live
	// MetadataURL is the emulator's ECS metadata listener, when the test
	// asked for one (emulator.Options.MetadataListen).
	MetadataURL string
	Client      *hwc.Client
	Region      string
	ProjectID   string

	provider devenv.Provider
}

// EnvOption adjusts the emulator a test gets.
type EnvOption func(*emulator.Options)

// New starts a private emulator for t (closed at cleanup), or connects to
// Huawei Cloud in live mode.
func New(t *testing.T, opts ...EnvOption) *Env {
	t.Helper()
	PreCheck(t)
	if Live() {
		return newLive(t)
	}
	var o emulator.Options
	for _, opt := range opts {
		opt(&o)
	}
	srv, err := emulator.Start(o)
	if err != nil {
		t.Fatalf("starting emulator: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	eff := srv.Emulator.Options()

	client, err := hwc.New(hwc.Config{
		Region:         eff.Region,
		ProjectID:      eff.ProjectID,
		AccessKey:      eff.AccessKey,
		SecretKey:      eff.SecretKey,
		Endpoints:      hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL},
		MaxRetries:     5,
		RetryBaseDelay: emulatorRetryBase,
		RetryMaxDelay:  emulatorRetryMax,
		UserAgent:      "hwcloud-acctest",
	})
	if err != nil {
		t.Fatalf("client for emulator: %v", err)
	}
	return &Env{
		Emulator:    srv.Emulator,
		URL:         srv.URL,
		MetadataURL: srv.MetadataURL,
		Client:      client,
		Region:      eff.Region,
		ProjectID:   eff.ProjectID,
		provider:    emulatorProvider(eff, srv.URL),
	}
}

func newLive(t *testing.T) *Env {
	t.Helper()
	client, err := hwc.NewFromEnv(t.Context(), os.Getenv, func(c *hwc.Config) {
		c.MaxRetries, c.UserAgent = 5, "hwcloud-acctest"
	})
	if err != nil {
		t.Fatalf("client for Huawei Cloud: %v", err)
	}
	return &Env{
		Live:      true,
		Client:    client,
		Region:    os.Getenv(hwc.EnvRegion),
		ProjectID: client.ProjectID(),
		// Everything comes from the HW_* environment.
		provider: devenv.Provider{},
	}
}

// emulatorProvider is the complete provider block for an emulator: its
// region, project and AK/SK, every service at url.
func emulatorProvider(o emulator.Options, url string) devenv.Provider {
	p := devenv.EmulatorProvider(o.Region, url)
	p.ProjectID, p.AccessKey, p.SecretKey = o.ProjectID, o.AccessKey, o.SecretKey
	return p
}

// Config prefixes a configuration with the provider block for this Env.
func (e *Env) Config(hcl string) string {
	return e.provider.HCL() + "\n" + hcl
}

// ConfigWith is Config with further provider arguments, e.g. "max_retries = 2".
func (e *Env) ConfigWith(providerArgs []string, hcl string) string {
	return e.provider.With(providerArgs...).HCL() + "\n" + hcl
}

// ClearCloudEnv empties, for the rest of t, every variable that could point
// the provider at a real account (see devenv.IsCloudVariable), so that a
// test's own configuration is all the provider sees.
func ClearCloudEnv(t *testing.T) {
	t.Helper()
	for _, name := range devenv.CloudVariables(os.Environ()) {
		t.Setenv(name, "")
	}
	t.Setenv(hwc.EnvMetadataEndpoint, NoMetadataEndpoint)
}

// NoMetadataEndpoint is a loopback address where nothing listens: the
// metadata endpoint of tests that do not serve one, so that a provider
// without credentials fails at once and never contacts 169.254.169.254.
const NoMetadataEndpoint = "http://127.0.0.1:1"

// TopicURN returns an SMN topic that exists: registered in the emulator, or
// HW_ACC_SMN_TOPIC_URN when live (name is then ignored).
func (e *Env) TopicURN(t *testing.T, name string) string {
	t.Helper()
	return e.existing(t, EnvTopicURN, emulator.TopicURN, e.addTopic, name)
}

// FunctionURN returns a FunctionGraph function URN that exists.
func (e *Env) FunctionURN(t *testing.T, name string) string {
	t.Helper()
	return e.existing(t, EnvFunctionURN, emulator.FunctionURN, e.addFunction, name)
}

func (e *Env) addTopic(urn string)    { e.Emulator.AddTopic(urn) }
func (e *Env) addFunction(urn string) { e.Emulator.AddFunction(urn) }

// existing returns the URN a live run names in envName, or registers a new
// one with the emulator.
func (e *Env) existing(t *testing.T, envName string, urnOf func(region, project, name string) string,
	register func(urn string), name string) string {
	t.Helper()
	if e.Live {
		return requireEnv(t, envName)
	}
	urn := urnOf(e.Region, e.ProjectID, name)
	register(urn)
	return urn
}

// Calls returns how many requests the emulator has served for op, and false
// when live (calls cannot be counted there, so callers skip the assertion).
func (e *Env) Calls(op string) (int, bool) {
	if e.Live {
		return 0, false
	}
	return e.Emulator.Count(op), true
}

// ServiceCalls returns the calls the emulator served by operation, leaving
// out operations never called and IAM's: those are the provider's
// configuration (the project lookup, the credential check, agencies), paid
// once per command whatever the command reads. False when live.
func (e *Env) ServiceCalls() (map[string]int, bool) {
	if e.Live {
		return nil, false
	}
	counts := e.Emulator.Counts()
	maps.DeleteFunc(counts, func(op string, n int) bool { return n == 0 || strings.HasPrefix(op, "IAM") })
	return counts, true
}

// ResetCalls sets the emulator's call counts back to zero; live runs have
// nothing to reset.
func (e *Env) ResetCalls() {
	if !e.Live {
		e.Emulator.ResetCounts()
	}
}

// CheckCalls is a test check that the emulator served op exactly want times
// so far; live runs cannot count calls, so there it always passes.
func (e *Env) CheckCalls(op string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n, countable := e.Calls(op); countable && n != want {
			return fmt.Errorf("%s was called %d times, want %d (all calls: %v)", op, n, want, e.Emulator.Counts())
		}
		return nil
	}
}

// RequireNoAPICalls fails the test if the emulator served any request: used
// after plan-time validation failures to prove nothing reached the API.
func (e *Env) RequireNoAPICalls(t *testing.T) {
	t.Helper()
	if e.Live {
		return
	}
	if n := e.Emulator.TotalCount(); n != 0 {
		t.Errorf("expected no API calls, the emulator served %d: %v", n, e.Emulator.Counts())
	}
}

// RandomName returns prefix plus a random suffix, valid for every name rule here.
func RandomName(prefix string) string {
	return prefix + "_" + strings.ToLower(sdkacctest.RandString(8))
}

func requireEnv(t *testing.T, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Fatalf("live acceptance tests need %s", name)
	}
	return v
}
