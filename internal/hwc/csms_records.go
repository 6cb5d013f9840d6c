package hwc

import (
	"context"
	"net/http"
)

// NotificationRecord is a notification CSMS sent for an event (kept three
// months). The record names its target by id and name; it has no target type.
type NotificationRecord struct {
	EventName              string `json:"event_name"`
	TriggerEventType       string `json:"trigger_event_type"`
	CreateTime             int64  `json:"create_time"`
	SecretName             string `json:"secret_name"`
	SecretType             string `json:"secret_type"`
	NotificationTargetName string `json:"notification_target_name"`
	NotificationTargetID   string `json:"notification_target_id"`
	NotificationContent    string `json:"notification_content"`
	NotificationStatus     string `json:"notification_status"`
}

// ListNotificationRecords lists one page of the notifications CSMS sent
// (GET /v1/{project_id}/csms/notification-records). The API pages and the SDK
// document no query parameters but answer page_info; limit 0 and an empty
// marker send none, so the first page is exactly the documented call.
func (c *Client) ListNotificationRecords(ctx context.Context, limit int, marker string) ([]NotificationRecord, PageInfo, error) {
	r, err := c.scoped(ctx, http.MethodGet, c.endpoints.csms, "v1", "csms", "notification-records")
	if err != nil {
		return nil, PageInfo{}, err
	}
	var out struct {
		Records  []NotificationRecord `json:"records"`
		PageInfo PageInfo             `json:"page_info"`
	}
	r.params, r.out = pageQuery(limit, marker), &out
	if err := c.do(ctx, r); err != nil {
		return nil, PageInfo{}, err
	}
	return out.Records, out.PageInfo, nil
}
