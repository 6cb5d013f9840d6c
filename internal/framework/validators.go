package framework

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// URN shapes shared by the resources. Region and project are taken as written:
// a URN from another region or project is the user's call, not a typo.
var (
	SMNTopicURNRegexp = regexp.MustCompile(`^urn:smn:[a-z0-9-]+:[0-9a-zA-Z]{1,64}:[a-zA-Z0-9][a-zA-Z0-9_-]{0,255}$`)
	FunctionURNRegexp = regexp.MustCompile(
		`^urn:fss:[a-z0-9-]+:[0-9a-zA-Z]{1,64}:function:[a-zA-Z0-9_-]{1,64}:[a-zA-Z][a-zA-Z0-9_-]{0,127}(:[a-zA-Z0-9_.-]{1,64})?$`)
)

// SMNTopicURN validates `urn:smn:{region}:{project_id}:{topic_name}`.
func SMNTopicURN() validator.String {
	return stringvalidator.RegexMatches(SMNTopicURNRegexp,
		"must be an SMN topic URN of the form urn:smn:{region}:{project_id}:{topic_name}")
}

// SMNOrFunctionURN validates an SMN topic URN or a FunctionGraph function URN.
func SMNOrFunctionURN() validator.String {
	return stringvalidator.Any(
		SMNTopicURN(),
		stringvalidator.RegexMatches(FunctionURNRegexp,
			"must be a FunctionGraph function URN of the form "+
				"urn:fss:{region}:{project_id}:function:{package}:{function_name}[:{version}]"),
	)
}
