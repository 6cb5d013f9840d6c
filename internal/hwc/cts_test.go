package hwc

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
)

const ctsJSON = `{"notification_id":"6d4a09bb-aa8e-40db-9e87-0d5e203823a8","notification_name":"test",` +
	`"agency_name":"cts_admin_trust","operation_type":"customized",` +
	`"operations":[{"service_type":"CTS","resource_type":"tracker","trace_names":["createTracker","deleteTracker"]}],` +
	`"notify_user_list":[{"user_group":"admin","user_list":["u1","u2"]}],"status":"enabled",` +
	`"project_id":"p0123","notification_type":"smn","create_time":1634001495876,"domain_id":"d1",` +
	`"topic_id":"urn:smn:cn-north-4:p0123:foo","filter":{"condition":"OR","is_support_filter":true,"rule":["code = 400"]}}`

var (
	ctsOps     = []CTSOperation{{ServiceType: "CTS", ResourceType: "tracker", TraceNames: []string{"createTracker", "deleteTracker"}}}
	ctsUsers   = []CTSNotifyUsers{{UserGroup: "admin", UserList: []string{"u1", "u2"}}}
	ctsFilter  = &CTSFilter{Condition: "OR", IsSupportFilter: true, Rule: []string{"code = 400"}}
	wantNotify = &CTSNotification{
		NotificationID: "6d4a09bb-aa8e-40db-9e87-0d5e203823a8", NotificationName: "test", AgencyName: "cts_admin_trust",
		OperationType: "customized", Operations: ctsOps, NotifyUserList: ctsUsers, Status: "enabled",
		ProjectID: "p0123", NotificationType: "smn", CreateTime: 1634001495876, TopicID: "urn:smn:cn-north-4:p0123:foo",
		Filter: ctsFilter,
	}
)

const (
	opsJSON    = `"operations":[{"service_type":"CTS","resource_type":"tracker","trace_names":["createTracker","deleteTracker"]}]`
	usersJSON  = `"notify_user_list":[{"user_group":"admin","user_list":["u1","u2"]}]`
	filterJSON = `"filter":{"condition":"OR","is_support_filter":true,"rule":["code = 400"]}`
)

func TestCTSWireFormat(t *testing.T) {
	t.Parallel()
	runWireCases(t, map[string]wireCase{
		"create with everything": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateCTSNotification(ctx, CreateCTSNotificationRequest{
					NotificationName: "test", OperationType: "customized", Operations: ctsOps, NotifyUserList: ctsUsers,
					TopicID: "urn:smn:cn-north-4:p0123:foo", Filter: ctsFilter, AgencyName: "cts_admin_trust",
				})
			},
			method: "POST", path: "/v3/p0123/notifications",
			body: `{"notification_name":"test","operation_type":"customized",` + opsJSON + `,` + usersJSON +
				`,"topic_id":"urn:smn:cn-north-4:p0123:foo",` + filterJSON + `,"agency_name":"cts_admin_trust"}`,
			status: 201, respond: ctsJSON, want: wantNotify,
		},
		"create minimal": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateCTSNotification(ctx, CreateCTSNotificationRequest{NotificationName: "test", OperationType: "complete"})
			},
			method: "POST", path: "/v3/p0123/notifications",
			body:   `{"notification_name":"test","operation_type":"complete"}`,
			status: 201, respond: ctsJSON, want: wantNotify,
		},
		"update keeps what is nil": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateCTSNotification(ctx, UpdateCTSNotificationRequest{NotificationID: "id1", Status: "disabled",
					CreateCTSNotificationRequest: CreateCTSNotificationRequest{NotificationName: "test", OperationType: "complete"}})
			},
			method: "PUT", path: "/v3/p0123/notifications",
			body:   `{"notification_id":"id1","status":"disabled","notification_name":"test","operation_type":"complete"}`,
			status: 200, respond: ctsJSON, want: wantNotify,
		},
		"update clears lists and the filter by leaving them out": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateCTSNotification(ctx, UpdateCTSNotificationRequest{NotificationID: "id1", Status: "enabled",
					CreateCTSNotificationRequest: CreateCTSNotificationRequest{NotificationName: "test", OperationType: "complete",
						Operations: []CTSOperation{}, NotifyUserList: []CTSNotifyUsers{}, TopicID: "urn:smn:cn-north-4:p0123:foo"}})
			},
			method: "PUT", path: "/v3/p0123/notifications",
			body: `{"notification_id":"id1","status":"enabled","notification_name":"test","operation_type":"complete",` +
				`"topic_id":"urn:smn:cn-north-4:p0123:foo"}`,
			status: 200, respond: ctsJSON, want: wantNotify,
		},
		"update sets everything": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateCTSNotification(ctx, UpdateCTSNotificationRequest{NotificationID: "id1", Status: "enabled",
					CreateCTSNotificationRequest: CreateCTSNotificationRequest{NotificationName: "test", OperationType: "customized",
						Operations: ctsOps, NotifyUserList: ctsUsers, Filter: ctsFilter, AgencyName: "cts_admin_trust",
						TopicID: "urn:fss:cn-north-4:p0123:function:default:f:latest"}})
			},
			method: "PUT", path: "/v3/p0123/notifications",
			body: `{"notification_id":"id1","status":"enabled","notification_name":"test","operation_type":"customized",` +
				opsJSON + `,` + usersJSON + `,"topic_id":"urn:fss:cn-north-4:p0123:function:default:f:latest",` +
				filterJSON + `,"agency_name":"cts_admin_trust"}`,
			status: 200, respond: ctsJSON, want: wantNotify,
		},
		"list by escaped name keeps every match": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ListCTSNotifications(ctx, CTSNotificationTypeSMN, "key event & more")
			},
			method: "GET", path: "/v3/p0123/notifications/smn", query: "notification_name=key%20event%20%26%20more",
			status: 200,
			respond: `{"notifications":[` + ctsJSON + `,{"notification_name":"test2","notification_id":"n2",` +
				`"filter":{"condition":"","is_support_filter":false,"rule":null}},` +
				`{"notification_name":"test3","notification_id":"n3","filter":null}]}`,
			want: []CTSNotification{*wantNotify, {NotificationName: "test2", NotificationID: "n2", Filter: &CTSFilter{}},
				{NotificationName: "test3", NotificationID: "n3"}},
		},
		"list all of a type": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ListCTSNotifications(ctx, CTSNotificationTypeFun, "")
			},
			method: "GET", path: "/v3/p0123/notifications/fun",
			status: 200, respond: `{"notifications":[]}`, want: []CTSNotification{},
		},
		"delete several": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return none{}, c.DeleteCTSNotifications(ctx, "id1", "id2")
			},
			method: "DELETE", path: "/v3/p0123/notifications", query: "notification_id=id1%2Cid2",
			status: 204, want: none{},
		},
	})
}

