package csms_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

func TestAccCSMSSecretRestore_identity(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("tfacc.restore")
	seedTestSecrets(t, env, []testSecret{{name: name, pending: true}})
	c := acctest.IdentityCase{Env: env, TypeName: "hwcloud_csms_secret_restore", Key: "secret_name", StateAttr: "secret_name",
		KeyValue: knownvalue.StringExact(name),
		HCL:      fmt.Sprintf("resource \"hwcloud_csms_secret_restore\" \"test\" {\n  secret_name = %q\n}\n", name)}

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    c.Steps(),
	})
}
