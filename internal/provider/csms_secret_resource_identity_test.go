package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

func TestAccCSMSSecret_identity(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tf_acc.sec")
	c := identityCase{env: env, typeName: "hwcloud_csms_secret", key: "name", stateAttr: "name",
		keyValue: knownvalue.StringExact(name), hcl: secretHCL{Name: name, Value: "v"}.String(), importUpdates: true}
	secretTest(t, env, resource.TestCase{TerraformVersionChecks: needsIdentity, Steps: c.steps()})
}
