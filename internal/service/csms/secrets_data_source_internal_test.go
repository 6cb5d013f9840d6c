package csms

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func csmsSecretsSchema(t testing.TB) schema.Schema {
	t.Helper()
	resp := &datasource.SchemaResponse{}
	NewCSMSSecretsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatal(diags)
	}
	return resp.Schema
}

func TestCSMSSecretsDataSource_SchemaModelParity(t *testing.T) {
	t.Parallel()
	s := csmsSecretsSchema(t)
	if got, want := frameworktest.SortedKeys(s.Attributes), frameworktest.TFSDKTags(csmsSecretsDataSourceModel{}); !slices.Equal(got, want) {
		t.Errorf("schema attributes %v, model fields %v", got, want)
	}
	nested := s.Attributes["secrets"].(schema.ListNestedAttribute).NestedObject.Attributes
	if got, want := frameworktest.SortedKeys(nested), frameworktest.TFSDKTags(csmsSecretItemModel{}); !slices.Equal(got, want) {
		t.Errorf("secrets attributes %v, model fields %v", got, want)
	}
	for name, a := range s.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no description", name)
		}
	}
	for name, a := range nested {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("secrets.%s has no description", name)
		}
	}
}

func stringList(values ...string) attr.Value {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

func tagFilter(kv map[string]attr.Value) types.Map {
	return types.MapValueMust(types.ListType{ElemType: types.StringType}, kv)
}

func validateMapAttr(t *testing.T, a schema.MapAttribute, v types.Map) []string {
	t.Helper()
	var errs []string
	for _, val := range a.MapValidators() {
		resp := &validator.MapResponse{}
		val.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: v}, resp)
		for _, d := range resp.Diagnostics.Errors() {
			errs = append(errs, d.Detail())
		}
	}
	return errs
}

func TestCSMSSecretsDataSource_TagFilterValidation(t *testing.T) {
	t.Parallel()
	tagsAttr := csmsSecretsSchema(t).Attributes["tags"].(schema.MapAttribute)
	many := func(n int, f func(i int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	keys := func(ks ...string) types.Map {
		m := map[string]attr.Value{}
		for _, k := range ks {
			m[k] = stringList()
		}
		return tagFilter(m)
	}
	values := func(vs ...string) types.Map { return tagFilter(map[string]attr.Value{"env": stringList(vs...)}) }

	valid := map[string]types.Map{
		"AND/OR with empty list":  tagFilter(map[string]attr.Value{"env": stringList("prod", "staging"), "team": stringList()}),
		"ten keys":                keys(many(10, func(i int) string { return "k" + string(rune('a'+i)) })...),
		"ten values":              values(many(10, func(i int) string { return "v" + string(rune('a'+i)) })...),
		"key of 128":              keys(strings.Repeat("k", 128)),
		"key specials":            keys("a_b.c:d=e+f-g@h i"),
		"non-ASCII letters":       tagFilter(map[string]attr.Value{"环境": stringList("生产")}),
		"any number, separator":   tagFilter(map[string]attr.Value{"a²\u3000b": stringList("Ⅳ\u00a0x")}),
		"outer ideographic space": keys("\u3000env\u3000"),
		"value of 255":            values(strings.Repeat("v", 255)),
		"value specials":          values("a/b_c.d:e=f+g-h@i j"),
		"empty value":             values(""),
		"sys inside a key":        keys("my_sys_key"),
		"null map":                types.MapNull(types.ListType{ElemType: types.StringType}),
		"unknown map":             types.MapUnknown(types.ListType{ElemType: types.StringType}),
	}
	for name, v := range valid {
		if errs := validateMapAttr(t, tagsAttr, v); len(errs) > 0 {
			t.Errorf("%s: unexpected errors %v", name, errs)
		}
	}

	invalid := map[string]struct {
		v    types.Map
		want string
	}{
		"eleven keys":         {keys(many(11, func(i int) string { return "k" + string(rune('a'+i)) })...), "at most 10"},
		"eleven values":       {values(many(11, func(i int) string { return "v" + string(rune('a'+i)) })...), "at most 10"},
		"empty key":           {keys(""), "between 1 and 128"},
		"key of 129":          {keys(strings.Repeat("k", 129)), "between 1 and 128"},
		"leading space":       {keys(" env"), "start or end with a space"},
		"trailing space":      {keys("env "), "start or end with a space"},
		"system prefix":       {keys("_sys_env"), `must not start with "_sys_"`},
		"key star":            {keys("a*b"), "only letters, numbers"},
		"key slash":           {keys("a/b"), "only letters, numbers"},
		"key tab":             {keys("a\tb"), "only letters, numbers"},
		"value of 256":        {values(strings.Repeat("v", 256)), "at most 255"},
		"value backslash":     {values(`a\b`), "only letters, numbers"},
		"value angle bracket": {values("a<b"), "only letters, numbers"},
		"duplicate values":    {values("prod", "prod"), "duplicate values"},
		"null list":           {tagFilter(map[string]attr.Value{"env": types.ListNull(types.StringType)}), "null"},
		"null value": {tagFilter(map[string]attr.Value{"env": types.ListValueMust(types.StringType,
			[]attr.Value{types.StringNull()})}), "null"},
	}
	for name, tc := range invalid {
		errs := validateMapAttr(t, tagsAttr, tc.v)
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tc.want) }) {
			t.Errorf("%s: want an error containing %q, got %v", name, tc.want, errs)
		}
	}
}

