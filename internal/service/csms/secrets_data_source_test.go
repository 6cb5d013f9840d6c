package csms_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// These tests call t.Parallel() first, so that their out-of-band seeding runs
// in parallel too, and then resource.Test: resource.ParallelTest would call
// t.Parallel() a second time, which panics.

// testSecret is a secret a test creates out of band, through the client.
type testSecret struct {
	name    string
	tags    map[string]string
	pending bool // schedule its deletion after creating it
}

// seededEnv starts a parallel test: its Env with secrets seeded
// (seedTestSecrets), and their ids by name.
func seededEnv(t *testing.T, secrets ...testSecret) (*acctest.Env, map[string]string) {
	t.Helper()
	t.Parallel()
	env := acctest.New(t)
	return env, seedTestSecrets(t, env, secrets)
}

// seedTestSecrets creates secrets with bounded concurrency and returns their
// ids by name. Live runs delete them at cleanup (restoring pending ones first).
func seedTestSecrets(t *testing.T, env *acctest.Env, secrets []testSecret) map[string]string {
	t.Helper()
	ctx := context.Background()
	ids := make(map[string]string, len(secrets))
	var mu sync.Mutex
	err := secretsInParallel(secrets, func(s testSecret) error {
		id, err := seedTestSecret(ctx, env.Client, s)
		if id != "" {
			mu.Lock()
			ids[s.name] = id
			mu.Unlock()
		}
		return err
	})
	if env.Live {
		t.Cleanup(func() {
			names := make([]string, 0, len(ids))
			for name := range ids {
				names = append(names, name)
			}
			if err := secretsInParallel(names, func(name string) error {
				return deleteTestSecret(env.Client, name)
			}); err != nil {
				t.Errorf("cleaning up secrets: %v", err)
			}
		})
	}
	if err != nil {
		t.Fatalf("seeding secrets: %v", err)
	}
	return ids
}

// secretsInParallel runs fn on every item, 16 at a time, and returns the first error.
func secretsInParallel[T any](items []T, fn func(T) error) error {
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	work := make(chan T)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range work {
				if err := fn(item); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, item := range items {
		work <- item
	}
	close(work)
	wg.Wait()
	return firstErr
}

func seedTestSecret(ctx context.Context, c *hwc.Client, s testSecret) (string, error) {
	created, err := c.CreateSecret(ctx, hwc.CreateSecretRequest{Name: s.name, SecretString: "acceptance-test-value"})
	if err != nil {
		return "", fmt.Errorf("creating %s: %w", s.name, err)
	}
	if len(s.tags) > 0 {
		tags := make([]hwc.Tag, 0, len(s.tags))
		for k, v := range s.tags {
			tags = append(tags, hwc.Tag{Key: k, Value: v})
		}
		if err := c.BatchSecretTags(ctx, created.ID, hwc.TagActionCreate, tags); err != nil {
			return created.ID, fmt.Errorf("tagging %s: %w", s.name, err)
		}
	}
	if s.pending {
		if _, err := c.ScheduleSecretDeletion(ctx, s.name, 7); err != nil {
			return created.ID, fmt.Errorf("scheduling deletion of %s: %w", s.name, err)
		}
	}
	return created.ID, nil
}

func deleteTestSecret(c *hwc.Client, name string) error {
	ctx := context.Background()
	if s, err := c.ShowSecret(ctx, name); err == nil && s.State == "PENDING_DELETE" {
		_, _ = c.RestoreSecret(ctx, name)
	}
	if err := c.DeleteSecret(ctx, name); err != nil && !errors.Is(err, hwc.ErrNotFound) {
		return fmt.Errorf("deleting secret %s: %w", name, err)
	}
	return nil
}

// secretsCheck checks an attribute of data.hwcloud_csms_secrets.<name>.
func secretsCheck(name string, attr tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("data.hwcloud_csms_secrets."+name, attr, v)
}

func secretsNames(name string, want ...string) statecheck.StateCheck {
	values := make([]knownvalue.Check, len(want))
	for i, w := range want {
		values[i] = knownvalue.StringExact(w)
	}
	return secretsCheck(name, tfjsonpath.New("names"), knownvalue.ListExact(values))
}

func TestAccCSMSSecretsDataSource_tagSemantics(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	run := acctest.RandomName("run")
	p := acctest.RandomName("tfacc")
	tagged := func(kv ...string) map[string]string {
		m := map[string]string{"run": run}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	ids := seedTestSecrets(t, env, []testSecret{
		{name: p + "-a", tags: tagged("env", "prod", "team", "x")},
		{name: p + "-b", tags: tagged("env", "staging", "team", "y")},
		{name: p + "-c", tags: tagged("env", "dev", "team", "x")},
		{name: p + "-d", tags: tagged("env", "prod")},
		{name: p + "-e", tags: map[string]string{"env": "prod", "team": "x"}}, // another run: never matches
	})

	acctest.Test(t, resource.TestStep{
		Config: env.Config(fmt.Sprintf(`
data "hwcloud_csms_secrets" "or_values_and_any" {
  tags = { run = [%[1]q], env = ["prod", "staging"], team = [] }
}
data "hwcloud_csms_secrets" "one_value" {
  tags = { run = [%[1]q], env = ["prod"] }
}
data "hwcloud_csms_secrets" "any_value" {
  tags = { run = [%[1]q], team = [] }
}
data "hwcloud_csms_secrets" "and_keys" {
  tags = { run = [%[1]q], team = ["x"], env = ["prod", "dev"] }
}
`, run)),
		ConfigStateChecks: []statecheck.StateCheck{
			// d has no team tag; c is not prod/staging.
			secretsNames("or_values_and_any", p+"-a", p+"-b"),
			secretsCheck("or_values_and_any", tfjsonpath.New("total_count"), knownvalue.Int64Exact(2)),
			secretsCheck("or_values_and_any", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(ids[p+"-a"]), knownvalue.StringExact(ids[p+"-b"])})),
			secretsCheck("or_values_and_any", tfjsonpath.New("secrets").AtSliceIndex(0), knownvalue.ObjectPartial(
				map[string]knownvalue.Check{
					"id":    knownvalue.StringExact(ids[p+"-a"]),
					"name":  knownvalue.StringExact(p + "-a"),
					"state": knownvalue.StringExact("ENABLED"),
					"tags": knownvalue.MapExact(map[string]knownvalue.Check{
						"run": knownvalue.StringExact(run), "env": knownvalue.StringExact("prod"),
						"team": knownvalue.StringExact("x")}),
					"created_at":            knownvalue.StringRegexp(patterns.RFC3339UTC),
					"updated_at":            knownvalue.StringRegexp(patterns.RFC3339UTC),
					"scheduled_delete_time": knownvalue.Null(),
				})),
			secretsNames("one_value", p+"-a", p+"-d"),
			secretsNames("any_value", p+"-a", p+"-b", p+"-c"),
			secretsNames("and_keys", p+"-a", p+"-c"),
		},
	})
}

