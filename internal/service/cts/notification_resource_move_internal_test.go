package cts

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
)

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