func validateStringAttr(a schema.StringAttribute, v string) bool {
	for _, val := range a.StringValidators() {
		resp := &validator.StringResponse{}
		val.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(v)}, resp)
		if resp.Diagnostics.HasError() {
			return false
		}
	}
	return true
}

func TestCSMSSecretsDataSource_NameMatchAndStateValidation(t *testing.T) {
	t.Parallel()
	s := csmsSecretsSchema(t)
	nameMatch := s.Attributes["name_match"].(schema.StringAttribute)
	state := s.Attributes["state"].(schema.StringAttribute)
	for v, ok := range map[string]bool{"db": true, strings.Repeat("n", 255): true, "": false, strings.Repeat("n", 256): false} {
		if validateStringAttr(nameMatch, v) != ok {
			t.Errorf("name_match %.10q… valid=%v, want %v", v, !ok, ok)
		}
	}
	for v, ok := range map[string]bool{"ENABLED": true, "DISABLED": true, "PENDING_DELETE": true, "FROZEN": true,
		"pending_delete": false, "DELETED": false, "": false} {
		if validateStringAttr(state, v) != ok {
			t.Errorf("state %q valid=%v, want %v", v, !ok, ok)
		}
	}
}

func TestCSMSSecretsDataSourceModel_Query(t *testing.T) {
	t.Parallel()
	m := csmsSecretsDataSourceModel{
		Tags:      map[string][]string{"team": nil, "env": {"prod", "staging"}},
		NameMatch: types.StringValue("db"),
		State:     types.StringNull(),
	}
	q := m.query()
	want := []hwc.TagFilter{{Key: "env", Values: []string{"prod", "staging"}}, {Key: "team", Values: []string{}}}
	if !reflect.DeepEqual(q.Tags, want) {
		t.Fatalf("tags %#v, want %#v", q.Tags, want)
	}
	if q.Tags[1].Values == nil {
		t.Fatal("an empty value list must stay an empty list (any value), not null")
	}
	if q.NameMatch != "db" || q.State != "" {
		t.Fatalf("query %+v", q)
	}
	if q := (csmsSecretsDataSourceModel{NameMatch: types.StringNull(), State: types.StringValue("FROZEN")}).query(); q.Tags != nil || q.NameMatch != "" || q.State != "FROZEN" {
		t.Fatalf("query without tags %+v", q)
	}
}

