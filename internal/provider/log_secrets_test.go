package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// A full apply and destroy of every resource type and the data source at
// TF_LOG=trace leaves no secret key, token or security token anywhere in the
// captured log (Terraform's and the provider's), while the log does hold the
// API calls. Credentials come from the environment, as users pass them, so
// the only way into the log is through Terraform or the provider.
//
// These tests set environment variables, so they cannot run in parallel.

// Distinctive values: a hit in the log can only be a leak.
var logTestTemporary = emulator.TemporaryCredential{
	AccessKey:     "LOGTESTTEMPAK0000001",
	SecretKey:     "log-test-temporary-secret-key-7c1f9e",
	SecurityToken: "log-test-security-token-d41d8cd98f00b204e980",
}

const (
	logTestAuthToken    = "log-test-auth-token-9a0364b9e99bb480dd25"
	logTestSecretString = "log-test-secret-string-value-5eb63bbbe01e"
)

func TestAccLogSecrets_temporaryAKSK(t *testing.T) {
	logTestRun(t, map[string]string{
		"HW_ACCESS_KEY":     logTestTemporary.AccessKey,
		"HW_SECRET_KEY":     logTestTemporary.SecretKey,
		"HW_SECURITY_TOKEN": logTestTemporary.SecurityToken,
	})
}

func TestAccLogSecrets_authToken(t *testing.T) {
	logTestRun(t, map[string]string{"HW_AUTH_TOKEN": logTestAuthToken})
}

func logTestRun(t *testing.T, credentials map[string]string) {
	resilienceOnly(t)
	env := acctest.New(t, func(o *emulator.Options) {
		o.TemporaryCredentials = append(o.TemporaryCredentials, logTestTemporary)
		o.AuthToken = logTestAuthToken
	})
	logFile := filepath.Join(t.TempDir(), "terraform.log")
	acctest.ClearCloudEnv(t)
	for _, name := range []string{"TF_LOG_PATH_MASK", "TF_LOG_PATH", "TF_LOG_CORE", "TF_LOG_PROVIDER"} {
		t.Setenv(name, "")
	}
	for name, value := range credentials {
		t.Setenv(name, value)
	}
	// TF_ACC_LOG_PATH collects Terraform's log and the in-process provider's in one file.
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)

	secretName := logTestPendingSecret(t, env)
	prefix := acctest.RandomName("tf_acc_logs")
	topic := env.TopicURN(t, "logs")
	// No project_id: it is looked up through IAM, so that call is logged too.
	config := devenv.EmulatorProvider(env.Region, env.URL).HCL() + fmt.Sprintf(`
resource "hwcloud_csms_event" "logs" {
  name        = "%[1]s_ev"
  event_types = ["SECRET_ROTATED"]
  notification = { target_id = %[2]q }
}

resource "hwcloud_cts_notification" "logs" {
  name           = "%[1]s_nt"
  operation_type = "customized"
  operations = [
    { service_type = "CSMS", resource_type = "secret", trace_names = ["deleteSecret"] },
  ]
  topic_id = %[2]q
  filter   = { rules = ["code = 200"] }
}

resource "hwcloud_csms_secret_restore" "logs" {
  secret_name = %[3]q
}

data "hwcloud_csms_secrets" "logs" {
  tags = { logtest = [] }
}
`, prefix, topic, secretName)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: config,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("hwcloud_csms_secret_restore.logs", "restored", "true"),
				resource.TestCheckResourceAttr("data.hwcloud_csms_secrets.logs", "total_count", "1"),
				func(*terraform.State) error {
					if n := env.Emulator.Count(emulator.OpIAMListProjects); n == 0 {
						return fmt.Errorf("the provider did not look the project up, so IAM was not exercised")
					}
					return nil
				},
			),
		}},
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
	// The log must be the real thing: the CLI's own log (it starts with
	// "Terraform version: …" or "OpenTofu version: …"), and the provider's
	// API calls with their bodies (logged only at trace level).
	for _, want := range []string{
		cli.Product + " version:",
		"/v3/projects",
		"/v1/" + env.ProjectID + "/csms/events",
		"/v3/" + env.ProjectID + "/notifications",
		"/scheduled-deleted-tasks/cancel",
		"/csms/resource_instances/action",
		"deleteSecret", // from a request body
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the captured log (%d bytes) does not contain %q: logging was not captured as expected", len(log), want)
		}
	}
	for name, secret := range map[string]string{
		"temporary secret key": logTestTemporary.SecretKey,
		"security token":       logTestTemporary.SecurityToken,
		"auth token":           logTestAuthToken,
		"secret value":         logTestSecretString,
	} {
		if i := strings.Index(log, secret); i >= 0 {
			t.Errorf("the %s appears in the trace log: …%s…", name, acctest.LogExcerpt(log, i, len(secret)))
		}
	}
}

// logTestPendingSecret creates a tagged secret, out of band, and schedules
// its deletion, so the restore guard has something to restore.
func logTestPendingSecret(t *testing.T, env *acctest.Env) string {
	t.Helper()
	ctx := context.Background()
	name := strings.ReplaceAll(acctest.RandomName("tf-acc-logs"), "_", "-")
	s, err := env.Client.CreateSecret(ctx, hwc.CreateSecretRequest{Name: name, SecretString: logTestSecretString})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Client.CreateSecretTag(ctx, s.ID, hwc.Tag{Key: "logtest", Value: "yes"}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Client.ScheduleSecretDeletion(ctx, name, 7); err != nil {
		t.Fatal(err)
	}
	return name
}
