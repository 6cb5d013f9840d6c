package hwc

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

const secretJSON = `{"id":"2d1152f2-290d-4756-a1d2-e12c14992416","name":"db","state":"PENDING_DELETE",` +
	`"kms_key_id":"1213d410","description":"d","create_time":1581507580000,"update_time":1581507581000,` +
	`"scheduled_delete_time":1582112380000,"secret_type":"COMMON","auto_rotation":true,"rotation_period":"30d",` +
	`"rotation_config":"{}","rotation_time":1581507582000,"next_rotation_time":1584099582000,` +
	`"event_subscriptions":["ev1"],"enterprise_project_id":"0","rotation_func_urn":"urn:fss:x"}`

var wantSecret = &Secret{
	ID: "2d1152f2-290d-4756-a1d2-e12c14992416", Name: "db", State: "PENDING_DELETE", KMSKeyID: "1213d410",
	Description: "d", CreateTime: 1581507580000, UpdateTime: 1581507581000, ScheduledDeleteTime: ptr[int64](1582112380000),
	SecretType: "COMMON", AutoRotation: true, RotationPeriod: "30d", RotationConfig: "{}", RotationTime: 1581507582000,
	NextRotationTime: 1584099582000, EventSubscriptions: []string{"ev1"}, EnterpriseProjectID: "0", RotationFuncURN: "urn:fss:x",
}

func TestSecretWireFormat(t *testing.T) {
	t.Parallel()
	restored := `{"id":"s1","name":"db","state":"ENABLED","scheduled_delete_time":null}`
	runWireCases(t, map[string]wireCase{
		"create sends only what is set": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateSecret(ctx, CreateSecretRequest{Name: "db", SecretString: "v", Description: "d",
					EventSubscriptions: []string{"ev1"}})
			},
			method: "POST", path: "/v1/p0123/secrets",
			body:   `{"name":"db","secret_string":"v","description":"d","event_subscriptions":["ev1"]}`,
			status: 200, respond: `{"secret":` + secretJSON + `}`, want: wantSecret,
		},
		"create with every field": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateSecret(ctx, CreateSecretRequest{Name: "db", SecretBinary: "YQ==", Description: "d",
					KMSKeyID: "k", SecretType: "COMMON", EventSubscriptions: []string{"ev1"}, EnterpriseProjectID: "0"})
			},
			method: "POST", path: "/v1/p0123/secrets",
			body: `{"name":"db","secret_binary":"YQ==","description":"d","kms_key_id":"k","secret_type":"COMMON",` +
				`"event_subscriptions":["ev1"],"enterprise_project_id":"0"}`,
			status: 200, respond: `{"secret":` + secretJSON + `}`, want: wantSecret,
		},
		"show": {
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ShowSecret(ctx, "db") },
			method: "GET", path: "/v1/p0123/secrets/db",
			status: 200, respond: `{"secret":` + secretJSON + `}`, want: wantSecret,
		},
		"list by event": {
			call: func(ctx context.Context, c *Client) (any, error) {
				secrets, page, err := c.ListSecrets(ctx, 5, "m", "ev 1")
				return []any{secrets, page}, err
			},
			method: "GET", path: "/v1/p0123/secrets", query: "event_name=ev%201&limit=5&marker=m",
			status: 200, respond: `{"secrets":[` + secretJSON + `],"page_info":{"next_marker":"db","current_count":1}}`,
			want: []any{[]Secret{*wantSecret}, PageInfo{NextMarker: "db", CurrentCount: 1}},
		},
		"delete": {
			call:   func(ctx context.Context, c *Client) (any, error) { return none{}, c.DeleteSecret(ctx, "db") },
			method: "DELETE", path: "/v1/p0123/secrets/db", status: 204, want: none{},
		},
		"schedule deletion": {
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ScheduleSecretDeletion(ctx, "db", 7) },
			method: "POST", path: "/v1/p0123/secrets/db/scheduled-deleted-tasks/create", body: `{"recovery_window_in_days":7}`,
			status: 200, respond: `{"secret":` + secretJSON + `}`, want: wantSecret,
		},
		"restore sends no body and reads a null deletion time": {
			call:   func(ctx context.Context, c *Client) (any, error) { return c.RestoreSecret(ctx, "db") },
			method: "POST", path: "/v1/p0123/secrets/db/scheduled-deleted-tasks/cancel",
			status: 200, respond: `{"secret":` + restored + `}`,
			want: &Secret{ID: "s1", Name: "db", State: "ENABLED"},
		},
		"tag one": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return none{}, c.CreateSecretTag(ctx, "s1", Tag{Key: "env", Value: ""})
			},
			method: "POST", path: "/v1/p0123/csms/s1/tags", body: `{"tag":{"key":"env","value":""}}`,
			status: 204, want: none{},
		},
		"batch tags": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return none{}, c.BatchSecretTags(ctx, "s1", TagActionDelete, []Tag{{Key: "env", Value: "prod"}})
			},
			method: "POST", path: "/v1/p0123/csms/s1/tags/action",
			body:   `{"action":"delete","tags":[{"key":"env","value":"prod"}]}`,
			status: 204, want: none{},
		},
		"list tags": {
			call: func(ctx context.Context, c *Client) (any, error) {
				tags, sys, err := c.ListSecretTags(ctx, "s1")
				return []any{tags, sys}, err
			},
			method: "GET", path: "/v1/p0123/csms/s1/tags",
			status: 200, respond: `{"tags":[{"key":"env","value":"prod"}],"sys_tags":[{"key":"_sys_enterprise_project_id","value":"0"}]}`,
			want: []any{[]Tag{{Key: "env", Value: "prod"}}, []Tag{{Key: "_sys_enterprise_project_id", Value: "0"}}},
		},
		"filter resource instances": {
			call: func(ctx context.Context, c *Client) (any, error) {
				res, total, err := c.ListResourceInstances(ctx, ListResourceInstancesRequest{
					Limit: 50, Offset: 100, NameMatches: []string{"db"},
					Tags: []TagFilter{{Key: "env", Values: []string{"prod", "dev"}}, {Key: "team"}},
				})
				return []any{res, total}, err
			},
			method: "POST", path: "/v1/p0123/csms/resource_instances/action",
			body: `{"action":"filter","limit":"50","offset":"100","tags":[{"key":"env","values":["prod","dev"]},` +
				`{"key":"team","values":[]}],"matches":[{"key":"resource_name","value":"db"}]}`,
			status: 200, respond: `{"total_count":101,"resources":[{"resource_id":"s1","resource_name":"db",` +
				`"resource_detail":` + secretJSON + `,"tags":[{"key":"env","value":"prod"}],"sys_tags":null}]}`,
			want: []any{[]ResourceInstance{{ResourceID: "s1", ResourceName: "db", Secret: *wantSecret,
				Tags: []Tag{{Key: "env", Value: "prod"}}}}, 101},
		},
		"filter with service defaults": {
			call: func(ctx context.Context, c *Client) (any, error) {
				res, total, err := c.ListResourceInstances(ctx, ListResourceInstancesRequest{})
				return []any{res, total}, err
			},
			method: "POST", path: "/v1/p0123/csms/resource_instances/action", body: `{"action":"filter"}`,
			status: 200, respond: `{"resources":[],"total_count":0}`,
			want: []any{[]ResourceInstance{}, 0},
		},
		"count resource instances": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CountResourceInstances(ctx, []TagFilter{{Key: "env", Values: []string{"prod"}}}, []string{"a", "b"})
			},
			method: "POST", path: "/v1/p0123/csms/resource_instances/action",
			body: `{"action":"count","tags":[{"key":"env","values":["prod"]}],` +
				`"matches":[{"key":"resource_name","value":"a"},{"key":"resource_name","value":"b"}]}`,
			status: 200, respond: `{"total_count":3}`, want: 3,
		},
	})
}

