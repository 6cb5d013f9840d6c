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

	filterRuleForm    = `"<field> <operator> <value>" (operator = or !=), e.g. "trace_rating = warning"`
	filterFieldChoice = "api_version, code, trace_rating, trace_type, resource_id or resource_name"
)

var apiVersionRegexp = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,64}$`)

// filterRule is one parsed rule.
type filterRule struct {
	Field, Operator, Value string
}

// String renders the rule in its canonical form, with single spaces: the
// form of every example in Huawei's pages.
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

// parseFilterRule parses and validates one rule: the field, the operator and
// the value's shape, as Huawei's pages give them. Whitespace is lenient (any
// run of it between the parts, any at either end): no source says the
// service splits on single spaces, so the validator only warns when a rule
// is not in the canonical form (filterRule.String).
func parseFilterRule(rule string) (filterRule, error) {
	fail := func(reason string) (filterRule, error) {
		return filterRule{}, fmt.Errorf("filter rule %q is invalid: %s; expected %s", rule, reason, filterRuleForm)
	}
	if !utf8.ValidString(rule) {
		return fail("it is not valid UTF-8")
	}
	field, rest := cutSpace(strings.TrimSpace(rule))
	op, value := cutSpace(rest)
	if field == "" || op == "" || value == "" {
		return fail("it does not have a field, an operator and a value separated by spaces")
	}
	r := filterRule{Field: field, Operator: op, Value: value}
	check, known := filterFieldRules[r.Field]
	switch {
	case !known:
		return fail(fmt.Sprintf("unknown field %q (allowed: %s)", r.Field, filterFieldChoice))
	case r.Operator != filterOpEqual && r.Operator != filterOpNotEqual:
		return fail(fmt.Sprintf("operator %q is not = or !=", r.Operator))
	case !check.check(r.Value):
		return fail(fmt.Sprintf("the value of %s must be %s", r.Field, check.expect))
	}
	return r, nil
}

// cutSpace splits s at its first run of whitespace.
func cutSpace(s string) (before, after string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeftFunc(s[i:], unicode.IsSpace)
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
	rule := req.ConfigValue.ValueString()
	r, err := parseFilterRule(rule)
	switch {
	case err != nil:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CTS filter rule", err.Error())
	case r.String() != rule:
		resp.Diagnostics.AddAttributeWarning(req.Path, "CTS filter rule not in the usual form",
			fmt.Sprintf("Filter rule %q is sent as written. Every example Huawei publishes has single spaces "+
				"around the operator and none at either end (%q); the service may not accept other whitespace.",
				rule, r.String()))
	}
}
