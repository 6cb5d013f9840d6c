package cts

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Wire values and limits of a CTS key-event notification, as the CTS API
// pages give them.
const (
	ctsOperationComplete   = "complete"
	ctsOperationCustomized = "customized"
	ctsStatusEnabled       = "enabled"
	ctsStatusDisabled      = "disabled"
	ctsConditionAND        = "AND"
	ctsConditionOR         = "OR"
	ctsAgencyName          = "cts_admin_trust"

	ctsNameRule = "1-64 characters, each an English letter (a-z, A-Z), a digit, _ or a Chinese character"

	ctsMaxServices       = 100  // distinct service_type values over all operations
	ctsMaxTraceNames     = 1000 // trace names over all operations
	ctsMaxUserGroups     = 10
	ctsMaxGroupNameChars = 128 // IAM CreateGroup page (2023-11-29) and SDK; older pages said 64
	ctsMaxUsers          = 50  // users over all groups
)

var (
	// Notification names: 1-64 characters, each an English letter, a digit,
	// "_" or a Chinese (Han) character. Other letters (é, ß, Cyrillic …) are
	// refused by the service, so they are refused at plan time too.
	ctsNotificationNameRegexp = regexp.MustCompile(`^[a-zA-Z0-9_\p{Han}]{1,64}$`)
	ctsServiceTypeRegexp      = regexp.MustCompile(`^[A-Z]+$`)
)

