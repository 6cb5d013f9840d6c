package emulator

import (
	"slices"
	"strconv"
	"time"
)

// notificationRecord is one notification CSMS sent for an event: the Record
// model of the official SDK (v0.1.207) and the ListNotificationRecords API
// page (English, 2026-06-09). The model has no target type: the record names
// the target by id and name only.
type notificationRecord struct {
	Seq                    int64  `json:"-"`
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

// Event types the emulator fires. SECRET_ROTATED and SECRET_ROTATED_FAILED
// belong to the service-rotated secret types (RDS-FG, GaussDB-FG), whose
// rotation the emulator does not model: it never fires them.
const (
	eventVersionCreated = "SECRET_VERSION_CREATED"
	eventVersionExpired = "SECRET_VERSION_EXPIRED"
	eventSecretDeleted  = "SECRET_DELETED"
)

// fireSecretEvent records a notification for every event s subscribes to that
// is ENABLED and lists eventType; a disabled event, an event of other types
// and a secret without subscriptions produce nothing.
func (e *Emulator) fireSecretEvent(s secret, eventType string, now time.Time) {
	for _, ev := range s.EventSubscriptions {
		e.recordEvent(ev, eventType, s, now)
	}
}

// recordEvent notes that an enabled event subscribed to eventType fired for a secret.
func (e *Emulator) recordEvent(eventName, eventType string, s secret, now time.Time) {
	v, exists := e.store.events[eventName]
	if !exists || v.Cur.State != "ENABLED" || !slices.Contains(v.Cur.EventTypes, eventType) {
		return
	}
	e.store.recordSeq++
	e.store.records = append(e.store.records, notificationRecord{
		Seq: e.store.recordSeq, EventName: eventName, TriggerEventType: eventType, CreateTime: now.UnixMilli(),
		SecretName: s.Name, SecretType: s.SecretType,
		NotificationTargetName: v.Cur.Notification.TargetName, NotificationTargetID: v.Cur.Notification.TargetID,
		NotificationContent: "The secret " + s.Name + " triggered " + eventType + ".",
		NotificationStatus:  "SUCCESS",
	})
}

// listRecords pages newest first; the marker is the sequence number of the
// last record of the previous page. A marker that is not one gives an empty
// page (a guess: no source says how the service treats one, and an empty
// page refuses nothing).
func (e *Emulator) listRecords(c *call) (reply, error) {
	limit, marker, err := pageParams(c)
	if err != nil {
		return reply{}, err
	}
	after := int64(-1)
	if marker != "" {
		n, valid := recordMarker(marker)
		if !valid {
			return ok(map[string]any{"records": []notificationRecord{}, "page_info": pageInfo(marker, 0, false, nil)}), nil
		}
		after = n
	}
	page := []notificationRecord{}
	more := false
	for i := len(e.store.records) - 1; i >= 0; i-- {
		r := e.store.records[i]
		if after > 0 && r.Seq >= after {
			continue
		}
		if len(page) == limit {
			more = true
			break
		}
		page = append(page, r)
	}
	info := pageInfo(marker, len(page), more, func() string { return strconv.FormatInt(page[len(page)-1].Seq, 10) })
	return ok(map[string]any{"records": page, "page_info": info}), nil
}

// recordMarker reads a records marker: the position of the last record of the
// previous page, a whole number from 1.
func recordMarker(marker string) (int64, bool) {
	n, err := strconv.ParseInt(marker, 10, 64)
	return n, err == nil && n >= 1
}
