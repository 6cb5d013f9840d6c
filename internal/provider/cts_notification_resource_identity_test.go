package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

func TestAccCTSNotification_identity(t *testing.T) {
	env := acctest.New(t)
	cfg := ctsHCL{Name: acctest.RandomName("tf_acc_cts"), OperationType: "customized", OperationsHCL: ctsTwoOperations,
		TopicID: env.TopicURN(t, "audit")}
	c := identityCase{env: env, typeName: "hwcloud_cts_notification", key: "notification_id", stateAttr: "id",
		keyValue: knownvalue.StringRegexp(patterns.UUID), hcl: cfg.String()}

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsIdentity,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             ctsDestroyed(env),
		Steps:                    c.steps(),
	})
}
