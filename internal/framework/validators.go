package framework

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// SMNTopicURN validates `urn:smn:{region}:{project_id}:{topic_name}`.
func SMNTopicURN() validator.String {
	return stringvalidator.RegexMatches(patterns.SMNTopicURN,
		"must be an SMN topic URN of the form urn:smn:{region}:{project_id}:{topic_name}")
}

// SMNOrFunctionURN validates an SMN topic URN or a FunctionGraph function URN.
func SMNOrFunctionURN() validator.String {
	return stringvalidator.Any(
		SMNTopicURN(),
		stringvalidator.RegexMatches(patterns.FunctionURN,
			"must be a FunctionGraph function URN of the form "+
				"urn:fss:{region}:{project_id}:function:{package}:{function_name}[:{version}]"),
	)
}

// SMNTopicURNWarning warns, without failing the plan, about a target that is
// not an SMN topic URN: CSMS does not check the target of an event (its event
// pages say so), so the shape is advice, not a rule.
func SMNTopicURNWarning() validator.String {
	return RegexWarning(patterns.SMNTopicURN,
		"is not an SMN topic URN of the form urn:smn:{region}:{project_id}:{topic_name}; CSMS does not check "+
			"the target, so notifications to it may silently fail")
}

// RegexWarning is a plan-time warning, never an error, for a value that does
// not match re: for a shape that Huawei's sources suggest but do not make a
// rule. msg completes "Attribute X ...".
func RegexWarning(re *regexp.Regexp, msg string) validator.String {
	return regexWarning{re: re, msg: msg}
}

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
