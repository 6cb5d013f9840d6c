package hwc

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// CTSNotification is a CTS key-event notification. CreateTime is in
// milliseconds. A notification without a filter comes back with no filter
// (null or absent) or, from some services, in the empty-object form
// {"condition":"","is_support_filter":false,"rule":null}; CTSFilter.Enabled
// reads both as "no filter".
type CTSNotification struct {
	NotificationName string           `json:"notification_name"`
	OperationType    string           `json:"operation_type"`
	Operations       []CTSOperation   `json:"operations"`
	NotifyUserList   []CTSNotifyUsers `json:"notify_user_list"`
	AgencyName       string           `json:"agency_name"`
	Status           string           `json:"status"`
	TopicID          string           `json:"topic_id"`
	NotificationID   string           `json:"notification_id"`
	NotificationType string           `json:"notification_type"`
	ProjectID        string           `json:"project_id"`
	CreateTime       int64            `json:"create_time"`
	Filter           *CTSFilter       `json:"filter"`
}

// CTSOperation selects the traces of one resource type of one service.
type CTSOperation struct {
	ServiceType  string   `json:"service_type"`
	ResourceType string   `json:"resource_type"`
	TraceNames   []string `json:"trace_names"`
}

// CTSNotifyUsers limits notifications to operations of these users of a group.
type CTSNotifyUsers struct {
	UserGroup string   `json:"user_group"`
	UserList  []string `json:"user_list"`
}

// CTSFilter is the advanced filter: rules like "trace_rating = warning"
// combined with Condition (AND or OR).
type CTSFilter struct {
	Condition       string   `json:"condition"`
	IsSupportFilter bool     `json:"is_support_filter"`
	Rule            []string `json:"rule"`
}

// Enabled reports whether the filter does anything; the service's ways of
// saying "no filter" (null, or switched off without rules) are not a filter.
func (f *CTSFilter) Enabled() bool {
	return f != nil && f.IsSupportFilter && len(f.Rule) > 0
}

// MarshalJSON always sends rule as a list (the API requires it), never null.
func (f CTSFilter) MarshalJSON() ([]byte, error) {
	type plain CTSFilter
	if f.Rule == nil {
		f.Rule = []string{}
	}
	return json.Marshal(plain(f))
}

// CreateCTSNotificationRequest is the create body; it has no status (a new
// notification is enabled). Empty optionals are not sent.
type CreateCTSNotificationRequest struct {
	NotificationName string           `json:"notification_name"`
	OperationType    string           `json:"operation_type"`
	Operations       []CTSOperation   `json:"operations,omitempty"`
	NotifyUserList   []CTSNotifyUsers `json:"notify_user_list,omitempty"`
	TopicID          string           `json:"topic_id,omitempty"`
	Filter           *CTSFilter       `json:"filter,omitempty"`
	AgencyName       string           `json:"agency_name,omitempty"`
}

// UpdateCTSNotificationRequest is the update body: the create body plus the
// notification's id and its Status ("enabled" | "disabled"), both always
// sent. The PUT replaces the whole notification, so an optional field that
// is empty is left out and that clears it on the service. That is how
// Huawei's own provider clears a filter or a list; a switched-off filter
// without rules is a shape the API model does not allow (rule is required).
// The API requires TopicID when Status is "enabled".
type UpdateCTSNotificationRequest struct {
	NotificationID string `json:"notification_id"`
	Status         string `json:"status"`
	CreateCTSNotificationRequest
}

// CreateCTSNotification creates a notification (201, bare object).
func (c *Client) CreateCTSNotification(ctx context.Context, in CreateCTSNotificationRequest) (*CTSNotification, error) {
	r, err := c.scoped(ctx, http.MethodPost, c.endpoints.cts, "v3", "notifications")
	if err != nil {
		return nil, err
	}
	r.body, r.expect = in, []int{http.StatusCreated, http.StatusOK}
	return decodeCall[CTSNotification](ctx, c, r)
}

// UpdateCTSNotification replaces a notification's settings; the body carries
// its id. A missing notification is ErrNotFound.
func (c *Client) UpdateCTSNotification(ctx context.Context, in UpdateCTSNotificationRequest) (*CTSNotification, error) {
	if in.NotificationID == "" {
		return nil, errors.New("hwc: updating a CTS notification needs its id")
	}
	r, err := c.scoped(ctx, http.MethodPut, c.endpoints.cts, "v3", "notifications")
	if err != nil {
		return nil, err
	}
	r.body = in
	return decodeCall[CTSNotification](ctx, c, r)
}

// CTS notification types, derived by the service from the topic URN.
const (
	CTSNotificationTypeSMN = "smn"
	CTSNotificationTypeFun = "fun"
)

// ListCTSNotifications lists the notifications of one type ("smn" or "fun"),
// filtered by name when name is not empty. The service may match names
// loosely: callers looking for one notification must compare names exactly.
func (c *Client) ListCTSNotifications(ctx context.Context, notificationType, name string) ([]CTSNotification, error) {
	r, err := c.scoped(ctx, http.MethodGet, c.endpoints.cts, "v3", "notifications", notificationType)
	if err != nil {
		return nil, err
	}
	var out struct {
		Notifications []CTSNotification `json:"notifications"`
	}
	if name != "" {
		r.params = url.Values{"notification_name": {name}}
	}
	r.out = &out
	if err := c.do(ctx, r); err != nil {
		return nil, err
	}
	return out.Notifications, nil
}

// DeleteCTSNotifications deletes notifications by id in one call. A missing
// notification is ErrNotFound.
func (c *Client) DeleteCTSNotifications(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return errors.New("hwc: deleting CTS notifications needs at least one id")
	}
	for _, id := range ids {
		if id == "" || strings.Contains(id, ",") {
			return errors.New("hwc: a CTS notification id must be non-empty and without commas")
		}
	}
	r, err := c.scoped(ctx, http.MethodDelete, c.endpoints.cts, "v3", "notifications")
	if err != nil {
		return err
	}
	r.params = url.Values{"notification_id": {strings.Join(ids, ",")}}
	r.expect = []int{http.StatusNoContent, http.StatusOK}
	return c.do(ctx, r)
}
