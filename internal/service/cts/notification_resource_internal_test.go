package cts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

const (
	ctsTestTopic    = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:audit"
	ctsTestFunction = "urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:audit:latest"
)

func TestCTSNotificationSchemaModelParity(t *testing.T) {
	t.Parallel()
	s := frameworktest.ResourceSchema(t, NewCTSNotificationResource())
	if got, want := frameworktest.SortedKeys(s.Attributes), frameworktest.TFSDKTags(ctsNotificationModel{}); !slices.Equal(got, want) {
		t.Errorf("schema attributes %v, model fields %v", got, want)
	}
	nested := map[string]struct {
		attrs map[string]schema.Attribute
		model any
		typ   map[string]attr.Type
	}{
		"operations":   {s.Attributes["operations"].(schema.ListNestedAttribute).NestedObject.Attributes, ctsOperationModel{}, ctsOperationType.AttrTypes},
		"notify_users": {s.Attributes["notify_users"].(schema.ListNestedAttribute).NestedObject.Attributes, ctsNotifyUsersModel{}, ctsNotifyUsersType.AttrTypes},
		"filter":       {s.Attributes["filter"].(schema.SingleNestedAttribute).Attributes, ctsFilterModel{}, ctsFilterAttrTypes},
	}
	for name, n := range nested {
		if got, want := frameworktest.SortedKeys(n.attrs), frameworktest.TFSDKTags(n.model); !slices.Equal(got, want) {
			t.Errorf("%s attributes %v, model fields %v", name, got, want)
		}
		if got, want := frameworktest.SortedKeys(n.attrs), frameworktest.SortedKeys(n.typ); !slices.Equal(got, want) {
			t.Errorf("%s attributes %v, attr types %v", name, got, want)
		}
		for attrName, a := range n.attrs {
			if !a.GetType().Equal(n.typ[attrName]) {
				t.Errorf("%s.%s has type %v in the schema, %v in the flatten types", name, attrName, a.GetType(), n.typ[attrName])
			}
		}
	}
}

func TestCTSNotificationSchemaDescriptions(t *testing.T) {
	t.Parallel()
	s := frameworktest.ResourceSchema(t, NewCTSNotificationResource())
	check := func(prefix string, attrs map[string]schema.Attribute) {
		for name, a := range attrs {
			if a.GetMarkdownDescription() == "" {
				t.Errorf("%s%s has no MarkdownDescription", prefix, name)
			}
		}
	}
	check("", s.Attributes)
	check("operations.", s.Attributes["operations"].(schema.ListNestedAttribute).NestedObject.Attributes)
	check("notify_users.", s.Attributes["notify_users"].(schema.ListNestedAttribute).NestedObject.Attributes)
	check("filter.", s.Attributes["filter"].(schema.SingleNestedAttribute).Attributes)
}

func TestCTSNotificationNameRegexp(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		"audit":                   true,
		"Audit_2":                 true,
		"审计通知":                    true,
		strings.Repeat("a", 64):   true,
		strings.Repeat("名", 64):   true,
		"":                        false,
		strings.Repeat("a", 65):   false,
		"with-dash":               false,
		"with space":              false,
		"dot.name":                false,
		"00000000-0000-4000-8000": false,
		// Letters outside English and Chinese are refused by the service.
		"café":   false,
		"straße": false,
		"имя":    false,
		"名前ひらがな": false,
		"한국어":    false,
	} {
		if got := ctsNotificationNameRegexp.MatchString(name); got != want {
			t.Errorf("name %q: valid = %v, want %v", name, got, want)
		}
	}
}

// ctsOps builds an operations list value from (service, resource, traces...) triples.
func ctsOps(t *testing.T, ops ...[]string) types.List {
	t.Helper()
	return ctsObjects(ctsOperationType, ops, func(op []string) map[string]attr.Value {
		return map[string]attr.Value{
			"service_type":  types.StringValue(op[0]),
			"resource_type": types.StringValue(op[1]),
			"trace_names":   ctsStringSet(op[2:]...),
		}
	})
}

// ctsUsers builds a notify_users list value from (group, users...) rows.
func ctsUsers(t *testing.T, groups ...[]string) types.List {
	t.Helper()
	return ctsObjects(ctsNotifyUsersType, groups, func(g []string) map[string]attr.Value {
		return map[string]attr.Value{
			"user_group": types.StringValue(g[0]),
			"users":      ctsStringSet(g[1:]...),
		}
	})
}

