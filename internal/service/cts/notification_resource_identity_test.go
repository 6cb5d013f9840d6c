package cts_test

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
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_cts_notification", Key: "notification_id", StateAttr: "id",
		KeyValue: knownvalue.StringRegexp(patterns.UUID), HCL: cfg.String()}

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             ctsDestroyed(env),
		Steps:                    c.Steps(),
	})
}
