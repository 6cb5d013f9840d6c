package provider_test

import (
	"fmt"
	"maps"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

// Read batching (batch_reads): what a refresh costs, counted by the emulator.

// batchWorkspace is a fleet of events and notifications (none disabled) and
// Secrets secrets of the same prefix.
type batchWorkspace struct {
	resilFleet
	Secrets    int
	BatchReads string // the provider argument; "" leaves the default
}

func (w batchWorkspace) HCL() string {
	return w.resilFleet.HCL() + fmt.Sprintf(`
resource "hwcloud_csms_secret" "b" {
  count             = %[2]d
  name              = "%[1]s_sec_${count.index}"
  secret_string_wo  = "v"
  secret_wo_version = 1
  tags              = { team = "t${count.index}" }
}
`, w.Prefix, w.Secrets)
}

// batchCase is an emulator-only test's environment, with seeded secrets
// already in its project (none when 0), and w with a fresh prefix and that
// environment's topic.
func batchCase(t *testing.T, seeded int, w batchWorkspace) (*acctest.Env, batchWorkspace) {
	t.Helper()
	resilienceOnly(t)
	env := acctest.New(t)
	if seeded > 0 {
		seedSecrets(t, env, seeded)
	}
	w.Prefix = acctest.RandomName("tf_acc_rb")
	w.Topic = env.TopicURN(t, "batch")
	return env, w
}

func (w batchWorkspace) config(env *acctest.Env) string {
	if w.BatchReads == "" {
		return env.Config(w.HCL())
	}
	return env.ConfigWith([]string{"batch_reads = " + w.BatchReads}, w.HCL())
}

// refreshCosts is a test case that applies w, then refreshes it with the
// call counts reset, and checks that the refresh made exactly want.
func refreshCosts(t *testing.T, env *acctest.Env, w batchWorkspace, want map[string]int) {
	t.Helper()
	refreshCheck(t, env, w, func(got map[string]int) error {
		if !maps.Equal(got, want) {
			return fmt.Errorf("the refresh made %v, want exactly %v", got, want)
		}
		return nil
	})
}

// refreshCheck applies w, then refreshes it with the call counts reset, and
// hands check the service calls of that refresh (acctest.Env.ServiceCalls).
func refreshCheck(t *testing.T, env *acctest.Env, w batchWorkspace, check func(got map[string]int) error) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{Config: w.config(env)},
			// A saved refresh ends the just-created grace; the next one is what a plan pays.
			{RefreshState: true},
			{
				PreConfig:    env.ResetCalls,
				RefreshState: true,
				Check: func(*terraform.State) error {
					got, countable := env.ServiceCalls()
					if !countable {
						return nil
					}
					return check(got)
				},
			},
		},
	})
}

// A workspace of six of each type: the first reads of a type are single
// (two events, two notifications, three secrets), the rest come from one list.
func TestAccReadBatch_refreshOfSixOfEachType(t *testing.T) {
	env, w := batchCase(t, 0, batchWorkspace{resilFleet: resilFleet{Events: 6, Notifications: 6}, Secrets: 6})
	refreshCosts(t, env, w, map[string]int{
		emulator.OpShowSecretEvent: 2, emulator.OpListSecretEvents: 1,
		emulator.OpListNotifications: 2 + 1,
		emulator.OpShowSecret:        3, emulator.OpListSecretTags: 3, emulator.OpListResourceInstances: 1,
		emulator.OpListSecretVersions: 6,
	})
}

// The same workspace with batch_reads = false: one lookup per object, as before.
func TestAccReadBatch_switchedOff(t *testing.T) {
	env, w := batchCase(t, 0, batchWorkspace{resilFleet: resilFleet{Events: 6, Notifications: 6}, Secrets: 6,
		BatchReads: "false"})
	refreshCosts(t, env, w, map[string]int{
		emulator.OpShowSecretEvent: 6, emulator.OpListNotifications: 6,
		emulator.OpShowSecret: 6, emulator.OpListSecretTags: 6, emulator.OpListSecretVersions: 6,
	})
}