func ctsFilter(condition string, rules ...string) types.Object {
	return types.ObjectValueMust(ctsFilterAttrTypes, map[string]attr.Value{
		"condition": types.StringValue(condition),
		"rules":     ctsStringSet(rules...),
	})
}

// ctsObjects is a list of objects of typ, one built from each row.
func ctsObjects(typ types.ObjectType, rows [][]string, build func(row []string) map[string]attr.Value) types.List {
	elems := make([]attr.Value, 0, len(rows))
	for _, row := range rows {
		elems = append(elems, types.ObjectValueMust(typ.AttrTypes, build(row)))
	}
	return types.ListValueMust(typ, elems)
}

func ctsStringSet(values ...string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

// ctsModel is a valid plan with every optional part unset.
func ctsModel() ctsNotificationModel {
	return ctsNotificationModel{
		Name:          types.StringValue("audit"),
		OperationType: types.StringValue(ctsOperationComplete),
		Operations:    types.ListNull(ctsOperationType),
		NotifyUsers:   types.ListNull(ctsNotifyUsersType),
		TopicID:       types.StringValue(ctsTestTopic),
		Enabled:       types.BoolValue(true),
		Filter:        types.ObjectNull(ctsFilterAttrTypes),
		AgencyName:    types.StringNull(),
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCTSSettingsRequests(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	full := ctsModel()
	full.OperationType = types.StringValue(ctsOperationCustomized)
	full.Operations = ctsOps(t, []string{"CTS", "tracker", "deleteTracker", "createTracker"})
	full.NotifyUsers = ctsUsers(t, []string{"admin", "bob", "alice"})
	full.Filter = ctsFilter("OR", "trace_type = ApiCall", "code = 200")
	full.AgencyName = types.StringValue(ctsAgencyName)
	full.Enabled = types.BoolValue(false)

	s, diags := full.settings(ctx)
	if diags.HasError() {
		t.Fatal(diags)
	}
	// Sets are sent sorted; the create body has no status.
	wantCreate := `{"notification_name":"audit","operation_type":"customized",` +
		`"operations":[{"service_type":"CTS","resource_type":"tracker","trace_names":["createTracker","deleteTracker"]}],` +
		`"notify_user_list":[{"user_group":"admin","user_list":["alice","bob"]}],"topic_id":"` + ctsTestTopic + `",` +
		`"filter":{"condition":"OR","is_support_filter":true,"rule":["code = 200","trace_type = ApiCall"]},` +
		`"agency_name":"cts_admin_trust"}`
	if got := mustJSON(t, s.createRequest()); got != wantCreate {
		t.Errorf("create body\n got %s\nwant %s", got, wantCreate)
	}
	if got := s.updateRequest("id-1"); got.Status != ctsStatusDisabled || got.NotificationID != "id-1" {
		t.Errorf("update carries status %q, id %q", got.Status, got.NotificationID)
	}

	// The PUT replaces the whole notification: removed blocks are left out of
	// it (never sent as empty lists or a switched-off filter), as on create.
	bare, diags := ctsModel().settings(ctx)
	if diags.HasError() {
		t.Fatal(diags)
	}
	wantUpdate := `{"notification_id":"id-1","status":"enabled","notification_name":"audit","operation_type":"complete",` +
		`"topic_id":"` + ctsTestTopic + `"}`
	if got := mustJSON(t, bare.updateRequest("id-1")); got != wantUpdate {
		t.Errorf("update body\n got %s\nwant %s", got, wantUpdate)
	}
	wantBareCreate := `{"notification_name":"audit","operation_type":"complete","topic_id":"` + ctsTestTopic + `"}`
	if got := mustJSON(t, bare.createRequest()); got != wantBareCreate {
		t.Errorf("create body\n got %s\nwant %s", got, wantBareCreate)
	}
}

func TestCTSSettingsEnabledDefault(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		enabled types.Bool
		want    string
	}{
		"null is the default": {types.BoolNull(), ctsStatusEnabled},
		"true":                {types.BoolValue(true), ctsStatusEnabled},
		"false":               {types.BoolValue(false), ctsStatusDisabled},
	} {
		m := ctsModel()
		m.Enabled = tc.enabled
		s, _ := m.settings(context.Background())
		if got := s.status(); got != tc.want {
			t.Errorf("%s: status %q, want %q", name, got, tc.want)
		}
	}
}

func TestCTSSettingsMatches(t *testing.T) {
	t.Parallel()
	want := ctsSettings{
		Name: "audit", OperationType: ctsOperationCustomized, TopicID: ctsTestTopic,
		Operations:  []hwc.CTSOperation{{ServiceType: "CTS", ResourceType: "tracker", TraceNames: []string{"a", "b"}}, {ServiceType: "AOM", ResourceType: "pe", TraceNames: []string{"c"}}},
		NotifyUsers: []hwc.CTSNotifyUsers{{UserGroup: "admin", UserList: []string{"alice", "bob"}}},
		Filter:      &hwc.CTSFilter{Condition: "AND", IsSupportFilter: true, Rule: []string{"code = 1", "code = 2"}},
	}
	same := func() *hwc.CTSNotification {
		return &hwc.CTSNotification{
			NotificationName: "audit", OperationType: ctsOperationCustomized, TopicID: ctsTestTopic, Status: "enabled",
			NotificationID: "x", NotificationType: "smn",
			// Same content, other order.
			Operations:     []hwc.CTSOperation{{ServiceType: "AOM", ResourceType: "pe", TraceNames: []string{"c"}}, {ServiceType: "CTS", ResourceType: "tracker", TraceNames: []string{"b", "a"}}},
			NotifyUserList: []hwc.CTSNotifyUsers{{UserGroup: "admin", UserList: []string{"bob", "alice"}}},
			Filter:         &hwc.CTSFilter{Condition: "", IsSupportFilter: true, Rule: []string{"code = 2", "code = 1"}},
		}
	}
	if !want.matches(same()) {
		t.Error("the same notification in another order does not match")
	}
	if want.matches(nil) {
		t.Error("nil matches")
	}
	changes := map[string]func(*hwc.CTSNotification){
		"name":        func(n *hwc.CTSNotification) { n.NotificationName = "audit2" },
		"type":        func(n *hwc.CTSNotification) { n.OperationType = ctsOperationComplete },
		"topic":       func(n *hwc.CTSNotification) { n.TopicID = ctsTestFunction },
		"agency":      func(n *hwc.CTSNotification) { n.AgencyName = ctsAgencyName },
		"trace name":  func(n *hwc.CTSNotification) { n.Operations[1].TraceNames = []string{"a"} },
		"operations":  func(n *hwc.CTSNotification) { n.Operations = n.Operations[:1] },
		"users":       func(n *hwc.CTSNotification) { n.NotifyUserList[0].UserList = []string{"alice"} },
		"no users":    func(n *hwc.CTSNotification) { n.NotifyUserList = nil },
		"condition":   func(n *hwc.CTSNotification) { n.Filter.Condition = "OR" },
		"rules":       func(n *hwc.CTSNotification) { n.Filter.Rule = []string{"code = 1"} },
		"filter off":  func(n *hwc.CTSNotification) { n.Filter.IsSupportFilter = false },
		"filter null": func(n *hwc.CTSNotification) { n.Filter = nil },
	}
	for name, change := range changes {
		n := same()
		change(n)
		if want.matches(n) {
			t.Errorf("a notification with a different %s matches", name)
		}
	}

	// Every "no filter" answer of the service is no filter.
	none := ctsSettings{Name: "a", OperationType: ctsOperationComplete}
	for _, f := range []*hwc.CTSFilter{nil, {}, {Condition: "", IsSupportFilter: false, Rule: nil},
		{Condition: "AND", IsSupportFilter: false, Rule: []string{"code = 1"}}} {
		if !none.matches(&hwc.CTSNotification{NotificationName: "a", OperationType: ctsOperationComplete, Filter: f}) {
			t.Errorf("filter %+v is not the same as no filter", f)
		}
	}
}

func TestFlattenCTSNotification(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	n := &hwc.CTSNotification{
		NotificationName: "audit", OperationType: ctsOperationCustomized, Status: "disabled", TopicID: ctsTestFunction,
		NotificationID: "6d4a09bb-aa8e-40db-9e87-0d5e203823a8", NotificationType: "fun", ProjectID: "p1",
		CreateTime: 1634001495876, AgencyName: ctsAgencyName,
		Operations:     []hwc.CTSOperation{{ServiceType: "CTS", ResourceType: "tracker", TraceNames: []string{"a"}}},
		NotifyUserList: []hwc.CTSNotifyUsers{{UserGroup: "admin", UserList: []string{"alice"}}},
		Filter:         &hwc.CTSFilter{Condition: "", IsSupportFilter: true, Rule: []string{"code = 1"}},
	}
	m, diags := flattenCTSNotification(ctx, n, ctsNotificationModel{})
	if diags.HasError() {
		t.Fatal(diags)
	}
	checks := map[string][2]attr.Value{
		"id":                {m.ID, types.StringValue(n.NotificationID)},
		"name":              {m.Name, types.StringValue("audit")},
		"enabled":           {m.Enabled, types.BoolValue(false)},
		"topic_id":          {m.TopicID, types.StringValue(ctsTestFunction)},
		"notification_type": {m.NotificationType, types.StringValue("fun")},
		"project_id":        {m.ProjectID, types.StringValue("p1")},
		"created_at":        {m.CreatedAt, types.StringValue("2021-10-12T01:18:15Z")},
		"agency_name":       {m.AgencyName, types.StringValue(ctsAgencyName)},
		"operations":        {m.Operations, ctsOps(t, []string{"CTS", "tracker", "a"})},
		"notify_users":      {m.NotifyUsers, ctsUsers(t, []string{"admin", "alice"})},
		// An active filter without a condition uses the documented default.
		"filter": {m.Filter, ctsFilter("AND", "code = 1")},
	}
	for name, c := range checks {
		if !c[0].Equal(c[1]) {
			t.Errorf("%s = %v, want %v", name, c[0], c[1])
		}
	}

	// The service's empty answers are null, never an empty value that would diff against the configuration.
	empty := &hwc.CTSNotification{NotificationName: "a", OperationType: ctsOperationComplete, Status: "enabled",
		Operations: []hwc.CTSOperation{}, NotifyUserList: []hwc.CTSNotifyUsers{},
		Filter: &hwc.CTSFilter{Condition: "", IsSupportFilter: false, Rule: nil}}
	m, diags = flattenCTSNotification(ctx, empty, ctsNotificationModel{})
	if diags.HasError() {
		t.Fatal(diags)
	}
	for name, v := range map[string]attr.Value{
		"operations": m.Operations, "notify_users": m.NotifyUsers, "filter": m.Filter, "topic_id": m.TopicID,
		"agency_name": m.AgencyName, "created_at": m.CreatedAt,
	} {
		if !v.IsNull() {
			t.Errorf("%s = %v, want null", name, v)
		}
	}
	// A filter switched off but still holding rules does nothing: no filter.
	empty.Filter = &hwc.CTSFilter{Condition: "OR", IsSupportFilter: false, Rule: []string{"code = 1"}}
	if m, _ = flattenCTSNotification(ctx, empty, ctsNotificationModel{}); !m.Filter.IsNull() {
		t.Errorf("switched-off filter flattened to %v", m.Filter)
	}
}

func TestFlattenCTSNotificationKeepsConfiguredOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	prior := ctsModel()
	prior.Operations = ctsOps(t, []string{"CTS", "tracker", "a"}, []string{"AOM", "pe", "b"})
	prior.NotifyUsers = ctsUsers(t, []string{"g2", "u2"}, []string{"g1", "u1"})
	n := &hwc.CTSNotification{
		NotificationName: "audit", OperationType: ctsOperationCustomized, Status: "enabled",
		Operations:     []hwc.CTSOperation{{ServiceType: "AOM", ResourceType: "pe", TraceNames: []string{"b"}}, {ServiceType: "CTS", ResourceType: "tracker", TraceNames: []string{"a"}}},
		NotifyUserList: []hwc.CTSNotifyUsers{{UserGroup: "g1", UserList: []string{"u1"}}, {UserGroup: "g2", UserList: []string{"u2"}}},
	}
	m, diags := flattenCTSNotification(ctx, n, prior)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !m.Operations.Equal(prior.Operations) || !m.NotifyUsers.Equal(prior.NotifyUsers) {
		t.Errorf("reordered answer changed the lists: %v, %v", m.Operations, m.NotifyUsers)
	}
	// A real difference is taken from the service, in its order.
	n.Operations[0].TraceNames = []string{"changed"}
	m, _ = flattenCTSNotification(ctx, n, prior)
	want := ctsOps(t, []string{"AOM", "pe", "changed"}, []string{"CTS", "tracker", "a"})
	if !m.Operations.Equal(want) {
		t.Errorf("operations = %v, want %v", m.Operations, want)
	}
}

func TestNotificationTypeOf(t *testing.T) {
	t.Parallel()
	for urn, want := range map[string]string{ctsTestTopic: "smn", ctsTestFunction: "fun", "": "", "arn:x": ""} {
		if got := notificationTypeOf(urn); got != want {
			t.Errorf("notificationTypeOf(%q) = %q, want %q", urn, got, want)
		}
	}
}

func TestValidateCTSNotificationConfig(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	manyUsers := func(n int) []string {
		g := []string{"g"}
		for i := range n {
			g = append(g, fmt.Sprintf("u%d", i))
		}
		return g
	}
	manyTraces := func(service string, n int) []string {
		op := []string{service, "r"}
		for i := range n {
			op = append(op, fmt.Sprintf("t%d", i))
		}
		return op
	}
	manyEntries := func(n int, service func(int) string) [][]string {
		var out [][]string
		for i := range n {
			out = append(out, []string{service(i), fmt.Sprintf("r%d", i), "t"})
		}
		return out
	}
	unknownOpsElement := types.ListValueMust(ctsOperationType, []attr.Value{types.ObjectUnknown(ctsOperationType.AttrTypes)})
	cases := []struct {
		name   string
		change func(*ctsNotificationModel)
		want   string // "" = valid
	}{
		{"valid complete", func(*ctsNotificationModel) {}, ""},
		// No source says the service refuses operations with complete: a warning.
		{"complete with operations", func(m *ctsNotificationModel) { m.Operations = ctsOps(t, []string{"CTS", "t", "a"}) }, "warning: operations with operation_type complete"},
		{"complete, operations unknown", func(m *ctsNotificationModel) { m.Operations = types.ListUnknown(ctsOperationType) }, ""},
		{"customized without operations", func(m *ctsNotificationModel) { m.OperationType = types.StringValue(ctsOperationCustomized) }, "operations required"},
		{"customized, operations unknown", func(m *ctsNotificationModel) {
			m.OperationType = types.StringValue(ctsOperationCustomized)
			m.Operations = types.ListUnknown(ctsOperationType)
		}, ""},
		{"operation type unknown", func(m *ctsNotificationModel) {
			m.OperationType = types.StringUnknown()
			m.Operations = ctsOps(t, []string{"CTS", "t", "a"})
		}, ""},
		{"enabled by default without topic", func(m *ctsNotificationModel) {
			m.Enabled = types.BoolNull()
			m.TopicID = types.StringNull()
		}, "topic_id required"},
		{"enabled without topic", func(m *ctsNotificationModel) { m.TopicID = types.StringNull() }, "topic_id required"},
		{"disabled without topic", func(m *ctsNotificationModel) {
			m.Enabled = types.BoolValue(false)
			m.TopicID = types.StringNull()
		}, ""},
		{"enabled unknown without topic", func(m *ctsNotificationModel) {
			m.Enabled = types.BoolUnknown()
			m.TopicID = types.StringNull()
		}, ""},
		{"topic unknown", func(m *ctsNotificationModel) { m.TopicID = types.StringUnknown() }, ""},
		{"50 users", func(m *ctsNotificationModel) {
			m.NotifyUsers = ctsUsers(t, manyUsers(25), append([]string{"h"}, manyUsers(25)[1:]...))
		}, ""},
		{"51 users", func(m *ctsNotificationModel) {
			m.NotifyUsers = ctsUsers(t, manyUsers(26), append([]string{"h"}, manyUsers(25)[1:]...))
		}, "Too many users"},
		{"1000 trace names", func(m *ctsNotificationModel) {
			m.OperationType = types.StringValue(ctsOperationCustomized)
			m.Operations = ctsOps(t, manyTraces("A", 500), manyTraces("B", 500))
		}, ""},
		{"1001 trace names", func(m *ctsNotificationModel) {
			m.OperationType = types.StringValue(ctsOperationCustomized)
			m.Operations = ctsOps(t, manyTraces("A", 500), manyTraces("B", 501))
		}, "Too many trace names"},
		// The limit is 100 services, not 100 entries: entries may share a service.
		{"101 entries of one service", func(m *ctsNotificationModel) {
			m.OperationType = types.StringValue(ctsOperationCustomized)
			m.Operations = ctsOps(t, manyEntries(101, func(i int) string { return "ECS" })...)
		}, ""},
		{"100 services", func(m *ctsNotificationModel) {
			m.OperationType = types.StringValue(ctsOperationCustomized)
			m.Operations = ctsOps(t, manyEntries(100, func(i int) string { return fmt.Sprintf("S%d", i) })...)
		}, ""},
		{"101 services", func(m *ctsNotificationModel) {
			m.OperationType = types.StringValue(ctsOperationCustomized)
			m.Operations = ctsOps(t, manyEntries(101, func(i int) string { return fmt.Sprintf("S%d", i) })...)
		}, "Too many services"},
		{"unknown operation element", func(m *ctsNotificationModel) {
			m.OperationType = types.StringValue(ctsOperationCustomized)
			m.Operations = unknownOpsElement
		}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := ctsModel()
			tc.change(&m)
			var diags diag.Diagnostics
			validateCTSNotificationConfig(ctx, m, &diags)
			warning, isWarning := strings.CutPrefix(tc.want, "warning: ")
			switch {
			case (tc.want == "" || isWarning) && diags.HasError():
				t.Errorf("unexpected errors: %v", diags)
			case isWarning && !slices.ContainsFunc(diags.Warnings(), func(d diag.Diagnostic) bool { return strings.Contains(d.Summary(), warning) }):
				t.Errorf("want a warning %q, got %v", warning, diags)
			case tc.want != "" && !isWarning && !diagsContain(diags, tc.want):
				t.Errorf("want an error %q, got %v", tc.want, diags)
			}
		})
	}
}

