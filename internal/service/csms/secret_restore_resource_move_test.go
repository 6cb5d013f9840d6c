package csms_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

func secretTaskConfig(secretName, action string) string {
	return fmt.Sprintf(`resource "huaweicloud_csms_scheduled_delete_secret_task" "t" {
  secret_name = %q
  action      = %q
}
`, secretName, action)
}

func restoreTarget(secretName string) string {
	return fmt.Sprintf(`resource "hwcloud_csms_secret_restore" "guard" {
  secret_name = %q
}
`, secretName) + acctest.MovedBlock("huaweicloud_csms_scheduled_delete_secret_task.t", restoreAddr)
}

func TestAccMove_csmsSecretRestore(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mv")
	ids := seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})

	resource.Test(t, acctest.MoveTestCase(t, env, acctest.MoveSteps(env, acctest.MoveSpec{
		Official:      secretTaskConfig(name, "cancel"),
		AfterOfficial: secretUsable(env, name),
		Target:        restoreTarget(name),
		Moves:         acctest.ExpectOnlyMoves{restoreAddr: "huaweicloud_csms_scheduled_delete_secret_task.t"},
		StateChecks: []statecheck.StateCheck{
			restoreCheck("secret_name", knownvalue.StringExact(name)),
			// Not in the official state: read by the refresh that follows the move.
			restoreCheck("secret_id", knownvalue.StringExact(ids[name])),
			restoreCheck("state", knownvalue.StringExact("ENABLED")),
			restoreCheck("restored", knownvalue.Bool(false)),
			restoreCheck("restored_at", knownvalue.Null()),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpRestoreSecret, 1), // the stand-in's, in step 1
			secretUsable(env, name),
		),
	})...))
}

func TestAccMove_csmsScheduledDeletionRefused(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc")
	seedTestSecrets(t, env, []testSecret{{name: name}})

	resource.Test(t, acctest.MoveTestCase(t, env, acctest.RefusedMoveSteps(env, secretTaskConfig(name, "create"), restoreTarget(name),
		regexp.MustCompile(`(?s)action = "create".*opposite.*removed`))...))
}
