package hwc

import "context"

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
	return csmsPage[NotificationRecord, recordsPage](ctx, c, pageQuery(limit, marker), "csms", "notification-records")
}

type recordsPage struct {
	Records  []NotificationRecord `json:"records"`
	PageInfo PageInfo             `json:"page_info"`
}

func (p *recordsPage) items() ([]NotificationRecord, PageInfo) { return p.Records, p.PageInfo }
