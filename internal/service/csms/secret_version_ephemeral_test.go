package csms_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// ephemeralTerraform: ephemeral resources need Terraform 1.10 or OpenTofu 1.11.
var ephemeralTerraform = []tfversion.TerraformVersionCheck{acctest.Requires(acctest.FeatureEphemeralResources)}

// withEcho adds the testing framework's echo provider, which copies an
// ephemeral value into a test-only resource so that it can be inspected.
func withEcho() map[string]func() (tfprotov6.ProviderServer, error) {
	f := acctest.ProtoV6ProviderFactories()
	f["echo"] = echoprovider.NewProviderServer()
	return f
}

// versionsEnv starts a parallel test: its Env, with a secret (whose name it
// returns) of a text v1 and a binary v2 (SYSCURRENT) made out of band, and
// the call counts reset after that.
func versionsEnv(t *testing.T) (*acctest.Env, string) {
	t.Helper()
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc.eph")
	ctx := context.Background()
	if _, err := env.Client.CreateSecret(ctx, hwc.CreateSecretRequest{Name: name, SecretString: "text-one"}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Client.CreateSecretVersion(ctx, name, hwc.CreateSecretVersionRequest{Value: hwc.SecretValue{Binary: "AAEC"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.Client.DeleteSecret(context.Background(), name) })
	env.ResetCalls()
	return env, name
}

// echoTest runs steps with the provider, the echo provider and Terraform 1.10 or later.
func echoTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: withEcho(),
		TerraformVersionChecks:   ephemeralTerraform,
		Steps:                    steps,
	})
}

func echoConfig(env *acctest.Env, ephemeralBody string) string {
	return env.Config(fmt.Sprintf(`
ephemeral "hwcloud_csms_secret_version" "test" {
%s
}

provider "echo" {
  data = ephemeral.hwcloud_csms_secret_version.test
}

resource "echo" "test" {}
`, ephemeralBody))
}

func echoCheck(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey(attr), v)
}

// onlyCalls checks that, since the last reset, the emulator served nothing
// but the given operations, each as often as the first one (once per open).
func onlyCalls(env *acctest.Env, ops ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		counts, countable := env.ServiceCalls()
		if !countable {
			return nil
		}
		opens := counts[ops[0]]
		if opens == 0 {
			return fmt.Errorf("%s was never called: %v", ops[0], counts)
		}
		for _, op := range ops {
			if counts[op] != opens {
				return fmt.Errorf("%s was called %d times for %d opens: %v", op, counts[op], opens, counts)
			}
		}
		if len(counts) != len(ops) {
			return fmt.Errorf("calls beyond %v were made: %v", ops, counts)
		}
		return nil
	}
}

func TestAccCSMSSecretVersion_currentByDefault(t *testing.T) {
	env, name := versionsEnv(t)
	echoTest(t, resource.TestStep{
		Config: echoConfig(env, fmt.Sprintf("  secret_name = %q", name)),
		ConfigStateChecks: []statecheck.StateCheck{
			echoCheck("version_id", knownvalue.StringExact("v2")),
			echoCheck("secret_binary", knownvalue.StringExact("AAEC")),
			echoCheck("secret_string", knownvalue.Null()),
			echoCheck("version_stages", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("SYSCURRENT")})),
			echoCheck("created_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
		},
		// A stage takes two calls per open: which version, then that version.
		Check: onlyCalls(env, emulator.OpShowSecretVersion, emulator.OpShowSecretStage),
	})
}

func TestAccCSMSSecretVersion_byStage(t *testing.T) {
	env, name := versionsEnv(t)
	echoTest(t, resource.TestStep{
		Config: echoConfig(env, fmt.Sprintf("  secret_name = %q\n  version_stage = \"SYSPREVIOUS\"", name)),
		ConfigStateChecks: []statecheck.StateCheck{
			echoCheck("version_id", knownvalue.StringExact("v1")),
			echoCheck("secret_string", knownvalue.StringExact("text-one")),
			echoCheck("secret_binary", knownvalue.Null()),
			echoCheck("version_stages", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("SYSPREVIOUS")})),
		},
	})
}

func TestAccCSMSSecretVersion_byID(t *testing.T) {
	env, name := versionsEnv(t)
	echoTest(t, resource.TestStep{
		Config: echoConfig(env, fmt.Sprintf("  secret_name = %q\n  version_id = \"v1\"", name)),
		ConfigStateChecks: []statecheck.StateCheck{
			echoCheck("secret_string", knownvalue.StringExact("text-one")),
			echoCheck("version_id", knownvalue.StringExact("v1")),
		},
		// A version id takes one call per open.
		Check: onlyCalls(env, emulator.OpShowSecretVersion),
	})
}

func TestAccCSMSSecretVersion_errors(t *testing.T) {
	env, name := versionsEnv(t)
	var steps []resource.TestStep
	for _, c := range []struct{ body, want string }{
		{fmt.Sprintf("  secret_name = %q\n  version_id = \"v1\"\n  version_stage = \"SYSCURRENT\"", name),
			`(?s)These\s+attributes\s+cannot\s+be\s+configured\s+together:\s+\[version_id,version_stage\]`},
		{`  secret_name = "bad name!"`,
			`(?s)secret_name\s+must\s+be\s+1\s+to\s+64\s+letters,\s+digits,\s+'\.',\s+'_'\s+or\s+'-'`},
		{fmt.Sprintf("  secret_name = %q\n  version_id = \"v9\"", name),
			`(?s)Cannot\s+read\s+version\s+"v9".*CSMS\.0005.*request\s+id.*does\s+not\s+exist`},
		{fmt.Sprintf("  secret_name = %q\n  version_stage = \"blue\"", name), `(?s)Cannot\s+find\s+stage\s+"blue"`},
	} {
		steps = append(steps, resource.TestStep{Config: echoConfig(env, c.body), ExpectError: regexp.MustCompile(c.want)})
	}
	echoTest(t, steps...)
}

// The ephemeral value feeds another secret's write-only value: the copy
// holds exactly the source's value, and neither state holds it.
func TestAccCSMSSecretVersion_copiesIntoWriteOnly(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	source := acctest.RandomName("tf_acc_src")
	const value = "copied-value-9b8c7d"
	if _, err := env.Client.CreateSecret(context.Background(), hwc.CreateSecretRequest{Name: source, SecretString: value}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.Client.DeleteSecret(context.Background(), source) })
	copyName := acctest.RandomName("tf_acc_copy")
	secretTest(t, env, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
ephemeral "hwcloud_csms_secret_version" "source" {
  secret_name = %q
}

resource "hwcloud_csms_secret" "test" {
  name             = %q
  secret_string_wo = ephemeral.hwcloud_csms_secret_version.source.secret_string
}
`, source, copyName)),
			ConfigStateChecks: []statecheck.StateCheck{
				secretCheck("secret_string_wo", knownvalue.Null()),
				noValueInState(value),
			},
			Check: secretValueIs(env, copyName, value),
		}},
	})
}
