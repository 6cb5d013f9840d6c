package hwc

import (
	"context"
	"testing"
)

const eventJSON = `{"name":"ev1","event_id":"bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e","event_types":["SECRET_ROTATED","SECRET_DELETED"],` +
	`"state":"ENABLED","create_time":1581507580000,"update_time":1581507590000,` +
	`"notification":{"target_type":"SMN","target_id":"urn:smn:cn-north-4:p0123:topic1","target_name":"topic1"}}`

var wantEvent = &SecretEvent{
	Name: "ev1", EventID: "bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e", EventTypes: []string{"SECRET_ROTATED", "SECRET_DELETED"},
	State: "ENABLED", CreateTime: 1581507580000, UpdateTime: 1581507590000,
	Notification: EventNotification{TargetType: "SMN", TargetID: "urn:smn:cn-north-4:p0123:topic1", TargetName: "topic1"},
}

func TestSecretEventWireFormat(t *testing.T) {
	t.Parallel()
	topic := EventNotification{TargetType: "SMN", TargetID: "urn:smn:cn-north-4:p0123:topic1", TargetName: "topic1"}
	runWireCases(t, map[string]wireCase{
		"create": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateSecretEvent(ctx, CreateSecretEventRequest{
					Name: "ev1", EventTypes: []string{"SECRET_ROTATED", "SECRET_DELETED"}, State: "ENABLED", Notification: topic,
				})
			},
			method: "POST", path: "/v1/p0123/csms/events",
			body: `{"name":"ev1","event_types":["SECRET_ROTATED","SECRET_DELETED"],"state":"ENABLED",` +
				`"notification":{"target_type":"SMN","target_id":"urn:smn:cn-north-4:p0123:topic1","target_name":"topic1"}}`,
			status: 200, respond: `{"event":` + eventJSON + `}`, want: wantEvent,
		},
		"show escapes the name": {
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ShowSecretEvent(ctx, "ev 1/x") },
			method: "GET", path: "/v1/p0123/csms/events/ev%201%2Fx",
			status: 200, respond: `{"event":` + eventJSON + `}`, want: wantEvent,
		},
		"list with paging": {
			call: func(ctx context.Context, c *Client) (any, error) {
				events, page, err := c.ListSecretEvents(ctx, 10, "ev0")
				return []any{events, page}, err
			},
			method: "GET", path: "/v1/p0123/csms/events", query: "limit=10&marker=ev0",
			status: 200, respond: `{"events":[` + eventJSON + `],"page_info":{"next_marker":"ev1","previous_marker":"ev0","current_count":1}}`,
			want: []any{[]SecretEvent{*wantEvent}, PageInfo{NextMarker: "ev1", PreviousMarker: "ev0", CurrentCount: 1}},
		},
		"list with defaults": {
			call: func(ctx context.Context, c *Client) (any, error) {
				events, page, err := c.ListSecretEvents(ctx, 0, "")
				return []any{events, page}, err
			},
			method: "GET", path: "/v1/p0123/csms/events",
			status: 200, respond: `{"events":[],"page_info":{"next_marker":null,"current_count":0}}`,
			want: []any{[]SecretEvent{}, PageInfo{}},
		},
		"update sends only the state": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateSecretEvent(ctx, "ev1", UpdateSecretEventRequest{State: ptr("DISABLED")})
			},
			method: "PUT", path: "/v1/p0123/csms/events/ev1", body: `{"state":"DISABLED"}`,
			status: 200, respond: `{"event":` + eventJSON + `}`, want: wantEvent,
		},
		"update sends every field": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateSecretEvent(ctx, "ev1", UpdateSecretEventRequest{
					State: ptr("ENABLED"), EventTypes: []string{"SECRET_ROTATED"}, Notification: &topic,
				})
			},
			method: "PUT", path: "/v1/p0123/csms/events/ev1",
			body: `{"state":"ENABLED","event_types":["SECRET_ROTATED"],` +
				`"notification":{"target_type":"SMN","target_id":"urn:smn:cn-north-4:p0123:topic1","target_name":"topic1"}}`,
			status: 200, respond: `{"event":` + eventJSON + `}`, want: wantEvent,
		},
		"delete": {
			call:   func(ctx context.Context, c *Client) (any, error) { return none{}, c.DeleteSecretEvent(ctx, "ev1") },
			method: "DELETE", path: "/v1/p0123/csms/events/ev1",
			status: 204, want: none{},
		},
	})
}