func TestAccCSMSSecretsDataSource_nameMatch(t *testing.T) {
	run, p := acctest.RandomName("run"), acctest.RandomName("tfacc.ds")
	env, _ := seededEnv(t,
		testSecret{name: p + "-db-main", tags: map[string]string{"run": run}},
		testSecret{name: p + "-db-replica", tags: map[string]string{"run": run, "tier": "replica"}},
		testSecret{name: p + "-cache", tags: map[string]string{"run": run}},
	)

	acctest.Test(t, resource.TestStep{
		Config: env.Config(fmt.Sprintf(`
data "hwcloud_csms_secrets" "by_name" {
  name_match = "%[2]s-db"
}
data "hwcloud_csms_secrets" "by_name_and_tag" {
  name_match = "%[2]s-db"
  tags       = { run = [%[1]q], tier = [] }
}
data "hwcloud_csms_secrets" "cache" {
  name_match = "%[2]s-cache"
  tags       = { run = [%[1]q] }
}
`, run, p)),
		ConfigStateChecks: []statecheck.StateCheck{
			secretsNames("by_name", p+"-db-main", p+"-db-replica"),
			secretsNames("by_name_and_tag", p+"-db-replica"),
			secretsNames("cache", p+"-cache"),
		},
	})
}

func TestAccCSMSSecretsDataSource_stateFilter(t *testing.T) {
	run, p := acctest.RandomName("run"), acctest.RandomName("tfacc")
	env, _ := seededEnv(t,
		testSecret{name: p + "-live", tags: map[string]string{"run": run}},
		testSecret{name: p + "-doomed", tags: map[string]string{"run": run}, pending: true},
	)

	acctest.Test(t, resource.TestStep{
		Config: env.Config(fmt.Sprintf(`
data "hwcloud_csms_secrets" "pending" {
  tags  = { run = [%[1]q] }
  state = "PENDING_DELETE"
}
data "hwcloud_csms_secrets" "enabled" {
  tags  = { run = [%[1]q] }
  state = "ENABLED"
}
data "hwcloud_csms_secrets" "any_state" {
  tags = { run = [%[1]q] }
}
`, run)),
		ConfigStateChecks: []statecheck.StateCheck{
			secretsNames("pending", p+"-doomed"),
			secretsCheck("pending", tfjsonpath.New("total_count"), knownvalue.Int64Exact(1)),
			secretsCheck("pending", tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("state"),
				knownvalue.StringExact("PENDING_DELETE")),
			secretsCheck("pending", tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("scheduled_delete_time"),
				knownvalue.StringRegexp(patterns.RFC3339UTC)),
			secretsNames("enabled", p+"-live"),
			secretsCheck("enabled", tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("scheduled_delete_time"),
				knownvalue.Null()),
			// Sorted by name: "-doomed" before "-live".
			secretsNames("any_state", p+"-doomed", p+"-live"),
		},
	})
}

