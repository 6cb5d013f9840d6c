package emulator

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

type eventNotification struct {
	TargetType string `json:"target_type"`
	TargetID   string `json:"target_id"`
	TargetName string `json:"target_name"`
}

// secretEvent is the stored and the wire model of a CSMS event.
type secretEvent struct {
	Name         string            `json:"name"`
	EventID      string            `json:"event_id"`
	EventTypes   []string          `json:"event_types"`
	State        string            `json:"state"`
	CreateTime   int64             `json:"create_time"`
	UpdateTime   int64             `json:"update_time"`
	Notification eventNotification `json:"notification"`
}

type eventNotificationInput struct {
	TargetType *string `json:"target_type"`
	TargetID   *string `json:"target_id"`
	TargetName *string `json:"target_name"`
}

type createEventInput struct {
	Name         *string                 `json:"name"`
	EventTypes   []string                `json:"event_types"`
	State        *string                 `json:"state"`
	Notification *eventNotificationInput `json:"notification"`
}

type updateEventInput struct {
	State        *string                 `json:"state"`
	EventTypes   []string                `json:"event_types"`
	Notification *eventNotificationInput `json:"notification"`
}

// Codes the documentation leaves open, chosen in the CSMS family: a duplicate
// name, an exhausted quota and an event still subscribed by secrets are all
// "invalid request" (CSMS.0003) for the current state of the project.
const codeEventConflict = "CSMS.0003"

// CSMS lists page through names (events, secrets) or ids (versions,
// records). The documented default page is 50; the only published maximum is
// 1,000 (the ListSecretEvents page, and the ListNotificationRecords
// definition), which every list takes as its ceiling.
const (
	defaultPage = 50
	maxPage     = 1000
)

// Not found on the event routes is a plain 404 in the nested shape with
// CSMS.0005 (the service documents both a 404 and a 400 with CSMS.0005 or
// CSMS.0106 for "does not exist"; the secret routes
// use the 400 forms so clients are tested against each).
func eventNotFound(name string) *apiError {
	return &apiError{http.StatusNotFound, "CSMS.0005", "the event " + strconv.Quote(name) + " does not exist"}
}

func (e *Emulator) createEvent(c *call, in createEventInput) (reply, error) {
	switch {
	case in.Name == nil:
		return reply{}, c.invalid("name is required")
	case !patterns.CSMSEventName.MatchString(*in.Name):
		return reply{}, c.invalid("name must match ^[a-zA-Z0-9_-]{1,64}$")
	case in.EventTypes == nil:
		return reply{}, c.invalid("event_types is required")
	case in.State == nil:
		return reply{}, c.invalid("state is required")
	case in.Notification == nil:
		return reply{}, c.invalid("notification is required")
	}
	if err := c.validEventTypes(in.EventTypes); err != nil {
		return reply{}, err
	}
	if err := c.validEventState(*in.State); err != nil {
		return reply{}, err
	}
	n, err := e.validEventNotification(c, in.Notification)
	if err != nil {
		return reply{}, err
	}
	if _, exists := e.store.events[*in.Name]; exists {
		return reply{}, badRequest(codeEventConflict, "an event named "+strconv.Quote(*in.Name)+" already exists")
	}
	if len(e.store.events) >= e.opts.MaxEvents {
		return reply{}, badRequest(codeEventConflict, "the project already has the maximum of "+strconv.Itoa(e.opts.MaxEvents)+" events")
	}
	ms := c.now.UnixMilli()
	ev := secretEvent{
		Name: *in.Name, EventID: newUUID(), EventTypes: slices.Clone(in.EventTypes), State: *in.State,
		CreateTime: ms, UpdateTime: ms, Notification: n,
	}
	e.store.events[ev.Name] = newVersioned(ev, c.now, c.delay)
	return ok(map[string]any{"event": ev}), nil
}

func (e *Emulator) showEvent(c *call) (reply, error) {
	v, exists := e.store.events[c.params.value]
	if !exists {
		return reply{}, eventNotFound(c.params.value)
	}
	ev, visible := v.view(c.now)
	if !visible {
		return reply{}, eventNotFound(c.params.value)
	}
	return ok(map[string]any{"event": ev}), nil
}

func (e *Emulator) listEvents(c *call) (reply, error) {
	limit, marker, err := pageParams(c)
	if err != nil {
		return reply{}, err
	}
	page := []secretEvent{}
	more := false
	for _, name := range e.store.sortedEventNames() {
		if marker != "" && name <= marker {
			continue
		}
		ev, visible := e.store.events[name].view(c.now)
		if !visible {
			continue
		}
		if len(page) == limit {
			more = true
			break
		}
		page = append(page, ev)
	}
	info := pageInfo(marker, len(page), more, func() string { return page[len(page)-1].Name })
	return ok(map[string]any{"events": page, "page_info": info}), nil
}