func diagsContain(diags diag.Diagnostics, s string) bool {
	for _, d := range diags.Errors() {
		if strings.Contains(d.Summary()+" "+d.Detail(), s) {
			return true
		}
	}
	return false
}

// ctsRaw is a resource value with only topic_id and notification_type set.
func ctsRaw(t *testing.T, s schema.Schema, topic tftypes.Value, notificationType string) tftypes.Value {
	t.Helper()
	typ := s.Type().TerraformType(context.Background()).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	vals["topic_id"] = topic
	if notificationType != "" {
		vals["notification_type"] = tftypes.NewValue(tftypes.String, notificationType)
	}
	return tftypes.NewValue(typ, vals)
}

func TestNotificationTypeFromTopicPlanModifier(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := frameworktest.ResourceSchema(t, NewCTSNotificationResource())
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	null := tftypes.NewValue(tftypes.String, nil)
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	noState := tftypes.NewValue(s.Type().TerraformType(ctx), nil)
	cases := []struct {
		name      string
		planTopic tftypes.Value
		state     tftypes.Value
		want      types.String
	}{
		{"SMN topic", str(ctsTestTopic), noState, types.StringValue("smn")},
		{"function", str(ctsTestFunction), ctsRaw(t, s, str(ctsTestTopic), "smn"), types.StringValue("fun")},
		{"topic unknown", unknown, ctsRaw(t, s, str(ctsTestTopic), "smn"), types.StringUnknown()},
		{"no topic, new", null, noState, types.StringUnknown()},
		{"no topic before or after: kept", null, ctsRaw(t, s, null, "smn"), types.StringValue("smn")},
		{"topic removed: the service decides", null, ctsRaw(t, s, str(ctsTestFunction), "fun"), types.StringUnknown()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			state := tfsdk.State{Schema: s, Raw: tc.state}
			var stateValue types.String
			if !tc.state.IsNull() {
				if d := state.GetAttribute(ctx, path.Root("notification_type"), &stateValue); d.HasError() {
					t.Fatal(d)
				}
			}
			req := planmodifier.StringRequest{
				Path:       path.Root("notification_type"),
				PlanValue:  types.StringUnknown(),
				StateValue: stateValue,
				Plan:       tfsdk.Plan{Schema: s, Raw: ctsRaw(t, s, tc.planTopic, "")},
				State:      state,
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			notificationTypeFromTopic{}.PlanModifyString(ctx, req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("planned %v, want %v", resp.PlanValue, tc.want)
			}
		})
	}
}