func TestBatchSecretTagsRejectsUnknownAction(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, http.StatusNoContent, "") })
	c := newTestClient(t, rec.URL, nil)
	err := c.BatchSecretTags(context.Background(), "s1", "update", []Tag{{Key: "k"}})
	if err == nil || !strings.Contains(err.Error(), `"update"`) || rec.count() != 0 {
		t.Fatalf("err %v after %d requests", err, rec.count())
	}
}

func TestRestoreSecretNotPendingIsACodedError(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		reply(w, http.StatusBadRequest, `{"error_code":"CSMS.0108","error_msg":"The secret is not pending deletion."}`)
	})
	c := newTestClient(t, rec.URL, nil)
	_, err := c.RestoreSecret(context.Background(), "db")
	if !IsCode(err, "CSMS.0108") || rec.count() != 1 {
		t.Fatalf("err %v after %d requests", err, rec.count())
	}
}

func TestShowSecretNotFoundForms(t *testing.T) {
	t.Parallel()
	for _, answer := range []struct {
		status int
		body   string
	}{
		{400, `{"error_code":"CSMS.0106","error_msg":"secret name not found"}`},
		{400, `{"error":{"error_code":"CSMS.0005","error_msg":"resource does not exist"}}`},
		{404, `{"error_code":"CSMS.0005","error_msg":"resource does not exist"}`},
		{404, ``},
	} {
		rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, answer.status, answer.body) })
		c := newTestClient(t, rec.URL, nil)
		if _, err := c.ShowSecret(context.Background(), "db"); !isNotFound(err) {
			t.Errorf("%d %s: error %v is not ErrNotFound", answer.status, answer.body, err)
		}
	}
}