func (e *Emulator) updateEvent(c *call, in updateEventInput) (reply, error) {
	v, exists := e.store.events[c.params.value]
	if !exists {
		return reply{}, eventNotFound(c.params.value)
	}
	if in.State == nil && in.EventTypes == nil && in.Notification == nil {
		return reply{}, c.invalid("nothing to update: give state, event_types or notification")
	}
	ev := v.Cur
	ev.EventTypes = slices.Clone(ev.EventTypes)
	if in.State != nil {
		if err := c.validEventState(*in.State); err != nil {
			return reply{}, err
		}
		ev.State = *in.State
	}
	if in.EventTypes != nil {
		if err := c.validEventTypes(in.EventTypes); err != nil {
			return reply{}, err
		}
		ev.EventTypes = slices.Clone(in.EventTypes)
	}
	if in.Notification != nil {
		n, err := e.validEventNotification(c, in.Notification)
		if err != nil {
			return reply{}, err
		}
		ev.Notification = n
	}
	ev.UpdateTime = c.now.UnixMilli()
	v.update(ev, c.now, c.delay)
	return ok(map[string]any{"event": ev}), nil
}

func (e *Emulator) deleteEvent(c *call) (reply, error) {
	name := c.params.value
	if _, exists := e.store.events[name]; !exists {
		return reply{}, eventNotFound(name)
	}
	for _, sv := range e.store.secrets {
		if slices.Contains(sv.Cur.EventSubscriptions, name) {
			return reply{}, badRequest(codeEventConflict, "the event "+strconv.Quote(name)+
				" is still subscribed by secret "+strconv.Quote(sv.Cur.Name)+"; remove the subscription first")
		}
	}
	delete(e.store.events, name)
	return noContent(), nil
}

func (c *call) validEventTypes(types []string) error {
	if len(types) < 1 || len(types) > 12 {
		return c.invalid("event_types must hold 1 to 12 values")
	}
	seen := map[string]bool{}
	for _, t := range types {
		if !slices.Contains(secretEventTypes, t) {
			return c.invalid("event_types: %q is not one of %v", t, secretEventTypes)
		}
		if seen[t] {
			return c.invalid("event_types: %q is listed twice", t)
		}
		seen[t] = true
	}
	return nil
}

func (c *call) validEventState(s string) error {
	if s != "ENABLED" && s != "DISABLED" {
		return c.invalid("state must be ENABLED or DISABLED")
	}
	return nil
}

func (e *Emulator) validEventNotification(c *call, in *eventNotificationInput) (eventNotification, error) {
	switch {
	case in.TargetType == nil || in.TargetID == nil || in.TargetName == nil:
		return eventNotification{}, c.invalid("notification needs target_type, target_id and target_name")
	case *in.TargetType != "SMN":
		return eventNotification{}, c.invalid("notification.target_type must be SMN")
	case !smnURNPattern.MatchString(*in.TargetID):
		// The event pages give target_id no shape and say the service does
		// not check the target; the URN shape (the provider's, from the SMN
		// pages) is kept as a guess at what a usable target looks like. A
		// topic that does not exist is accepted, as the pages say: the
		// notification then fails when the event fires.
		return eventNotification{}, c.invalid("notification.target_id must be an SMN topic URN (urn:smn:{region}:{project}:{topic})")
	case *in.TargetName == "":
		// Mandatory, with no published length limit.
		return eventNotification{}, c.invalid("notification.target_name is required")
	}
	return eventNotification{TargetType: *in.TargetType, TargetID: *in.TargetID, TargetName: *in.TargetName}, nil
}

// pageParams reads limit (1..maxPage, default defaultPage) and marker.
func pageParams(c *call) (int, string, error) {
	limit := defaultPage
	if raw, given := c.query["limit"]; given {
		n, valid := parseIntParam(raw[0], 1, maxPage)
		if !valid {
			return 0, "", c.invalid("limit must be a whole number from 1 to %d", maxPage)
		}
		limit = n
	}
	marker := ""
	if m, given := c.query["marker"]; given {
		marker = m[0]
	}
	return limit, marker, nil
}

func pageInfo(marker string, count int, more bool, last func() string) map[string]any {
	info := map[string]any{"current_count": count, "next_marker": nil, "previous_marker": nil}
	if marker != "" {
		info["previous_marker"] = marker
	}
	if more {
		info["next_marker"] = last()
	}
	return info
}