func TestCTSCallsRefuseBadArguments(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, http.StatusNoContent, "") })
	c := newTestClient(t, rec.URL, nil)
	ctx := context.Background()
	for name, err := range map[string]error{
		"no ids":        c.DeleteCTSNotifications(ctx),
		"empty id":      c.DeleteCTSNotifications(ctx, "a", ""),
		"id with comma": c.DeleteCTSNotifications(ctx, "a,b"),
		"update no id": func() error {
			_, err := c.UpdateCTSNotification(ctx, UpdateCTSNotificationRequest{Status: "enabled"})
			return err
		}(),
		"list no type":   func() error { _, err := c.ListCTSNotifications(ctx, "", "x"); return err }(),
		"list type '..'": func() error { _, err := c.ListCTSNotifications(ctx, "..", ""); return err }(),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if rec.count() != 0 {
		t.Fatalf("%d requests made for invalid arguments", rec.count())
	}
}

func TestCTSNotFoundAndDuplicateCodes(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.Method == http.MethodDelete {
			reply(w, http.StatusNotFound, `{"error_code":"CTS.0403","error_msg":"notification does not exist"}`)
			return
		}
		reply(w, http.StatusBadRequest, `{"error_code":"CTS.0400","error_msg":"name exists"}`)
	})
	c := newTestClient(t, rec.URL, nil)
	if err := c.DeleteCTSNotifications(context.Background(), "gone"); !isNotFound(err) {
		t.Errorf("delete of a missing notification: %v is not ErrNotFound", err)
	}
	_, err := c.CreateCTSNotification(context.Background(), CreateCTSNotificationRequest{NotificationName: "x", OperationType: "complete"})
	if !IsCode(err, "CTS.0400") || isNotFound(err) {
		t.Errorf("duplicate name: %v", err)
	}
}

func TestCTSFilterEnabled(t *testing.T) {
	t.Parallel()
	var apiEmpty CTSFilter
	if err := json.Unmarshal([]byte(`{"condition":"","is_support_filter":false,"rule":null}`), &apiEmpty); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		f    *CTSFilter
		want bool
	}{
		"nil":            {nil, false},
		"api empty form": {&apiEmpty, false},
		"switched off":   {&CTSFilter{Condition: "AND", IsSupportFilter: false, Rule: []string{"code = 1"}}, false},
		"no rules":       {&CTSFilter{Condition: "AND", IsSupportFilter: true}, false},
		"on with rules":  {ctsFilter, true},
	} {
		if got := tc.f.Enabled(); got != tc.want {
			t.Errorf("%s: Enabled() = %v, want %v", name, got, tc.want)
		}
	}
}

func TestCTSFilterAlwaysSendsARuleList(t *testing.T) {
	t.Parallel()
	got, err := json.Marshal(CreateCTSNotificationRequest{NotificationName: "n", OperationType: "complete",
		Filter: &CTSFilter{Condition: "AND", IsSupportFilter: false}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"notification_name":"n","operation_type":"complete","filter":{"condition":"AND","is_support_filter":false,"rule":[]}}`
	if string(got) != want {
		t.Fatalf("body = %s\nwant   %s", got, want)
	}
}
