package framework_test

import (
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

func TestIsOfficialProvider(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"registry.terraform.io/huaweicloud/huaweicloud":      true,
		"registry.opentofu.org/huaweicloud/huaweicloud":      true,
		"mirror.example.com:8443/huaweicloud/huaweicloud":    true,
		"registry.terraform.io/HuaweiCloud/HuaweiCloud":      true, // registry addresses ignore case
		"huaweicloud/huaweicloud":                            true,
		"huaweicloud":                                        true,
		"registry.terraform.io/hashicorp/huaweicloud":        false, // what an unqualified `huaweicloud` resolves to
		"registry.terraform.io/someone/huaweicloud":          false,
		"registry.terraform.io/huaweicloud/hwcloud":          false,
		"registry.terraform.io/huaweicloud/huaweicloudstack": false,
		"hwcloud":                          false,
		"":                                 false,
		"/huaweicloud/huaweicloud":         false,
		"bad host/huaweicloud/huaweicloud": false,
		"a/registry.terraform.io/huaweicloud/huaweicloud": false,
	} {
		if got := framework.IsOfficialProvider(addr); got != want {
			t.Errorf("isOfficialProvider(%q) = %v, want %v", addr, got, want)
		}
	}
}