func TestAddCTSNotificationErrorHints(t *testing.T) {
	t.Parallel()
	want := ctsSettings{Name: "audit", TopicID: ctsTestTopic}
	cases := map[string]string{
		"CTS.0400": "terraform import hwcloud_cts_notification.<resource name> audit",
		"CTS.0402": "The SMN topic " + ctsTestTopic + " does not exist",
		"CTS.0404": "could not send to topic_id " + ctsTestTopic,
		"CTS.0407": "quota of CTS key-event notifications is used up",
		"CTS.0401": "check each service_type, resource_type and trace_names",
		"CTS.0003": "Fix the cause above",
	}
	for code, hint := range cases {
		err := &hwc.APIError{StatusCode: 400, Code: code, Message: "refused", RequestID: "req-1", Method: "POST", Path: "/v3/p/notifications"}
		var diags diag.Diagnostics
		addCTSNotificationError(&diags, "Cannot create", fmt.Errorf("wrapped: %w", err), want, "")
		if !diagsContain(diags, hint) || !diagsContain(diags, "req-1") {
			t.Errorf("%s: diagnostics %v lack %q or the request id", code, diags, hint)
		}
	}
	var diags diag.Diagnostics
	addCTSNotificationError(&diags, "Cannot create", &hwc.APIError{StatusCode: 400, Code: "CTS.0400"}, want, "")
	if got := diags.Errors()[0].Summary(); got != `CTS notification "audit" already exists` {
		t.Errorf("duplicate-name summary %q", got)
	}
	diags = nil
	addCTSNotificationError(&diags, "Cannot update", errors.New("connection reset"), want, "Not changed. ")
	if !diagsContain(diags, "Not changed. Fix the cause above") {
		t.Errorf("prefix missing: %v", diags)
	}
}

