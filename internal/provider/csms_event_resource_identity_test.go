package provider_test

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
	c := identityCase{env: env, typeName: "hwcloud_csms_event", key: "name", stateAttr: "name",
		keyValue: knownvalue.StringExact(name), hcl: cfg.String()}

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsIdentity,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             csmsEventDestroyed(env),
		Steps:                    c.steps(),
	})
}
