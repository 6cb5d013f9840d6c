package csms_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

func TestAccMove_csmsSecret(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mv")
	const value = "acceptance-test-value" // what seedTestSecret stores
	ids := seedTestSecrets(t, env, []testSecret{{name: name, tags: map[string]string{"env": "prod"}}})
	hash := sha1.Sum([]byte(value)) //nolint:gosec // the official provider's hash, looked for in the state
	officialHash := hex.EncodeToString(hash[:])
	const addr = "hwcloud_csms_secret.s"

	// The official provider's state comes from an import: the stand-in, like
	// the official provider, reads the value's hash into secret_text.
	official := fmt.Sprintf(`import {
  to = huaweicloud_csms_secret.s
  id = "%s/%s"
}

resource "huaweicloud_csms_secret" "s" {
  name = %q
}
`, ids[name], name, name)
	target := fmt.Sprintf(`resource "hwcloud_csms_secret" "s" {
  name             = %q
  secret_string_wo = %q
  tags = {
    env = "prod"
  }
}
`, name, value) + acctest.MovedBlock("huaweicloud_csms_secret.s", addr)

	tc := acctest.MoveTestCase(t, env, acctest.MoveSteps(env, acctest.MoveSpec{
		Official:      official,
		AfterOfficial: resource.TestCheckResourceAttr("huaweicloud_csms_secret.s", "secret_text", officialHash),
		Target:        target,
		Moves:         acctest.ExpectOnlyMoves{addr: "huaweicloud_csms_secret.s"},
		StateChecks: []statecheck.StateCheck{
			acctest.StateValue(addr, "secret_id", knownvalue.StringExact(ids[name])),
			acctest.StateValue(addr, "tags", knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})),
			acctest.StateValue(addr, "secret_wo_version", knownvalue.Int64Exact(1)),
			acctest.StateValue(addr, "secret_string_wo", knownvalue.Null()),
			// Not in the official state: read by the refresh that follows the move.
			acctest.StateValue(addr, "latest_version_id", knownvalue.NotNull()),
			acctest.StateValue(addr, "updated_at", knownvalue.StringRegexp(patterns.RFC3339UTC)),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			noStateValueIs(officialHash),
			env.CheckCalls(emulator.OpCreateSecretVersion, 0), // the move sent no value
			env.CheckCalls(emulator.OpUpdateSecret, 0),
		),
	})...)
	tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{
		acctest.Requires(acctest.FeatureMoveResourceState, acctest.FeatureWriteOnlyAttributes),
	}
	resource.Test(t, tc)
}

// noStateValueIs fails when any attribute of any resource in the state holds v.
func noStateValueIs(v string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			for k, got := range rs.Primary.Attributes {
				if got == v {
					return fmt.Errorf("%s.%s holds the value's hash", addr, k)
				}
			}
		}
		return nil
	}
}

// The official provider's expire_time moves into expires_at, and the refresh
// after the move plans nothing.
func TestAccCSMSSecret_moveKeepsExpiry(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.mvx")
	ids := seedTestSecrets(t, env, []testSecret{{name: name}})
	expires := time.Now().Add(90 * 24 * time.Hour).UTC().Truncate(time.Second)
	if _, err := env.Client.UpdateVersion(context.Background(), name, "v1", expires.UnixMilli()); err != nil {
		t.Fatal(err)
	}
	const addr = "hwcloud_csms_secret.s"
	official := fmt.Sprintf(`import {
  to = huaweicloud_csms_secret.s
  id = "%s/%s"
}

resource "huaweicloud_csms_secret" "s" {
  name = %q
}
`, ids[name], name, name)
	target := fmt.Sprintf(`resource "hwcloud_csms_secret" "s" {
  name             = %q
  secret_string_wo = "unused"
  expires_at       = %q
}
`, name, expires.Format(time.RFC3339)) + acctest.MovedBlock("huaweicloud_csms_secret.s", addr)

	tc := acctest.MoveTestCase(t, env, acctest.MoveSteps(env, acctest.MoveSpec{
		Official:      official,
		AfterOfficial: resource.TestCheckResourceAttr("huaweicloud_csms_secret.s", "expire_time", fmt.Sprint(expires.UnixMilli())),
		Target:        target,
		Moves:         acctest.ExpectOnlyMoves{addr: "huaweicloud_csms_secret.s"},
		StateChecks: []statecheck.StateCheck{
			acctest.StateValue(addr, "expires_at", knownvalue.StringExact(expires.Format(time.RFC3339))),
		},
		Check: resource.ComposeAggregateTestCheckFunc(
			env.CheckCalls(emulator.OpUpdateVersion, 1), // the seeding call only: the expiry came along
			env.CheckCalls(emulator.OpCreateSecretVersion, 0),
		),
	})...)
	tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{
		acctest.Requires(acctest.FeatureMoveResourceState, acctest.FeatureWriteOnlyAttributes),
	}
	resource.Test(t, tc)
}