func TestAccCSMSSecretsDataSource_noMatch(t *testing.T) {
	p := acctest.RandomName("tfacc")
	env, _ := seededEnv(t, testSecret{name: p + "-only", tags: map[string]string{"env": "prod"}})

	empty := []statecheck.StateCheck{}
	for _, ds := range []string{"by_tag", "by_name", "by_state"} {
		empty = append(empty,
			secretsCheck(ds, tfjsonpath.New("secrets"), knownvalue.ListExact([]knownvalue.Check{})),
			secretsCheck(ds, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
			secretsCheck(ds, tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{})),
			secretsCheck(ds, tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
		)
	}
	acctest.Test(t, resource.TestStep{
		Config: env.Config(fmt.Sprintf(`
data "hwcloud_csms_secrets" "by_tag" {
  tags = { env = [%[1]q] }
}
data "hwcloud_csms_secrets" "by_name" {
  name_match = "%[1]s-none"
}
data "hwcloud_csms_secrets" "by_state" {
  name_match = "%[1]s-only"
  state      = "FROZEN"
}
`, p)),
		ConfigStateChecks: empty,
	})
}

// 2,500 matches are read in ceil(2500/1000) = 3 calls per read, without a count call.
func TestAccCSMSSecretsDataSource_paging(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	const n = 2500
	run := acctest.RandomName("run")
	p := acctest.RandomName("tfacc")
	secrets := make([]testSecret, 0, n+5)
	for i := range n {
		secrets = append(secrets, testSecret{name: fmt.Sprintf("%s-%04d", p, i), tags: map[string]string{"run": run}})
	}
	for i := range 5 { // same prefix, no tag: must not be listed
		secrets = append(secrets, testSecret{name: fmt.Sprintf("%s-untagged-%d", p, i)})
	}
	seedTestSecrets(t, env, secrets)

	var before int
	acctest.Test(t, resource.TestStep{
		PreConfig: func() { before, _ = env.Calls(emulator.OpListResourceInstances) },
		Config: env.Config(fmt.Sprintf(`
data "hwcloud_csms_secrets" "many" {
  tags = { run = [%q] }
}
`, run)),
		ConfigStateChecks: []statecheck.StateCheck{
			secretsCheck("many", tfjsonpath.New("total_count"), knownvalue.Int64Exact(n)),
			secretsCheck("many", tfjsonpath.New("ids"), knownvalue.ListSizeExact(n)),
			secretsCheck("many", tfjsonpath.New("secrets"), knownvalue.ListSizeExact(n)),
			secretsCheck("many", tfjsonpath.New("names").AtSliceIndex(0), knownvalue.StringExact(p+"-0000")),
			secretsCheck("many", tfjsonpath.New("names").AtSliceIndex(1000), knownvalue.StringExact(p+"-1000")),
			secretsCheck("many", tfjsonpath.New("names").AtSliceIndex(n-1),
				knownvalue.StringExact(fmt.Sprintf("%s-%04d", p, n-1))),
		},
		Check: func(*terraform.State) error {
			lists, countable := env.Calls(emulator.OpListResourceInstances)
			if !countable {
				return nil
			}
			counts, _ := env.Calls(emulator.OpCountResourceInstances)
			// The step has planned once so far (the apply uses that plan): one read, 3 calls.
			if reads := lists - before; reads != 3 || counts != 0 {
				return fmt.Errorf("ListResourceInstances calls = %d, CountResourceInstances = %d: want 3 "+
					"for one read of 2,500 secrets and no count call", reads, counts)
			}
			return nil
		},
	})
}

// total_count is optional in the service's model: an answer without it must
// still yield every match (paging until a short page), within the call budget.
func TestAccCSMSSecretsDataSource_pagingWithoutTotalCount(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, func(o *emulator.Options) { o.OmitTotalCount = true })
	if env.Live {
		t.Skip("needs the emulator's option to leave total_count out")
	}
	const n = 2500
	seed := make([]emulator.SeedSecret, 0, n+5)
	for i := range n {
		seed = append(seed, emulator.SeedSecret{Name: fmt.Sprintf("paged-%04d", i), Tags: map[string]string{"run": "nocount"}})
	}
	for i := range 5 {
		seed = append(seed, emulator.SeedSecret{Name: fmt.Sprintf("paged-untagged-%d", i)})
	}
	if err := env.Emulator.Seed(emulator.Seed{Secrets: seed}); err != nil {
		t.Fatal(err)
	}

	var before int
	acctest.Test(t, resource.TestStep{
		PreConfig: func() { before, _ = env.Calls(emulator.OpListResourceInstances) },
		Config: env.Config(`
data "hwcloud_csms_secrets" "many" {
  tags = { run = ["nocount"] }
}
`),
		ConfigStateChecks: []statecheck.StateCheck{
			secretsCheck("many", tfjsonpath.New("total_count"), knownvalue.Int64Exact(n)),
			secretsCheck("many", tfjsonpath.New("ids"), knownvalue.ListSizeExact(n)),
			secretsCheck("many", tfjsonpath.New("secrets"), knownvalue.ListSizeExact(n)),
			secretsCheck("many", tfjsonpath.New("names").AtSliceIndex(n-1), knownvalue.StringExact("paged-2499")),
		},
		Check: func(*terraform.State) error {
			lists, _ := env.Calls(emulator.OpListResourceInstances)
			// One read: pages at 0, 1000 and 2000 (short, so the last); the budget is ceil(2500/1000)+1.
			if reads := lists - before; reads != 3 {
				return fmt.Errorf("ListResourceInstances calls = %d, want 3 for one read of 2,500 secrets", reads)
			}
			return nil
		},
	})
}