// The lenient readings on single attributes (docs-dev/validation-rules.md): service types are only
// "generally" upper case (a warning), resource types and trace names have no
// length cap, and IAM group names have up to 128 characters.
func TestCTSNotificationLenientAttributes(t *testing.T) {
	t.Parallel()
	s := frameworktest.ResourceSchema(t, NewCTSNotificationResource())
	nested := func(list, name string) schema.StringAttribute {
		return s.Attributes[list].(schema.ListNestedAttribute).NestedObject.Attributes[name].(schema.StringAttribute)
	}
	run := func(a schema.StringAttribute, v string) (warnings, errors int) {
		resp := &validator.StringResponse{}
		for _, val := range a.StringValidators() {
			val.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(v)}, resp)
		}
		return resp.Diagnostics.WarningsCount(), resp.Diagnostics.ErrorsCount()
	}
	cases := []struct {
		attr           schema.StringAttribute
		value          string
		warnings, errs int
	}{
		{nested("operations", "service_type"), "ECS", 0, 0},
		{nested("operations", "service_type"), "ecs", 1, 0},
		{nested("operations", "service_type"), "", 1, 1},
		{nested("operations", "resource_type"), strings.Repeat("r", 300), 0, 0},
		{nested("operations", "resource_type"), "", 0, 1},
		{nested("notify_users", "user_group"), strings.Repeat("g", 128), 0, 0},
		{nested("notify_users", "user_group"), strings.Repeat("組", 128), 0, 0},
		{nested("notify_users", "user_group"), strings.Repeat("g", 129), 0, 1},
	}
	for _, tc := range cases {
		if w, e := run(tc.attr, tc.value); w != tc.warnings || e != tc.errs {
			t.Errorf("%.20q: %d warnings, %d errors; want %d, %d", tc.value, w, e, tc.warnings, tc.errs)
		}
	}
}