func TestCSMSSecretsDataSourceModel_SetResults(t *testing.T) {
	t.Parallel()
	found := []hwc.ResourceInstance{
		variedSecrets()[0], // db-password: every field set
		{ResourceID: "id-2", ResourceName: "plain", Secret: hwc.Secret{ID: "id-2", Name: "plain", State: "ENABLED"}},
	}
	var m csmsSecretsDataSourceModel
	m.setResults(found)

	if !slices.Equal(m.IDs, []string{"id-1", "id-2"}) || !slices.Equal(m.Names, []string{"db-password", "plain"}) {
		t.Fatalf("ids %v names %v", m.IDs, m.Names)
	}
	if m.TotalCount.ValueInt64() != 2 {
		t.Fatalf("total_count %v", m.TotalCount)
	}
	s := m.Secrets[0]
	for _, c := range []struct {
		name      string
		got, want string
	}{
		{"created_at", s.CreatedAt.ValueString(), "2020-02-12T11:39:40Z"},
		{"updated_at", s.UpdatedAt.ValueString(), "2020-02-12T11:39:41Z"},
		{"scheduled_delete_time", s.ScheduledDeleteTime.ValueString(), "2020-02-12T11:39:40Z"},
		{"next_rotation_time", s.NextRotationTime.ValueString(), "2020-02-12T11:39:42Z"},
		{"state", s.State.ValueString(), "PENDING_DELETE"},
		{"kms_key_id", s.KMSKeyID.ValueString(), "k1"},
		{"secret_type", s.SecretType.ValueString(), "COMMON"},
		{"rotation_period", s.RotationPeriod.ValueString(), "30d"},
		{"enterprise_project_id", s.EnterpriseProjectID.ValueString(), "0"},
		{"description", s.Description.ValueString(), "d"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if !s.AutoRotation.ValueBool() || !slices.Equal(s.EventSubscriptions, []string{"ev1"}) {
		t.Errorf("rotation/subscriptions %+v", s)
	}
	if !reflect.DeepEqual(s.Tags, map[string]string{"env": "prod", "empty": ""}) ||
		!reflect.DeepEqual(s.SysTags, map[string]string{"_sys_enterprise_project_id": "0"}) {
		t.Errorf("tags %v sys_tags %v", s.Tags, s.SysTags)
	}

	plain := m.Secrets[1]
	if !plain.ScheduledDeleteTime.IsNull() || !plain.NextRotationTime.IsNull() || !plain.CreatedAt.IsNull() {
		t.Errorf("unset times must be null: %+v", plain)
	}
	if plain.Tags == nil || len(plain.Tags) != 0 || plain.SysTags == nil || plain.EventSubscriptions == nil {
		t.Errorf("absent tags/subscriptions must be empty, not null: %+v", plain)
	}

	var empty csmsSecretsDataSourceModel
	empty.setResults(nil)
	if empty.Secrets == nil || empty.IDs == nil || empty.Names == nil || empty.TotalCount.ValueInt64() != 0 {
		t.Fatalf("no match must give empty lists and 0: %+v", empty)
	}
}

func TestSecretAPIHint(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  error
		want string
	}{
		{&hwc.APIError{StatusCode: 403, Code: "CSMS.0403"}, "may call CSMS ListResourceInstances"},
		{&hwc.APIError{StatusCode: 401, Code: "APIG.0301"}, "Check the credentials"},
		{&hwc.APIError{StatusCode: 400, Code: "CSMS.0002"}, "rejected the request. Fix it."},
		{&hwc.APIError{StatusCode: 429, Code: "APIG.0308"}, "try again later"},
		{&hwc.APIError{StatusCode: 503}, "try again later"},
		{fmt.Errorf("wrapped: %w", &hwc.APIError{StatusCode: 400}), "rejected the request"},
		{errors.New("connection reset by peer"), "try again later"},
	}
	for _, tc := range cases {
		if got := secretAPIHint(tc.err, "ListResourceInstances", "Fix it."); !strings.Contains(got, tc.want) {
			t.Errorf("%v: hint %q, want it to contain %q", tc.err, got, tc.want)
		}
	}
}

// setResults is the reference the state builders are tested against: the
// results put in the model the way the framework's reflection reads them.
// No match is an empty list, not null.
func (m *csmsSecretsDataSourceModel) setResults(found []hwc.ResourceInstance) {
	m.Secrets = make([]csmsSecretItemModel, 0, len(found))
	m.IDs = make([]string, 0, len(found))
	m.Names = make([]string, 0, len(found))
	for _, r := range found {
		item := flattenSecretItem(r)
		m.Secrets = append(m.Secrets, item)
		m.IDs = append(m.IDs, item.ID.ValueString())
		m.Names = append(m.Names, item.Name.ValueString())
	}
	m.TotalCount = types.Int64Value(int64(len(found)))
}

func flattenSecretItem(r hwc.ResourceInstance) csmsSecretItemModel {
	s := r.Secret
	item := csmsSecretItemModel{
		ID:                  types.StringValue(r.ID()),
		Name:                types.StringValue(r.Name()),
		State:               types.StringValue(s.State),
		Description:         types.StringValue(s.Description),
		KMSKeyID:            types.StringValue(s.KMSKeyID),
		SecretType:          types.StringValue(s.SecretType),
		CreatedAt:           framework.MillisToRFC3339(s.CreateTime),
		UpdatedAt:           framework.MillisToRFC3339(s.UpdateTime),
		ScheduledDeleteTime: types.StringNull(),
		AutoRotation:        types.BoolValue(s.AutoRotation),
		RotationPeriod:      types.StringValue(s.RotationPeriod),
		NextRotationTime:    framework.MillisToRFC3339(s.NextRotationTime),
		EventSubscriptions:  append([]string{}, s.EventSubscriptions...),
		EnterpriseProjectID: types.StringValue(s.EnterpriseProjectID),
		Tags:                tagsToMap(r.Tags),
		SysTags:             tagsToMap(r.SysTags),
	}
	if s.ScheduledDeleteTime != nil {
		item.ScheduledDeleteTime = framework.MillisToRFC3339(*s.ScheduledDeleteTime)
	}
	return item
}
