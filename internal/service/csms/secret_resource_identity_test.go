package csms_test

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
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_csms_secret", Key: "name", StateAttr: "name",
		KeyValue: knownvalue.StringExact(name), HCL: secretHCL{Name: name, Value: "v"}.String(), ImportUpdates: true}
	secretTest(t, env, resource.TestCase{TerraformVersionChecks: acctest.NeedsIdentity, Steps: c.Steps()})
}
