package emulator

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// English letters, digits, "_" and Chinese characters, as Huawei's own
	// provider validates the name; any other letter is refused.
	ctsNamePattern    = regexp.MustCompile(`^[a-zA-Z0-9_\p{Han}]{1,64}$`)
	apiVersionPattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,64}$`)
)

const (
	maxCTSServices   = 100  // distinct service types (SDK Operations model, CTS getting-started guide)
	maxCTSOperations = 1000 // trace names in all (same sources)
	maxCTSGroups     = 10
	maxCTSUsers      = 50
	maxCTSGroupRunes = 128 // IAM CreateGroup page (2023-11-29) and SDK; older pages said 64
	maxCTSUserRunes  = 64
)

// validNotification checks the fields create and update share and builds the
// notification they describe (status and ids are the caller's business).
func (e *Emulator) validNotification(c *call, in createNotificationInput) (notification, error) {
	var n notification
	if in.NotificationName == nil || !ctsNamePattern.MatchString(*in.NotificationName) {
		return n, badRequest("CTS.0411", "notification_name must be 1 to 64 English letters, digits, underscores or Chinese characters")
	}
	n.NotificationName = *in.NotificationName
	if in.OperationType == nil || *in.OperationType != "complete" && *in.OperationType != "customized" {
		return n, c.invalid("operation_type is required and must be complete or customized")
	}
	n.OperationType = *in.OperationType
	ops, err := validOperations(n.OperationType, in.Operations)
	if err != nil {
		return n, err
	}
	n.Operations = ops
	users, err := c.validNotifyUsers(in.NotifyUserList)
	if err != nil {
		return n, err
	}
	n.NotifyUserList = users
	if in.AgencyName != nil {
		if *in.AgencyName != "cts_admin_trust" {
			return n, c.invalid("agency_name must be cts_admin_trust")
		}
		n.AgencyName = *in.AgencyName
	}
	n.NotificationType = "smn"
	// "topic_id": "" means no topic, as if the field were absent: Huawei's
	// own provider sends it on a create without a topic.
	if in.TopicID != nil && *in.TopicID != "" {
		typ, err := e.validTopic(c, *in.TopicID)
		if err != nil {
			return n, err
		}
		n.TopicID, n.NotificationType = *in.TopicID, typ
	}
	if in.Filter != nil {
		f, err := c.validCTSFilter(*in.Filter)
		if err != nil {
			return n, err
		}
		n.Filter = &f
	}
	return n, nil
}

// validOperations: customized needs at least one operation; with complete
// operations are accepted and kept as sent (a guess: the pages only say they
// are not needed, none that the service refuses them). Each entry needs a
// service type, a resource type and trace names, none empty (the pages mark
// them mandatory and give no other shape; service types are "generally"
// upper case, so that is not checked); at most 100 distinct services and
// 1,000 trace names in all.
func validOperations(opType string, in []ctsOperationInput) ([]ctsOperation, error) {
	bad := func(msg string, args ...any) error {
		return badRequest("CTS.0401", "operations: "+fmt.Sprintf(msg, args...))
	}
	if opType == "customized" && len(in) == 0 {
		return nil, bad("are required when operation_type is customized")
	}
	out := make([]ctsOperation, 0, len(in))
	services := map[string]bool{}
	total := 0
	for i, op := range in {
		switch {
		case op.ServiceType == nil || *op.ServiceType == "":
			return nil, bad("[%d].service_type is required", i)
		case op.ResourceType == nil || *op.ResourceType == "":
			return nil, bad("[%d].resource_type is required", i)
		case len(op.TraceNames) == 0:
			return nil, bad("[%d].trace_names must hold at least one trace name", i)
		case slices.Contains(op.TraceNames, ""):
			return nil, bad("[%d].trace_names: a trace name must not be empty", i)
		}
		services[*op.ServiceType] = true
		total += len(op.TraceNames)
		out = append(out, ctsOperation{*op.ServiceType, *op.ResourceType, slices.Clone(op.TraceNames)})
	}
	if len(services) > maxCTSServices {
		return nil, bad("at most %d distinct service types", maxCTSServices)
	}
	if total > maxCTSOperations {
		return nil, bad("at most %d trace names in all", maxCTSOperations)
	}
	return out, nil
}

func (c *call) validNotifyUsers(in []ctsUsersInput) ([]ctsUsers, error) {
	if len(in) > maxCTSGroups {
		return nil, c.invalid("notify_user_list: at most %d user groups", maxCTSGroups)
	}
	out := make([]ctsUsers, 0, len(in))
	total := 0
	for i, g := range in {
		if g.UserGroup == nil || *g.UserGroup == "" || utf8.RuneCountInString(*g.UserGroup) > maxCTSGroupRunes {
			return nil, c.invalid("notify_user_list[%d].user_group must be 1 to %d characters", i, maxCTSGroupRunes)
		}
		if len(g.UserList) == 0 {
			return nil, c.invalid("notify_user_list[%d].user_list must name at least one user", i)
		}
		for _, u := range g.UserList {
			if u == "" || utf8.RuneCountInString(u) > maxCTSUserRunes {
				return nil, c.invalid("notify_user_list[%d].user_list: a user name must be 1 to %d characters", i, maxCTSUserRunes)
			}
		}
		total += len(g.UserList)
		out = append(out, ctsUsers{*g.UserGroup, slices.Clone(g.UserList)})
	}
	if total > maxCTSUsers {
		return nil, c.invalid("notify_user_list: at most %d users in all", maxCTSUsers)
	}
	return out, nil
}

// validTopic checks a topic_id and derives notification_type from it. A
// missing SMN topic is CTS.0402; for a missing function the documentation
// has no code of its own, and CTS.0404 (state setting failed for the target)
// is the closest.
func (e *Emulator) validTopic(c *call, urn string) (string, error) {
	switch {
	case smnURNPattern.MatchString(urn):
		if !e.store.topics[urn] {
			return "", badRequest("CTS.0402", "the SMN topic "+urn+" does not exist")
		}
		return "smn", nil
	case fssURNPattern.MatchString(urn):
		if !e.store.functions[urn] {
			return "", badRequest("CTS.0404", "the FunctionGraph function "+urn+" does not exist")
		}
		return "fun", nil
	}
	return "", c.invalid("topic_id must be an SMN topic URN (urn:smn:…) or a FunctionGraph function URN (urn:fss:…)")
}

// validCTSFilter: is_support_filter is required, condition is AND or OR
// (a switched-off filter may leave it empty), and rule must hold at least
// one rule, each checked against the rule grammar. A filter object without
// rules is refused even when switched off: the SDK's model marks rule as
// required, and Huawei's provider never sends such a filter, it leaves the
// filter out to clear it. Whether the real service refuses it is a guess;
// refusing it keeps a client from relying on a shape no evidence supports.
func (c *call) validCTSFilter(in ctsFilterInput) (ctsFilter, error) {
	if in.IsSupportFilter == nil {
		return ctsFilter{}, c.invalid("filter.is_support_filter is required")
	}
	cond := deref(in.Condition, "")
	switch {
	case cond != "AND" && cond != "OR" && (*in.IsSupportFilter || cond != ""):
		return ctsFilter{}, c.invalid("filter.condition must be AND or OR")
	case len(in.Rule) == 0:
		return ctsFilter{}, c.invalid("filter.rule must hold at least one rule; leave the filter out to have none")
	}
	for i, r := range in.Rule {
		if err := validFilterRule(r); err != "" {
			return ctsFilter{}, c.invalid("filter.rule[%d] %q: %s", i, r, err)
		}
	}
	return ctsFilter{Condition: cond, IsSupportFilter: *in.IsSupportFilter, Rule: slices.Clone(in.Rule)}, nil
}

// validFilterRule returns "" for a valid "<field> <op> <value>" rule, else
// what is wrong. Any whitespace separates the parts and may surround the
// rule: the pages' examples use single spaces, but no source says other
// whitespace is refused.
func validFilterRule(rule string) string {
	field, rest := cutSpace(strings.TrimSpace(rule))
	op, value := cutSpace(rest)
	if field == "" || op == "" || value == "" {
		return `want "<field> <op> <value>" separated by spaces`
	}
	if op != "=" && op != "!=" {
		return "the operator must be = or !="
	}
	runes := utf8.RuneCountInString(value)
	switch field {
	case "api_version":
		if !apiVersionPattern.MatchString(value) {
			return "api_version must match ^[a-zA-Z0-9_.-]{1,64}$"
		}
	case "code":
		if runes > 256 {
			return "code must be 1 to 256 characters"
		}
	case "trace_rating":
		if !slices.Contains([]string{"normal", "warning", "incident"}, value) {
			return "trace_rating must be normal, warning or incident"
		}
	case "trace_type":
		if !slices.Contains([]string{"ConsoleAction", "ApiCall", "SystemAction"}, value) {
			return "trace_type must be ConsoleAction, ApiCall or SystemAction"
		}
	case "resource_id":
		if runes > 350 {
			return "resource_id must be 1 to 350 characters"
		}
	case "resource_name":
		if runes > 256 {
			return "resource_name must be 1 to 256 characters"
		}
	default:
		return "the field must be one of api_version, code, trace_rating, trace_type, resource_id, resource_name"
	}
	return ""
}

// cutSpace splits s at its first run of whitespace.
func cutSpace(s string) (before, after string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeftFunc(s[i:], unicode.IsSpace)
}