// One object of each type costs what it always did: 1 + 1 + 3.
func TestAccReadBatch_oneOfEachTypeNeverLists(t *testing.T) {
	env, w := batchCase(t, 0, batchWorkspace{resilFleet: resilFleet{Events: 1, Notifications: 1}, Secrets: 1})
	refreshCosts(t, env, w, map[string]int{
		emulator.OpShowSecretEvent: 1, emulator.OpListNotifications: 1,
		emulator.OpShowSecret: 1, emulator.OpListSecretTags: 1, emulator.OpListSecretVersions: 1,
	})
}

// Three secrets managed in a project of 10,000: the list would cost ten
// pages, so the three are read singly (3 × 3 calls, as before).
func TestAccReadBatch_threeOfTenThousandSecrets(t *testing.T) {
	env, w := batchCase(t, 10_000, batchWorkspace{Secrets: 3})
	refreshCosts(t, env, w, map[string]int{
		emulator.OpShowSecret: 3, emulator.OpListSecretTags: 3, emulator.OpListSecretVersions: 3,
	})
}

// Twelve of 10,000: after three single reads the first page (1,000 secrets)
// tells the size; the whole list would cost eleven pages, more than the
// reads so far, so the reads stay single (those the first page holds are
// answered from it). The cost is at most that one page more than twelve
// single reads.
func TestAccReadBatch_twelveOfTenThousandSecrets(t *testing.T) {
	env, w := batchCase(t, 10_000, batchWorkspace{Secrets: 12})
	refreshCheck(t, env, w, func(got map[string]int) error {
		// At most the 36 calls of twelve single reads and the first page.
		total := 0
		for _, n := range got {
			total += n
		}
		if total > 36+1 {
			return fmt.Errorf("the refresh made %d calls (%v), more than the 36 of single reads and one page", total, got)
		}
		return nil
	})
}

func seedSecrets(t *testing.T, env *acctest.Env, n int) {
	t.Helper()
	if env.Live {
		t.Skip("seeds 10,000 secrets into the emulator")
	}
	seed := emulator.Seed{Secrets: make([]emulator.SeedSecret, n)}
	for i := range seed.Secrets {
		seed.Secrets[i] = emulator.SeedSecret{Name: "aaa-seeded-" + strconv.Itoa(i)}
	}
	if err := env.Emulator.Seed(seed); err != nil {
		t.Fatal(err)
	}
}

// A third of all calls fail (throttles and server errors) while a workspace
// large enough to list is applied, refreshed and destroyed with batching on:
// a failed list falls back to single reads, nothing fails, and the service
// ends up holding the configuration, then nothing.
func TestAccResilience_faultsOnThirtyPercentOfCallsWithBatchedReads(t *testing.T) {
	resilienceOnly(t)
	env := acctest.New(t)
	withoutFaults := resilFaults(env, 30, 0.30, 100*time.Millisecond)
	fleet := resilFleet{Prefix: acctest.RandomName("tf_acc_rbf"), Events: 12, Notifications: 12, Disabled: 3,
		Topic: env.TopicURN(t, "resilience")}
	// At 30 % a call fails all of the default six attempts about once in 1,400
	// calls, which a run of a few hundred calls (the post-test destroy too)
	// would meet now and then; 21 attempts make that negligible.
	cfg := env.ConfigWith([]string{"max_retries = 20"}, fleet.HCL())
	ran := false // resource.Test skips without TF_ACC
	for name, mode := range map[string]framework.ReadBatchMode{"default": framework.ReadBatchDefault, "eager": framework.ReadBatchEager} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactoriesReading(mode),
				CheckDestroy: func(*terraform.State) error {
					return withoutFaults(func() error { return fleet.gone(env) })
				},
				Steps: []resource.TestStep{
					{
						Config: cfg,
						Check: func(*terraform.State) error {
							ran = true
							return withoutFaults(func() error { return fleet.onService(env) })
						},
					},
					{RefreshState: true},
					{Config: cfg, PlanOnly: true},
				},
			})
		})
	}
	if n := env.Emulator.Count(emulator.OpListSecretEvents); ran && n == 0 {
		t.Errorf("no event list was made: the test did not exercise batching (%v)", env.Emulator.Counts())
	}
}
