package csms

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func TestCSMSNotificationRecordsSchemaModelParity(t *testing.T) {
	t.Parallel()
	resp := &datasource.SchemaResponse{}
	NewCSMSNotificationRecordsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, resp)
	s := resp.Schema
	if got, want := frameworktest.SortedKeys(s.Attributes), frameworktest.TFSDKTags(csmsNotificationRecordsModel{}); !slices.Equal(got, want) {
		t.Errorf("schema attributes %v, model fields %v", got, want)
	}
	item := s.Attributes["records"].(schema.ListNestedAttribute).NestedObject.Attributes
	if got, want := frameworktest.SortedKeys(item), frameworktest.TFSDKTags(csmsNotificationRecordModel{}); !slices.Equal(got, want) {
		t.Errorf("record attributes %v, model fields %v", got, want)
	}
}

func TestNotificationRecordFilterAndOrder(t *testing.T) {
	t.Parallel()
	recs := []hwc.NotificationRecord{
		{EventName: "ev", TriggerEventType: "SECRET_DELETED", SecretName: "a", CreateTime: 1_000},
		{EventName: "ev", TriggerEventType: "SECRET_VERSION_CREATED", SecretName: "a", CreateTime: 3_000},
		{EventName: "other", TriggerEventType: "SECRET_VERSION_CREATED", SecretName: "b", CreateTime: 2_000},
		{EventName: "ev", TriggerEventType: "SECRET_VERSION_CREATED", SecretName: "b", CreateTime: 3_000},
	}
	run := func(m csmsNotificationRecordsModel) []string {
		f, err := m.filter()
		if err != nil {
			t.Fatal(err)
		}
		var found []csmsNotificationRecordModel
		var created []int64
		for _, r := range recs {
			if f.matches(r) {
				found = append(found, recordModel(r))
				created = append(created, r.CreateTime)
			}
		}
		var out []string
		for _, r := range newestFirst(found, created) {
			out = append(out, r.SecretName.ValueString()+"/"+r.EventType.ValueString()+"@"+r.CreatedAt.ValueString())
		}
		return out
	}
	null := types.StringNull()
	all := run(csmsNotificationRecordsModel{EventName: null, SecretName: null, EventType: null, Since: null})
	want := []string{
		"a/SECRET_VERSION_CREATED@1970-01-01T00:00:03Z", "b/SECRET_VERSION_CREATED@1970-01-01T00:00:03Z",
		"b/SECRET_VERSION_CREATED@1970-01-01T00:00:02Z", "a/SECRET_DELETED@1970-01-01T00:00:01Z",
	}
	if !slices.Equal(all, want) {
		t.Errorf("no filter: %v, want %v (newest first, ties in the service's order)", all, want)
	}
	got := run(csmsNotificationRecordsModel{EventName: types.StringValue("ev"), SecretName: null,
		EventType: types.StringValue("SECRET_VERSION_CREATED"), Since: types.StringValue("1970-01-01T08:00:02+08:00")})
	if !slices.Equal(got, []string{"a/SECRET_VERSION_CREATED@1970-01-01T00:00:03Z", "b/SECRET_VERSION_CREATED@1970-01-01T00:00:03Z"}) {
		t.Errorf("event, type and since: %v", got)
	}
	if got := run(csmsNotificationRecordsModel{EventName: null, SecretName: types.StringValue("a"), EventType: null, Since: null}); len(got) != 2 {
		t.Errorf("secret a: %v", got)
	}
}
