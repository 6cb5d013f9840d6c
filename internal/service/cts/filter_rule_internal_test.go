package cts

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestParseFilterRule_Valid(t *testing.T) {
	t.Parallel()
	cases := []struct {
		rule string
		want filterRule
	}{
		{"api_version = v1.0_beta-2", filterRule{"api_version", "=", "v1.0_beta-2"}},
		{"api_version != " + strings.Repeat("a", 64), filterRule{"api_version", "!=", strings.Repeat("a", 64)}},
		{"code = 200", filterRule{"code", "=", "200"}},
		{"code != " + strings.Repeat("x", 256), filterRule{"code", "!=", strings.Repeat("x", 256)}},
		{"trace_rating = normal", filterRule{"trace_rating", "=", "normal"}},
		{"trace_rating != warning", filterRule{"trace_rating", "!=", "warning"}},
		{"trace_rating = incident", filterRule{"trace_rating", "=", "incident"}},
		{"trace_type = ConsoleAction", filterRule{"trace_type", "=", "ConsoleAction"}},
		{"trace_type = ApiCall", filterRule{"trace_type", "=", "ApiCall"}},
		{"trace_type != SystemAction", filterRule{"trace_type", "!=", "SystemAction"}},
		{"resource_id = " + strings.Repeat("9", 350), filterRule{"resource_id", "=", strings.Repeat("9", 350)}},
		{"resource_name = my bucket", filterRule{"resource_name", "=", "my bucket"}},
		{"resource_name != " + strings.Repeat("名", 256), filterRule{"resource_name", "!=", strings.Repeat("名", 256)}},
	}
	for _, tc := range cases {
		t.Run(tc.rule[:min(len(tc.rule), 30)], func(t *testing.T) {
			t.Parallel()
			got, err := parseFilterRule(tc.rule)
			if err != nil {
				t.Fatalf("parseFilterRule(%q): %v", tc.rule, err)
			}
			if got != tc.want {
				t.Fatalf("parseFilterRule(%q) = %+v, want %+v", tc.rule, got, tc.want)
			}
			if got.String() != tc.rule {
				t.Fatalf("String() = %q, want the input back", got.String())
			}
		})
	}
}

func TestParseFilterRule_Invalid(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, rule, reason string
	}{
		{"empty", "", "field, an operator and a value"},
		{"no spaces", "code=200", "field, an operator and a value"},
		{"two parts", "code =", "field, an operator and a value"},
		{"unknown field", "status = ok", `unknown field "status"`},
		{"upper-case field", "Code = 200", `unknown field "Code"`},
		{"double equals", "code == 200", `operator "==" is not = or !=`},
		{"less than", "code < 200", `operator "<" is not = or !=`},
		{"empty value", "code = ", "field, an operator and a value"},
		{"spaces only", " \t ", "field, an operator and a value"},
		{"invalid utf-8", "code = \xff", "not valid UTF-8"},
		{"api_version bad char", "api_version = v1/2", "api_version must be 1-64 letters"},
		{"api_version too long", "api_version = " + strings.Repeat("a", 65), "api_version must be 1-64"},
		{"code too long", "code = " + strings.Repeat("x", 257), "code must be 1-256 characters"},
		{"trace_rating unknown", "trace_rating = critical", "one of normal, warning, incident"},
		{"trace_rating case", "trace_rating = Normal", "one of normal, warning, incident"},
		{"trace_type unknown", "trace_type = apicall", "one of ConsoleAction, ApiCall, SystemAction"},
		{"resource_id too long", "resource_id = " + strings.Repeat("9", 351), "resource_id must be 1-350"},
		{"resource_name too long", "resource_name = " + strings.Repeat("名", 257), "resource_name must be 1-256"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseFilterRule(tc.rule)
			if err == nil {
				t.Fatalf("parseFilterRule(%q) accepted an invalid rule", tc.rule)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.reason) {
				t.Errorf("error %q does not explain %q", msg, tc.reason)
			}
			if !strings.Contains(msg, "<field> <operator> <value>") {
				t.Errorf("error %q does not show the expected form", msg)
			}
			if !strings.Contains(msg, strconv.Quote(tc.rule)) {
				t.Errorf("error %q does not name the rule", msg)
			}
		})
	}
}

// Whitespace other than single spaces has no source: such a rule parses to
// its canonical form and the validator warns instead of failing.
func TestParseFilterRule_Whitespace(t *testing.T) {
	t.Parallel()
	for rule, want := range map[string]filterRule{
		" code = 200":             {"code", "=", "200"},
		"code =  200":             {"code", "=", "200"},
		"code = 200 ":             {"code", "=", "200"},
		"code\t= 200":             {"code", "=", "200"},
		"trace_type  !=\tApiCall": {"trace_type", "!=", "ApiCall"},
		"code = 2\n00":            {"code", "=", "2\n00"},
		"resource_name = a  b":    {"resource_name", "=", "a  b"},
	} {
		got, err := parseFilterRule(rule)
		if err != nil || got != want {
			t.Errorf("parseFilterRule(%q) = %+v, %v; want %+v", rule, got, err, want)
		}
	}
}

func TestFilterRuleValidator(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name              string
		value             types.String
		wantErr, wantWarn bool
	}{
		{"valid", types.StringValue("trace_type = ApiCall"), false, false},
		{"invalid", types.StringValue("trace_type ApiCall"), true, false},
		{"double space warns", types.StringValue("trace_type  = ApiCall"), false, true},
		{"tab warns", types.StringValue("trace_type =\tApiCall"), false, true},
		{"null is skipped", types.StringNull(), false, false},
		{"unknown is skipped", types.StringUnknown(), false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("filter").AtName("rules"), ConfigValue: tc.value}
			var resp validator.StringResponse
			filterRuleValidator{}.ValidateString(context.Background(), req, &resp)
			if got := resp.Diagnostics.HasError(); got != tc.wantErr {
				t.Fatalf("HasError = %v, want %v: %v", got, tc.wantErr, resp.Diagnostics)
			}
			if got := resp.Diagnostics.WarningsCount() > 0; got != tc.wantWarn {
				t.Fatalf("warning = %v, want %v: %v", got, tc.wantWarn, resp.Diagnostics)
			}
		})
	}
}

// FuzzParseFilterRule checks that no input panics and that every accepted
// rule is printed back exactly as given and passes again.
func FuzzParseFilterRule(f *testing.F) {
	for _, seed := range []string{
		"", " ", "code = 200", "code != 200", "code == 200", "trace_rating = warning", "trace_type = ApiCall",
		"api_version = v1.0", "resource_id = a b c", "resource_name = 名字", "code =  x", "code = x ", "\xff",
		"resource_name = \u3000x", "code\x00= 1",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, rule string) {
		r, err := parseFilterRule(rule)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		again, err := parseFilterRule(r.String())
		if err != nil {
			t.Fatalf("accepted %q, then rejected its own rendering: %v", rule, err)
		}
		if again != r {
			t.Fatalf("accepted %q as %+v, but its rendering parses as %+v", rule, r, again)
		}
		if r.Operator != filterOpEqual && r.Operator != filterOpNotEqual {
			t.Fatalf("accepted operator %q", r.Operator)
		}
	})
}
