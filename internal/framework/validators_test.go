package framework_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
)

func TestURNValidators(t *testing.T) {
	t.Parallel()
	cases := []struct {
		urn           string
		smn, smnOrFun bool
	}{
		{"urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:alerts", true, true},
		{"urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:my_topic-1", true, true},
		{"urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:audit:latest", false, true},
		{"urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:audit", false, true},
		{"urn:smn:cn-north-4:0123456789abcdef0123456789abcdef", false, false},
		{"urn:smn:cn-north-4::alerts", false, false},
		{"arn:aws:sns:us-east-1:123:alerts", false, false},
		{"urn:smn:cn-north-4:p:alerts extra", false, false},
		{"urn:fss:cn-north-4:p:func:default:audit", false, false},
		{"", false, false},
	}
	for _, tc := range cases {
		if got := frameworktest.ValidateString(framework.SMNTopicURN(), tc.urn); got != tc.smn {
			t.Errorf("smnTopicURN(%q) ok=%v, want %v", tc.urn, got, tc.smn)
		}
		if got := frameworktest.ValidateString(framework.SMNOrFunctionURN(), tc.urn); got != tc.smnOrFun {
			t.Errorf("smnOrFunctionURN(%q) ok=%v, want %v", tc.urn, got, tc.smnOrFun)
		}
	}
	// Unknown and null values are left to other rules.
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		resp := &validator.StringResponse{}
		framework.SMNOrFunctionURN().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: v}, resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%v must not be rejected: %v", v, resp.Diagnostics)
		}
	}
}

// A CSMS event's target is not checked by the service: a value of another
// shape is a warning, never an error.
func TestSMNTopicURNWarning(t *testing.T) {
	t.Parallel()
	check := func(v types.String) (warnings, errors int) {
		resp := &validator.StringResponse{}
		framework.SMNTopicURNWarning().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: v}, resp)
		return resp.Diagnostics.WarningsCount(), resp.Diagnostics.ErrorsCount()
	}
	for v, want := range map[types.String]int{
		types.StringValue("urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:alerts"): 0,
		types.StringValue("demo-smn-id"):                                                1,
		types.StringValue("urn:smn:cn-north-4:SecertExpirationTest"):                    1,
		types.StringNull():    0,
		types.StringUnknown(): 0,
	} {
		if w, e := check(v); w != want || e != 0 {
			t.Errorf("%v: %d warnings, %d errors; want %d warnings, no error", v, w, e, want)
		}
	}
}