// ctsNotificationModel is the Terraform shape of hwcloud_cts_notification.
type ctsNotificationModel struct {
	ID               types.String   `tfsdk:"id"`
	Name             types.String   `tfsdk:"name"`
	OperationType    types.String   `tfsdk:"operation_type"`
	Operations       types.List     `tfsdk:"operations"`
	NotifyUsers      types.List     `tfsdk:"notify_users"`
	TopicID          types.String   `tfsdk:"topic_id"`
	Enabled          types.Bool     `tfsdk:"enabled"`
	Filter           types.Object   `tfsdk:"filter"`
	AgencyName       types.String   `tfsdk:"agency_name"`
	NotificationType types.String   `tfsdk:"notification_type"`
	ProjectID        types.String   `tfsdk:"project_id"`
	CreatedAt        types.String   `tfsdk:"created_at"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

type ctsOperationModel struct {
	ServiceType  types.String `tfsdk:"service_type"`
	ResourceType types.String `tfsdk:"resource_type"`
	TraceNames   types.Set    `tfsdk:"trace_names"`
}

type ctsNotifyUsersModel struct {
	UserGroup types.String `tfsdk:"user_group"`
	Users     types.Set    `tfsdk:"users"`
}

type ctsFilterModel struct {
	Condition types.String `tfsdk:"condition"`
	Rules     types.Set    `tfsdk:"rules"`
}

var (
	ctsOperationType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"service_type":  types.StringType,
		"resource_type": types.StringType,
		"trace_names":   types.SetType{ElemType: types.StringType},
	}}
	ctsNotifyUsersType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"user_group": types.StringType,
		"users":      types.SetType{ElemType: types.StringType},
	}}
	ctsFilterAttrTypes = map[string]attr.Type{
		"condition": types.StringType,
		"rules":     types.SetType{ElemType: types.StringType},
	}
)

// ctsSettings is what the configuration asks of the service, in wire types:
// the one source for the create body, the update body and for recognising
// a notification created by an attempt whose answer was lost.
type ctsSettings struct {
	Name, OperationType string
	Operations          []hwc.CTSOperation   // nil: none
	NotifyUsers         []hwc.CTSNotifyUsers // nil: none
	TopicID             string
	Filter              *hwc.CTSFilter // nil: none
	AgencyName          string
	Enabled             bool
}

// settings expands a plan. Sets come out sorted so requests are stable.
func (m ctsNotificationModel) settings(ctx context.Context) (ctsSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := ctsSettings{
		Name:          m.Name.ValueString(),
		OperationType: m.OperationType.ValueString(),
		TopicID:       m.TopicID.ValueString(),
		AgencyName:    m.AgencyName.ValueString(),
		// Null or unknown means the schema default, enabled.
		Enabled: m.Enabled.IsNull() || m.Enabled.IsUnknown() || m.Enabled.ValueBool(),
	}
	if !m.Operations.IsNull() && !m.Operations.IsUnknown() {
		var ops []ctsOperationModel
		diags.Append(m.Operations.ElementsAs(ctx, &ops, false)...)
		for _, op := range ops {
			s.Operations = append(s.Operations, hwc.CTSOperation{
				ServiceType:  op.ServiceType.ValueString(),
				ResourceType: op.ResourceType.ValueString(),
				TraceNames:   sortedStrings(ctx, op.TraceNames, &diags),
			})
		}
	}
	if !m.NotifyUsers.IsNull() && !m.NotifyUsers.IsUnknown() {
		var groups []ctsNotifyUsersModel
		diags.Append(m.NotifyUsers.ElementsAs(ctx, &groups, false)...)
		for _, g := range groups {
			s.NotifyUsers = append(s.NotifyUsers, hwc.CTSNotifyUsers{
				UserGroup: g.UserGroup.ValueString(),
				UserList:  sortedStrings(ctx, g.Users, &diags),
			})
		}
	}
	if !m.Filter.IsNull() && !m.Filter.IsUnknown() {
		var f ctsFilterModel
		diags.Append(m.Filter.As(ctx, &f, basetypes.ObjectAsOptions{})...)
		cond := f.Condition.ValueString()
		if cond == "" {
			cond = ctsConditionAND
		}
		s.Filter = &hwc.CTSFilter{Condition: cond, IsSupportFilter: true, Rule: sortedStrings(ctx, f.Rules, &diags)}
	}
	return s, diags
}

// sortedStrings is framework.SortedStrings, never nil: the wire wants [] for none.
func sortedStrings(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	out, d := framework.SortedStrings(ctx, set)
	diags.Append(d...)
	if out == nil {
		return []string{}
	}
	return out
}

func (s ctsSettings) status() string {
	if s.Enabled {
		return ctsStatusEnabled
	}
	return ctsStatusDisabled
}

// createRequest is the POST body; it has no status (see Create for the
// follow-up PUT when the service's choice differs).
func (s ctsSettings) createRequest() hwc.CreateCTSNotificationRequest {
	return hwc.CreateCTSNotificationRequest{
		NotificationName: s.Name,
		OperationType:    s.OperationType,
		Operations:       s.Operations,
		NotifyUserList:   s.NotifyUsers,
		TopicID:          s.TopicID,
		Filter:           s.Filter,
		AgencyName:       s.AgencyName,
	}
}

// updateRequest is the PUT body. The PUT replaces the whole notification,
// so whatever the configuration no longer has (a filter, operations, users)
// is simply left out and the service clears it.
func (s ctsSettings) updateRequest(id string) hwc.UpdateCTSNotificationRequest {
	return hwc.UpdateCTSNotificationRequest{NotificationID: id, Status: s.status(), CreateCTSNotificationRequest: s.createRequest()}
}

// matches reports whether n is exactly what a create with these settings
// makes (status aside: the create body has none). Order never matters.
func (s ctsSettings) matches(n *hwc.CTSNotification) bool {
	return n != nil &&
		n.NotificationName == s.Name &&
		n.OperationType == s.OperationType &&
		n.TopicID == s.TopicID &&
		n.AgencyName == s.AgencyName &&
		slices.Equal(operationKeys(n.Operations), operationKeys(s.Operations)) &&
		slices.Equal(userGroupKeys(n.NotifyUserList), userGroupKeys(s.NotifyUsers)) &&
		filterKey(n.Filter) == filterKey(s.Filter)
}

// notificationTypeOf is the type the service derives from a topic URN, ""
// when there is no topic to derive it from.
func notificationTypeOf(topicID string) string {
	switch {
	case strings.HasPrefix(topicID, "urn:smn:"):
		return hwc.CTSNotificationTypeSMN
	case strings.HasPrefix(topicID, "urn:fss:"):
		return hwc.CTSNotificationTypeFun
	}
	return ""
}

// canonicalKey renders v as JSON: a comparable identity for structured values.
func canonicalKey(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "" // cannot happen for the plain structs used here
	}
	return string(b)
}

// operationKeys is the order-insensitive identity of a list of operations.
func operationKeys(ops []hwc.CTSOperation) []string {
	keys := make([]string, 0, len(ops))
	for _, op := range ops {
		names := slices.Sorted(slices.Values(op.TraceNames))
		keys = append(keys, canonicalKey([]any{op.ServiceType, op.ResourceType, names}))
	}
	slices.Sort(keys)
	return keys
}

func userGroupKeys(groups []hwc.CTSNotifyUsers) []string {
	keys := make([]string, 0, len(groups))
	for _, g := range groups {
		keys = append(keys, canonicalKey([]any{g.UserGroup, slices.Sorted(slices.Values(g.UserList))}))
	}
	slices.Sort(keys)
	return keys
}

// filterKey treats every switched-off filter as no filter, and an empty
// condition of an active filter as the documented default, AND.
func filterKey(f *hwc.CTSFilter) string {
	if !f.Enabled() {
		return ""
	}
	cond := f.Condition
	if cond == "" {
		cond = ctsConditionAND
	}
	return canonicalKey([]any{cond, slices.Sorted(slices.Values(f.Rule))})
}

// flattenCTSNotification turns the service's view into state. prior (the
// plan or the previous state) keeps the user's list order when the service
// returns the same elements in another order, and carries the timeouts.
func flattenCTSNotification(ctx context.Context, n *hwc.CTSNotification, prior ctsNotificationModel) (ctsNotificationModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := ctsNotificationModel{
		ID:               types.StringValue(n.NotificationID),
		Name:             types.StringValue(n.NotificationName),
		OperationType:    types.StringValue(n.OperationType),
		TopicID:          optionalString(n.TopicID),
		Enabled:          types.BoolValue(n.Status == ctsStatusEnabled),
		AgencyName:       optionalString(n.AgencyName),
		NotificationType: optionalString(n.NotificationType),
		ProjectID:        optionalString(n.ProjectID),
		CreatedAt:        framework.MillisToRFC3339(n.CreateTime),
		Timeouts:         prior.Timeouts,
	}
	m.Operations = flattenOperations(ctx, n.Operations, prior.Operations, &diags)
	m.NotifyUsers = flattenNotifyUsers(ctx, n.NotifyUserList, prior.NotifyUsers, &diags)
	m.Filter = flattenFilter(ctx, n.Filter, &diags)
	return m, diags
}

func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func flattenOperations(ctx context.Context, ops []hwc.CTSOperation, prior types.List, diags *diag.Diagnostics) types.List {
	if len(ops) == 0 {
		return types.ListNull(ctsOperationType)
	}
	if priorOps := priorOperations(ctx, prior); priorOps != nil &&
		slices.Equal(operationKeys(priorOps), operationKeys(ops)) {
		return prior
	}
	elems := make([]ctsOperationModel, 0, len(ops))
	for _, op := range ops {
		elems = append(elems, ctsOperationModel{
			ServiceType:  types.StringValue(op.ServiceType),
			ResourceType: types.StringValue(op.ResourceType),
			TraceNames:   stringSet(ctx, op.TraceNames, diags),
		})
	}
	list, d := types.ListValueFrom(ctx, ctsOperationType, elems)
	diags.Append(d...)
	return list
}

func flattenNotifyUsers(ctx context.Context, groups []hwc.CTSNotifyUsers, prior types.List, diags *diag.Diagnostics) types.List {
	if len(groups) == 0 {
		return types.ListNull(ctsNotifyUsersType)
	}
	if priorGroups := priorNotifyUsers(ctx, prior); priorGroups != nil &&
		slices.Equal(userGroupKeys(priorGroups), userGroupKeys(groups)) {
		return prior
	}
	elems := make([]ctsNotifyUsersModel, 0, len(groups))
	for _, g := range groups {
		elems = append(elems, ctsNotifyUsersModel{
			UserGroup: types.StringValue(g.UserGroup),
			Users:     stringSet(ctx, g.UserList, diags),
		})
	}
	list, d := types.ListValueFrom(ctx, ctsNotifyUsersType, elems)
	diags.Append(d...)
	return list
}

// flattenFilter maps the service's "no filter" answers (absent, or
// {"condition":"","is_support_filter":false,"rule":null}) to null, so a
// configuration without a filter has no perpetual diff.
func flattenFilter(ctx context.Context, f *hwc.CTSFilter, diags *diag.Diagnostics) types.Object {
	if !f.Enabled() {
		return types.ObjectNull(ctsFilterAttrTypes)
	}
	cond := f.Condition
	if cond == "" {
		cond = ctsConditionAND
	}
	obj, d := types.ObjectValue(ctsFilterAttrTypes, map[string]attr.Value{
		"condition": types.StringValue(cond),
		"rules":     stringSet(ctx, f.Rule, diags),
	})
	diags.Append(d...)
	return obj
}

func stringSet(ctx context.Context, values []string, diags *diag.Diagnostics) types.Set {
	if values == nil {
		values = []string{}
	}
	set, d := types.SetValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return set
}

// priorOperations reads a known prior list back into wire form; nil when it
// is null, unknown or holds unknown parts (then the service's order is used).
func priorOperations(ctx context.Context, prior types.List) []hwc.CTSOperation {
	if prior.IsNull() || prior.IsUnknown() || !fullyKnown(prior) {
		return nil
	}
	s, diags := ctsNotificationModel{Operations: prior}.settings(ctx)
	if diags.HasError() {
		return nil
	}
	return s.Operations
}

func priorNotifyUsers(ctx context.Context, prior types.List) []hwc.CTSNotifyUsers {
	if prior.IsNull() || prior.IsUnknown() || !fullyKnown(prior) {
		return nil
	}
	s, diags := ctsNotificationModel{NotifyUsers: prior}.settings(ctx)
	if diags.HasError() {
		return nil
	}
	return s.NotifyUsers
}

// fullyKnown reports whether v and everything inside it is known.
func fullyKnown(v attr.Value) bool {
	if v.IsUnknown() {
		return false
	}
	var elems []attr.Value
	switch c := v.(type) {
	case types.List:
		elems = c.Elements()
	case types.Set:
		elems = c.Elements()
	case types.Object:
		for _, a := range c.Attributes() {
			elems = append(elems, a)
		}
	}
	for _, e := range elems {
		if !fullyKnown(e) {
			return false
		}
	}
	return true
}