func moveCTS(t *testing.T, attrs []byte) ctsNotificationModel {
	t.Helper()
	var got ctsNotificationModel
	frameworktest.RequireMoved(t, frameworktest.RunMove(t, &ctsNotificationResource{}, frameworktest.MoveRequest("huaweicloud_cts_notification", attrs)), &got)
	return got
}

func TestCTSNotificationMoveFromOfficial_Complete(t *testing.T) {
	t.Parallel()
	got := moveCTS(t, frameworktest.OfficialInstances(t, "huaweicloud_cts_notification")[0])

	if got.ID.ValueString() != "360f2e62-190a-4b5f-9d46-86af6ad05305" || got.Name.ValueString() != "fx_complete" {
		t.Errorf("id/name = %s/%s, want the notification_id and the name", got.ID, got.Name)
	}
	if got.OperationType.ValueString() != "complete" || !got.Enabled.ValueBool() {
		t.Errorf("operation_type/enabled = %s/%s", got.OperationType, got.Enabled)
	}
	if got.TopicID.ValueString() != "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:t1" {
		t.Errorf("smn_topic did not become topic_id: %s", got.TopicID)
	}
	// Empty blocks and an empty agency are "not set" here.
	if !got.Operations.IsNull() || !got.NotifyUsers.IsNull() || !got.Filter.IsNull() || !got.AgencyName.IsNull() {
		t.Errorf("operations/notify_users/filter/agency_name = %s/%s/%s/%s, want null",
			got.Operations, got.NotifyUsers, got.Filter, got.AgencyName)
	}
	if got.CreatedAt.ValueString() != "2026-12-01T18:15:08Z" {
		t.Errorf("created_at = %s", got.CreatedAt)
	}
	// Not in the official state: left to the refresh, never invented.
	if !got.NotificationType.IsNull() || !got.ProjectID.IsNull() || !got.Timeouts.IsNull() {
		t.Errorf("notification_type/project_id/timeouts = %s/%s/%s, want null", got.NotificationType, got.ProjectID, got.Timeouts)
	}
}

