package csms_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

func TestAccCSMSEvent_identity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc_ev")
	cfg := csmsEventHCL{Name: name, Types: []string{"SECRET_ROTATED"}, TargetID: env.TopicURN(t, "alerts")}
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_csms_event", Key: "name", StateAttr: "name",
		KeyValue: knownvalue.StringExact(name), HCL: cfg.String()}

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             csmsEventDestroyed(env),
		Steps:                    c.Steps(),
	})
}