func TestAccCSMSSecretsDataSource_validation(t *testing.T) {
	t.Parallel()
	keys := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "k%d = [], ", i)
		}
		return b.String()
	}
	values := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "%q, ", fmt.Sprintf("v%d", i))
		}
		return b.String()
	}
	// One test case, one step per rule: a Terraform working directory per rule would cost more than the checks.
	cases := []struct {
		args string
		want string
	}{
		{"tags = { " + keys(11) + " }", `(?s)tags.*map\s+must\s+contain\s+at\s+most\s+10\s+elements`},
		{"tags = { env = [" + values(11) + "] }", `(?s)list\s+must\s+contain\s+at\s+most\s+10\s+elements`},
		{`tags = { env = ["prod", "prod"] }`, `(?s)duplicate\s+values`},
		{`tags = { "" = [] }`, `(?s)character\s+count\s+must\s+be\s+between\s+1\s+and\s+128`},
		{fmt.Sprintf(`tags = { %q = [] }`, strings.Repeat("k", 129)), `(?s)between\s+1\s+and\s+128,\s+got:\s+129`},
		{`tags = { " env" = [] }`, `(?s)must\s+not\s+start\s+or\s+end\s+with\s+a\s+space`},
		{`tags = { "env " = [] }`, `(?s)must\s+not\s+start\s+or\s+end\s+with\s+a\s+space`},
		{`tags = { "_sys_env" = [] }`, `(?s)must\s+not\s+start\s+with\s+"_sys_"`},
		{`tags = { "env*" = [] }`, `(?s)may\s+contain\s+only\s+letters,\s+numbers`},
		{fmt.Sprintf(`tags = { env = [%q] }`, strings.Repeat("v", 256)), `(?s)at\s+most\s+255,\s+got:\s+256`},
		{`tags = { env = ["a<b"] }`, `(?s)may\s+contain\s+only\s+letters,\s+numbers`},
		{`tags = { env = null }`, `(?s)null`},
		{`name_match = ""`, `(?s)name_match.*between\s+1\s+and\s+255`},
		{fmt.Sprintf(`name_match = %q`, strings.Repeat("n", 256)), `(?s)name_match.*between\s+1\s+and\s+255,\s+got:\s+256`},
		{`state = "DELETED"`, `(?s)state.*value\s+must\s+be\s+one\s+of`},
	}
	env := acctest.New(t)
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, acctest.FailsStep(env.Config("data \"hwcloud_csms_secrets\" \"bad\" {\n  "+tc.args+"\n}\n"), tc.want))
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
	env.RequireNoAPICalls(t)
}

// A query the service keeps failing is reported with what was attempted and
// the API's own code and request id, not an empty result.
func TestAccCSMSSecretsDataSource_apiError(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if env.Live {
		t.Skip("needs the emulator's fault injection")
	}
	env.Emulator.SetFaults(emulator.FaultConfig{Rate: 1, Kinds: []string{"503"},
		Operations: []string{emulator.OpListResourceInstances}})

	acctest.Test(t, resource.TestStep{
		Config: env.Config(`
data "hwcloud_csms_secrets" "failing" {
  tags = { env = ["prod"] }
}
`),
		ExpectError: regexp.MustCompile(`(?s)Listing\s+CSMS\s+secrets\s+by\s+tag\s+failed.*offset\s+0.*HTTP\s+503.*request\s+id.*try\s+again\s+later`),
	})
}
