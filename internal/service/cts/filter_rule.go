package cts

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CTS advanced-filter rules have the form "<field> <operator> <value>",
// operator = or !=, with a value shape per field. The grammar is checked at plan time so a bad rule fails
// before any API call, with a message that names the rule and the fix.

const (
	filterOpEqual    = "="
	filterOpNotEqual = "!="

	filterRuleForm    = `"<field> <operator> <value>" (single spaces, operator = or !=), e.g. "trace_rating = warning"`
	filterFieldChoice = "api_version, code, trace_rating, trace_type, resource_id or resource_name"
)

var apiVersionRegexp = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,64}$`)

// filterRule is one parsed rule.
type filterRule struct {
	Field, Operator, Value string
}

// String renders the rule in the only form the parser accepts, so parsing a
// valid rule and printing it gives the input back.
func (r filterRule) String() string {
	return r.Field + " " + r.Operator + " " + r.Value
}

// filterFieldRules checks a value for each field and says what is expected.
var filterFieldRules = map[string]struct {
	check  func(string) bool
	expect string
}{
	"api_version":   {apiVersionRegexp.MatchString, `1-64 letters, digits, "_", "." or "-"`},
	"code":          {runeCountBetween(1, 256), "1-256 characters"},
	"trace_rating":  {oneOf("normal", "warning", "incident"), "one of normal, warning, incident"},
	"trace_type":    {oneOf("ConsoleAction", "ApiCall", "SystemAction"), "one of ConsoleAction, ApiCall, SystemAction"},
	"resource_id":   {runeCountBetween(1, 350), "1-350 characters"},
	"resource_name": {runeCountBetween(1, 256), "1-256 characters"},
}

// parseFilterRule parses and validates one rule. Whitespace is strict (one
// space around the operator, none at either end) because the service splits
// on single spaces: a lenient parser here would accept rules it rejects.
func parseFilterRule(rule string) (filterRule, error) {
	fail := func(reason string) (filterRule, error) {
		return filterRule{}, fmt.Errorf("filter rule %q is invalid: %s; expected %s", rule, reason, filterRuleForm)
	}
	if !utf8.ValidString(rule) {
		return fail("it is not valid UTF-8")
	}
	if strings.IndexFunc(rule, unicode.IsControl) >= 0 {
		return fail("it contains a control character (such as a newline or tab)")
	}
	parts := strings.SplitN(rule, " ", 3)
	if len(parts) != 3 {
		return fail("it does not have a field, an operator and a value separated by spaces")
	}
	r := filterRule{Field: parts[0], Operator: parts[1], Value: parts[2]}
	field, known := filterFieldRules[r.Field]
	switch {
	case r.Field == "":
		return fail("it starts with a space")
	case !known:
		return fail(fmt.Sprintf("unknown field %q (allowed: %s)", r.Field, filterFieldChoice))
	case r.Operator != filterOpEqual && r.Operator != filterOpNotEqual:
		return fail(fmt.Sprintf("operator %q is not = or !=", r.Operator))
	case r.Value == "":
		return fail("the value is empty")
	case strings.TrimSpace(r.Value) != r.Value:
		return fail("the value starts or ends with a space")
	case !field.check(r.Value):
		return fail(fmt.Sprintf("the value of %s must be %s", r.Field, field.expect))
	}
	return r, nil
}

func runeCountBetween(lo, hi int) func(string) bool {
	return func(s string) bool {
		n := utf8.RuneCountInString(s)
		return n >= lo && n <= hi
	}
}

func oneOf(values ...string) func(string) bool {
	return func(s string) bool {
		for _, v := range values {
			if s == v {
				return true
			}
		}
		return false
	}
}

// filterRuleValidator validates a string as a CTS filter rule; unknown and
// null values are left alone.
type filterRuleValidator struct{}

var _ validator.String = filterRuleValidator{}

func (filterRuleValidator) Description(context.Context) string {
	return "must be a CTS filter rule " + filterRuleForm
}

func (v filterRuleValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (filterRuleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseFilterRule(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CTS filter rule", err.Error())
	}
}
