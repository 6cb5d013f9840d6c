package provider

import (
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
