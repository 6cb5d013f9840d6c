package acctest

import (
	"context"
	"strings"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// SeedCSMSEvent creates an event outside Terraform, deleted at cleanup. It
// notifies topic (an SMN topic URN) of deleted secrets.
func (e *Env) SeedCSMSEvent(t *testing.T, name, topic string, enabled bool) {
	t.Helper()
	state := "ENABLED"
	if !enabled {
		state = "DISABLED"
	}
	_, err := e.Client.CreateSecretEvent(context.Background(), hwc.CreateSecretEventRequest{
		Name: name, EventTypes: []string{"SECRET_DELETED"}, State: state,
		Notification: hwc.EventNotification{TargetType: "SMN", TargetID: topic, TargetName: topic[strings.LastIndex(topic, ":")+1:]},
	})
	if err != nil {
		t.Fatalf("seeding event %s: %v", name, err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteSecretEvent(context.Background(), name) })
}

// SeedCTSNotification creates a notification of every operation outside
// Terraform, deleted at cleanup, and returns its id.
func (e *Env) SeedCTSNotification(t *testing.T, name, topic string) string {
	t.Helper()
	n, err := e.Client.CreateCTSNotification(context.Background(), hwc.CreateCTSNotificationRequest{
		NotificationName: name, OperationType: "complete", TopicID: topic,
	})
	if err != nil {
		t.Fatalf("seeding CTS notification %s: %v", name, err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteCTSNotifications(context.Background(), n.NotificationID) })
	return n.NotificationID
}

// LogExcerpt shows where a leak sits in a log, with the secret itself (n
// bytes at at) masked.
func LogExcerpt(log string, at, n int) string {
	start, end := max(at-80, 0), min(at+n+80, len(log))
	return log[start:at] + "<SECRET>" + log[at+n:end]
}
