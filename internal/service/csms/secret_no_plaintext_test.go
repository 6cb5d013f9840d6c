package csms_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

// noValueInPlan fails when value occurs anywhere in the plan as
// `terraform show -json` renders a saved plan.
type noValueInPlan string

func (v noValueInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = valueInJSON(req.Plan, string(v), "plan", "holds no resource changes", len(req.Plan.ResourceChanges) == 0)
}

// noValueInState fails when value occurs anywhere in the state as `terraform show -json` renders it.
func noValueInState(value string) statecheck.StateCheck { return noValueInStateCheck(value) }

type noValueInStateCheck string

func (v noValueInStateCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = valueInJSON(req.State, string(v), "state", "is empty", req.State == nil || req.State.Values == nil)
}

// valueInJSON reports value where it occurs in the JSON of v (what: a plan
// or a state), and a check that had nothing to look at (empty: the JSON
// "why") as a failure too.
func valueInJSON(v any, value, what, why string, empty bool) error {
	raw, err := json.Marshal(v)
	switch {
	case err != nil:
		return err
	case empty:
		return fmt.Errorf("the %s JSON %s: nothing was checked", what, why)
	case strings.Contains(string(raw), value):
		return fmt.Errorf("the value appears in the %s JSON", what)
	}
	return nil
}

// Apply, plan and destroy with marker values: neither the state file on
// disk, nor a saved plan rendered as JSON, nor a TF_LOG=trace log of
// Terraform and the provider holds them, while the service holds exactly the
// marker as the version's content. Sets environment variables, so not parallel.
func TestAccCSMSSecret_noPlaintext(t *testing.T) {
	env := acctest.New(t)
	dir := t.TempDir()
	logFile, workDir := filepath.Join(dir, "terraform.log"), filepath.Join(dir, "work")
	if err := os.Mkdir(workDir, 0o700); err != nil {
		t.Fatal(err)
	}
	// Terraform's working directories (and so its state files) go under workDir and stay there.
	t.Setenv("TF_ACC_TEMP_DIR", workDir)
	t.Setenv("TF_ACC_PERSIST_WORKING_DIR", "1")
	for _, name := range []string{"TF_LOG_PATH_MASK", "TF_LOG_PATH", "TF_LOG_CORE", "TF_LOG_PROVIDER"} {
		t.Setenv(name, "")
	}
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)

	const first, second = "marker-first-3c9a41f0d2", "marker-second-77e0b5a1c4"
	name := acctest.RandomName("tf_acc_plain")
	topic := env.TopicURN(t, "plain")
	// The value arrives as an ephemeral variable, as a real configuration
	// would pass it: a literal would sit in the configuration itself, which a
	// saved plan carries.
	vars := func(value string) config.Variables {
		return config.Variables{"secret_value": config.StringVariable(value)}
	}
	hcl := func(version int) string {
		return env.Config(fmt.Sprintf(`
variable "secret_value" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "hwcloud_csms_event" "ev" {
  name        = "%[1]s_ev"
  event_types = ["SECRET_VERSION_CREATED"]
  notification = { target_id = %[2]q }
}

resource "hwcloud_csms_secret" "test" {
  name                = %[1]q
  secret_string_wo    = var.secret_value
  secret_wo_version   = %[3]d
  event_subscriptions = [hwcloud_csms_event.ev.name]
}
`, name, topic, version))
	}
	stateFileClean := func(*terraform.State) error {
		raw, err := readStateFiles(workDir)
		if err != nil {
			return err
		}
		if !strings.Contains(raw, name) {
			return fmt.Errorf("no state file under %s holds the secret: the wrong files were checked", workDir)
		}
		for _, m := range []string{first, second} {
			if strings.Contains(raw, m) {
				return fmt.Errorf("a marker value appears in a state file")
			}
		}
		return nil
	}
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            hcl(1),
				ConfigVariables:   vars(first),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{noValueInPlan(first)}},
				ConfigStateChecks: []statecheck.StateCheck{noValueInState(first)},
				Check:             resource.ComposeAggregateTestCheckFunc(stateFileClean, secretValueIs(env, name, first)),
			},
			{
				// A rotation: the new value is in no plan and no state either.
				Config:          hcl(2),
				ConfigVariables: vars(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					noValueInPlan(first), noValueInPlan(second),
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{noValueInState(second)},
				Check:             resource.ComposeAggregateTestCheckFunc(stateFileClean, secretValueIs(env, name, second)),
			},
		},
	})

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the captured log: %v", err)
	}
	log := string(raw)
	cli, err := acctest.DetectCLI()
	if err != nil {
		t.Fatal(err)
	}
	// The log must be the real thing: the CLI's own ("Terraform version: …" or
	// "OpenTofu version: …"), and the provider's value calls with their bodies.
	maskedBody := regexp.MustCompile(`secret_string\W{1,8}\*\*\*`) // a logged body, however it is quoted
	if !maskedBody.MatchString(log) {
		t.Error("the captured log holds no masked value body: the value calls' bodies were not logged")
	}
	for _, want := range []string{cli.Product + " version:", "/secrets/" + name + "/versions"} {
		if !strings.Contains(log, want) {
			t.Errorf("the captured log (%d bytes) does not contain %q: logging was not captured as expected", len(log), want)
		}
	}
	for _, m := range []string{first, second} {
		if i := strings.Index(log, m); i >= 0 {
			t.Errorf("a marker value appears in the trace log: …%s…", acctest.LogExcerpt(log, i, len(m)))
		}
	}
	if raw, err := readStateFiles(workDir); err != nil || strings.Contains(raw, first) || strings.Contains(raw, second) {
		t.Errorf("a state file after destroy holds a marker value, or cannot be read (%v)", err)
	}
}

// readStateFiles concatenates every state file (and state backup) under dir.
func readStateFiles(dir string) (string, error) {
	var all strings.Builder
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(d.Name(), ".tfstate") {
			return err
		}
		raw, err := os.ReadFile(p)
		n++
		all.Write(raw)
		return err
	})
	if err == nil && n == 0 {
		err = fmt.Errorf("no state file under %s", dir)
	}
	return all.String(), err
}
