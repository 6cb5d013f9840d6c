package provider_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

// Bulk adoption: terraform query -generate-config-out writes resource and
// import blocks for what exists; applying them imports every object, and the
// next plan has nothing to change. Nothing is destroyed afterwards (a live
// project may list objects this test does not own); seeded objects are
// deleted by their own cleanups.
func TestAccListResources_generateConfigImportsCleanly(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	cli := env.NewWorkDir(t, acctest.FeatureActions, acctest.FeatureListResources)
	event := acctest.RandomName("tf_acc_ev")
	env.SeedCSMSEvent(t, event, env.TopicURN(t, "alerts"), false)
	smnID := env.SeedCTSNotification(t, acctest.RandomName("tf_acc_cts"), env.TopicURN(t, "audit"))
	funID := env.SeedCTSNotification(t, acctest.RandomName("tf_acc_cts"), env.FunctionURN(t, "audit"))

	cli.Write("adopt.tfquery.hcl", `
list "hwcloud_csms_event" "events" {
  provider = hwcloud
}

list "hwcloud_cts_notification" "notifications" {
  provider = hwcloud
}
`)
	if _, err := cli.Run("query", "-no-color", "-generate-config-out=generated.tf"); err != nil {
		t.Fatal(err)
	}
	generated := cli.Read("generated.tf")
	for _, want := range []string{
		fmt.Sprintf("name       = %q", event),
		fmt.Sprintf("notification_id = %q", smnID),
		fmt.Sprintf("notification_id = %q", funID),
	} {
		if !strings.Contains(generated, want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	if t.Failed() {
		return
	}

	out, err := cli.Run("apply", "-auto-approve", "-no-color")
	if err != nil {
		t.Fatalf("%v\ngenerated.tf:\n%s", err, generated)
	}
	if !strings.Contains(out, "0 added, 0 changed, 0 destroyed") || !strings.Contains(out, "imported") {
		t.Errorf("apply of the generated configuration did more than import:\n%s", out)
	}
	out, err = cli.Run("plan", "-detailed-exitcode", "-no-color")
	var cliErr *acctest.CLIError
	if errors.As(err, &cliErr) && cliErr.Code == 2 {
		t.Fatalf("the imported objects do not match their generated configuration:\n%s\ngenerated.tf:\n%s",
			cliErr.Stdout, generated)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "No changes") {
		t.Errorf("plan after import:\n%s", out)
	}
}
