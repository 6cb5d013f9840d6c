package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// URN shapes shared by the resources and the emulator (internal/patterns).
// Region and project are taken as written: a URN from another region or
// project is the user's call, not a typo.
var (
	smnTopicURNRegexp = patterns.SMNTopicURN
	functionURNRegexp = patterns.FunctionURN
)

// smnTopicURN validates `urn:smn:{region}:{project_id}:{topic_name}`.
func smnTopicURN() validator.String {
	return stringvalidator.RegexMatches(smnTopicURNRegexp,
		"must be an SMN topic URN of the form urn:smn:{region}:{project_id}:{topic_name}")
}

// smnOrFunctionURN validates an SMN topic URN or a FunctionGraph function URN.
func smnOrFunctionURN() validator.String {
	return stringvalidator.Any(
		smnTopicURN(),
		stringvalidator.RegexMatches(functionURNRegexp,
			"must be a FunctionGraph function URN of the form "+
				"urn:fss:{region}:{project_id}:function:{package}:{function_name}[:{version}]"),
	)
}

// smnTopicURNWarning warns, without failing the plan, about a target that is
// not an SMN topic URN: CSMS does not check the target of an event (its event
// pages say so), so the shape is advice, not a rule.
func smnTopicURNWarning() validator.String {
	return regexWarning{re: smnTopicURNRegexp,
		msg: "is not an SMN topic URN of the form urn:smn:{region}:{project_id}:{topic_name}; CSMS does not check " +
			"the target, so notifications to it may silently fail"}
}

// regexWarning is a plan-time warning for a value that does not match re: for
// a shape that Huawei's sources suggest but do not make a rule.
type regexWarning struct {
	re  *regexp.Regexp
	msg string
}

func (v regexWarning) Description(context.Context) string {
	return "warns when the value " + v.msg
}

func (v regexWarning) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v regexWarning) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || v.re.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, "Unexpected Attribute Value",
		fmt.Sprintf("Attribute %s %s, got: %q", req.Path, v.msg, req.ConfigValue.ValueString()))
}
