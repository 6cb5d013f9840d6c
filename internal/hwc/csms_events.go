package hwc

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// SecretEvent is a CSMS event notification. Times are
// milliseconds since the epoch.
type SecretEvent struct {
	Name         string            `json:"name"`
	EventID      string            `json:"event_id"`
	EventTypes   []string          `json:"event_types"`
	State        string            `json:"state"`
	CreateTime   int64             `json:"create_time"`
	UpdateTime   int64             `json:"update_time"`
	Notification EventNotification `json:"notification"`
}

// EventNotification names the SMN topic an event notifies.
type EventNotification struct {
	TargetType string `json:"target_type"`
	TargetID   string `json:"target_id"`
	TargetName string `json:"target_name"`
}

// CreateSecretEventRequest is the create body; every field is required by the API.
type CreateSecretEventRequest struct {
	Name         string            `json:"name"`
	EventTypes   []string          `json:"event_types"`
	State        string            `json:"state"`
	Notification EventNotification `json:"notification"`
}

// UpdateSecretEventRequest changes only what it carries: a nil State or
// Notification and an empty EventTypes are not sent.
type UpdateSecretEventRequest struct {
	State        *string            `json:"state,omitempty"`
	EventTypes   []string           `json:"event_types,omitempty"`
	Notification *EventNotification `json:"notification,omitempty"`
}

// PageInfo is the marker paging of CSMS list calls.
type PageInfo struct {
	NextMarker     string `json:"next_marker"`
	PreviousMarker string `json:"previous_marker"`
	CurrentCount   int    `json:"current_count"`
}

type eventAnswer struct {
	Event SecretEvent `json:"event"`
}

func (a *eventAnswer) unwrap() *SecretEvent { return &a.Event }

// CreateSecretEvent creates an event (POST /v1/{project_id}/csms/events).
func (c *Client) CreateSecretEvent(ctx context.Context, in CreateSecretEventRequest) (*SecretEvent, error) {
	return c.eventCall(ctx, http.MethodPost, in)
}

// ShowSecretEvent reads one event by name; a missing event is ErrNotFound.
func (c *Client) ShowSecretEvent(ctx context.Context, name string) (*SecretEvent, error) {
	return c.eventCall(ctx, http.MethodGet, nil, name)
}

// ListSecretEvents lists one page of events. limit 0 leaves the service's
// default (50); marker is the name to start after ("" = from the start).
func (c *Client) ListSecretEvents(ctx context.Context, limit int, marker string) ([]SecretEvent, PageInfo, error) {
	return csmsPage[SecretEvent, eventsPage](ctx, c, pageQuery(limit, marker), "csms", "events")
}

type eventsPage struct {
	Events   []SecretEvent `json:"events"`
	PageInfo PageInfo      `json:"page_info"`
}

func (p *eventsPage) items() ([]SecretEvent, PageInfo) { return p.Events, p.PageInfo }

// UpdateSecretEvent changes the fields set in in (PUT …/csms/events/{name}).
func (c *Client) UpdateSecretEvent(ctx context.Context, name string, in UpdateSecretEventRequest) (*SecretEvent, error) {
	return c.eventCall(ctx, http.MethodPut, in, name)
}

// eventCall sends body (nil: none) to …/csms/events[/name] and returns the
// event the service answers with.
func (c *Client) eventCall(ctx context.Context, method string, body any, name ...string) (*SecretEvent, error) {
	return csmsCall[SecretEvent, eventAnswer](ctx, c, method, body, append([]string{"csms", "events"}, name...)...)
}

// DeleteSecretEvent deletes an event; the service refuses while a secret
// still subscribes to it. A missing event is ErrNotFound.
func (c *Client) DeleteSecretEvent(ctx context.Context, name string) error {
	r, err := c.scoped(ctx, http.MethodDelete, c.endpoints.csms, "v1", "csms", "events", name)
	if err != nil {
		return err
	}
	r.expect = []int{http.StatusNoContent, http.StatusOK}
	return c.do(ctx, r)
}

// pageQuery renders CSMS marker paging; zero values are left out.
func pageQuery(limit int, marker string) url.Values {
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if marker != "" {
		q.Set("marker", marker)
	}
	return q
}
