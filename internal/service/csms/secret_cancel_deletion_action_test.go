package csms_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

// cancelDeletionOnChange invokes the action after terraform_data.trigger is
// created or its input changes.
func cancelDeletionOnChange(env *acctest.Env, secretName, input string) string {
	return env.Config(fmt.Sprintf(`
action "hwcloud_csms_secret_cancel_deletion" "keep" {
  config {
    secret_name = %q
  }
}

resource "terraform_data" "trigger" {
  input = %q
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.hwcloud_csms_secret_cancel_deletion.keep]
    }
  }
}
`, secretName, input))
}

func scheduleDeletion(t *testing.T, env *acctest.Env, name string) func() {
	return func() {
		if _, err := env.Client.ScheduleSecretDeletion(context.Background(), name, 7); err != nil {
			t.Fatalf("scheduling the deletion of %s: %v", name, err)
		}
	}
}

func secretPending(env *acctest.Env, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := env.Client.ShowSecret(context.Background(), name)
		if err != nil {
			return err
		}
		if s.State != "PENDING_DELETE" {
			return fmt.Errorf("secret %s is %s, want PENDING_DELETE", name, s.State)
		}
		return nil
	}
}

func TestAccCSMSSecretCancelDeletion_actionTrigger(t *testing.T) {
	name := acctest.RandomName("tfacc")
	env, _ := seededEnv(t, testSecret{name: name, pending: true})

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// Created: the trigger fires and the deletion is cancelled.
				Config: cancelDeletionOnChange(env, name, "v1"),
				Check:  resource.ComposeAggregateTestCheckFunc(secretUsable(env, name), env.CheckCalls(emulator.OpRestoreSecret, 1)),
			},
			{
				// Scheduled again outside Terraform; an unrelated plan does not touch it.
				PreConfig: scheduleDeletion(t, env, name),
				Config:    cancelDeletionOnChange(env, name, "v1"),
				Check:     resource.ComposeAggregateTestCheckFunc(secretPending(env, name), env.CheckCalls(emulator.OpRestoreSecret, 1)),
			},
			{
				// Updated: it fires again and cancels the new deletion.
				Config: cancelDeletionOnChange(env, name, "v2"),
				Check:  resource.ComposeAggregateTestCheckFunc(secretUsable(env, name), env.CheckCalls(emulator.OpRestoreSecret, 2)),
			},
			{
				// Fired on a usable secret: a no-op, not an error.
				Config: cancelDeletionOnChange(env, name, "v3"),
				Check:  resource.ComposeAggregateTestCheckFunc(secretUsable(env, name), env.CheckCalls(emulator.OpRestoreSecret, 2)),
			},
			{
				Config:      cancelDeletionOnChange(env, "bad/name", "v4"),
				ExpectError: regexp.MustCompile(`(?s)secret_name.*must\s+be\s+1\s+to\s+64\s+letters`),
			},
			{
				// Last, so the post-test destroy runs with a configuration that validates.
				Config:      cancelDeletionOnChange(env, acctest.RandomName("tfacc_missing"), "v5"),
				ExpectError: regexp.MustCompile(`(?s)CSMS secret does not exist.*does\s+not\s+exist\s+in\s+project`),
			},
		},
	})
}

// terraform apply -invoke runs the action alone, outside any plan of resources.
func TestAccCSMSSecretCancelDeletion_invoke(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	cli := env.NewWorkDir(t, acctest.FeatureActions, acctest.FeatureListResources)
	name := acctest.RandomName("tfacc.cancel")
	missing := acctest.RandomName("tfacc_missing")
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})
	cli.Write("actions.tf", fmt.Sprintf(`
action "hwcloud_csms_secret_cancel_deletion" "keep" {
  config {
    secret_name = %q
  }
}

action "hwcloud_csms_secret_cancel_deletion" "missing" {
  config {
    secret_name = %q
  }
}
`, name, missing))
	invoke := func(action string) (string, error) {
		return cli.Run("apply", "-auto-approve", "-no-color", "-invoke=action.hwcloud_csms_secret_cancel_deletion."+action)
	}

	out, err := invoke("keep")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("Cancelled the scheduled deletion of CSMS secret %q", name); !strings.Contains(out, want) {
		t.Errorf("first invocation: output lacks %q:\n%s", want, out)
	}
	if err := secretUsable(env, name)(nil); err != nil {
		t.Fatal(err)
	}

	out, err = invoke("keep")
	if err != nil {
		t.Fatalf("invoking again must be a no-op, not an error: %v", err)
	}
	if want := fmt.Sprintf("CSMS secret %q is not pending deletion (state ENABLED): nothing to cancel", name); !strings.Contains(out, want) {
		t.Errorf("second invocation: output lacks %q:\n%s", want, out)
	}
	if n, countable := env.Calls(emulator.OpRestoreSecret); countable && n != 1 {
		t.Errorf("RestoreSecret was called %d times, want 1", n)
	}

	_, err = invoke("missing")
	var cliErr *acctest.CLIError
	if !errors.As(err, &cliErr) || !regexp.MustCompile(`(?s)CSMS secret does not exist.*`+regexp.QuoteMeta(missing)).MatchString(cliErr.Stderr+cliErr.Stdout) {
		t.Fatalf("invoking for a missing secret: want a does-not-exist error, got %v", err)
	}
}