func TestCTSNotificationMoveFromOfficial_Customized(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	got := moveCTS(t, frameworktest.OfficialInstances(t, "huaweicloud_cts_notification")[1])

	s, diags := got.settings(ctx)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(s.Operations) != 1 || s.Operations[0].ServiceType != "ECS" || s.Operations[0].ResourceType != "ecs" ||
		canonicalKey(s.Operations[0].TraceNames) != `["createServer","deleteServer"]` {
		t.Errorf("operations = %+v", s.Operations)
	}
	if len(s.NotifyUsers) != 1 || s.NotifyUsers[0].UserGroup != "admin" ||
		canonicalKey(s.NotifyUsers[0].UserList) != `["alice","bob"]` {
		t.Errorf("operation_users did not become notify_users: %+v", s.NotifyUsers)
	}
	if s.Filter == nil || s.Filter.Condition != "OR" || canonicalKey(s.Filter.Rule) != `["code = 200","trace_rating = warning"]` {
		t.Errorf("filter = %+v", s.Filter)
	}
	if s.AgencyName != "cts_admin_trust" || got.ID.ValueString() != "6b81233d-9759-4669-a06b-13320dd38b29" {
		t.Errorf("agency_name/id = %s/%s", s.AgencyName, got.ID)
	}
}

func TestCTSNotificationMoveVariants(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, "huaweicloud_cts_notification")[1]
	blank := []map[string]any{{"condition": "", "rule": []string{}}}
	if got := moveCTS(t, frameworktest.PatchJSON(t, src, map[string]any{"filter": blank})); !got.Filter.IsNull() {
		t.Errorf("a blank filter entry did not become no filter: %s", got.Filter)
	}
	noCondition := []map[string]any{{"condition": "", "rule": []string{"code = 200"}}}
	got := moveCTS(t, frameworktest.PatchJSON(t, src, map[string]any{"filter": noCondition}))
	var f ctsFilterModel
	if diags := got.Filter.As(context.Background(), &f, basetypes.ObjectAsOptions{}); diags.HasError() ||
		f.Condition.ValueString() != ctsConditionAND {
		t.Errorf("a filter with rules but no condition = %s, want the default AND", got.Filter)
	}
	if got := moveCTS(t, frameworktest.PatchJSON(t, src, map[string]any{"status": "disabled", "enabled": false})); got.Enabled.ValueBool() {
		t.Error("status disabled did not become enabled = false")
	}
	if got := moveCTS(t, frameworktest.PatchJSON(t, src, map[string]any{"status": nil, "enabled": false})); got.Enabled.ValueBool() {
		t.Error("without a status, enabled = false was not kept")
	}
	if got := moveCTS(t, frameworktest.PatchJSON(t, src, map[string]any{"created_at": "yesterday"})); !got.CreatedAt.IsNull() {
		t.Errorf("an unreadable created_at = %s, want null (filled by the refresh)", got.CreatedAt)
	}
	timeouts := map[string]any{"create": "7m", "update": nil, "delete": "3m"}
	got = moveCTS(t, frameworktest.PatchJSON(t, src, map[string]any{"timeouts": timeouts}))
	create, _ := got.Timeouts.Create(context.Background(), 0)
	del, _ := got.Timeouts.Delete(context.Background(), 0)
	update, _ := got.Timeouts.Update(context.Background(), 42)
	if create.Minutes() != 7 || del.Minutes() != 3 || update != 42 {
		t.Errorf("timeouts create/delete/update = %s/%s/%s, want 7m/3m/default", create, del, update)
	}

	for name, c := range map[string]struct {
		patch     map[string]any
		fragments []string
	}{
		"no notification_id": {map[string]any{"notification_id": ""}, []string{"notification_id is empty"}},
		"unknown status":     {map[string]any{"status": "paused"}, []string{`status = "paused"`}},
		"filter not a list":  {map[string]any{"filter": "OR"}, []string{`"filter"`, "a list"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := frameworktest.RunMove(t, &ctsNotificationResource{}, frameworktest.MoveRequest("huaweicloud_cts_notification", frameworktest.PatchJSON(t, src, c.patch)))
			frameworktest.RequireRefused(t, resp, c.fragments...)
		})
	}
}
