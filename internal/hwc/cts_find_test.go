package hwc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
)

// listQueries records the query of every CTS list call an emulator answers.
type listQueries struct {
	mu      sync.Mutex
	queries []url.Values
}

func (l *listQueries) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/notifications/smn") {
			l.mu.Lock()
			l.queries = append(l.queries, r.URL.Query())
			l.mu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
}

func (l *listQueries) take() []url.Values {
	l.mu.Lock()
	defer l.mu.Unlock()
	q := l.queries
	l.queries = nil
	return q
}

// emulatorClient is a client for a fresh emulator (its handler wrapped by
// wrap when given) and an SMN topic that exists there.
func emulatorClient(t *testing.T, wrap func(http.Handler) http.Handler) (*Client, string) {
	t.Helper()
	emu, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = emu
	if wrap != nil {
		h = wrap(emu)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	o := emu.Options()
	return newTestClient(t, srv.URL, func(c *Config) {
		c.Region, c.ProjectID, c.AccessKey, c.SecretKey, c.AuthToken = o.Region, o.ProjectID, "", "", o.AuthToken
	}), emulator.TopicURN(o.Region, o.ProjectID, "hwcloud-demo")
}

// createDemoEvent creates an enabled event of eventType that notifies topic
// (the emulator's demo topic).
func createDemoEvent(ctx context.Context, t *testing.T, client *Client, topic, name, eventType string) {
	t.Helper()
	if _, err := client.CreateSecretEvent(ctx, CreateSecretEventRequest{
		Name: name, EventTypes: []string{eventType}, State: "ENABLED",
		Notification: EventNotification{TargetType: "SMN", TargetID: topic, TargetName: "hwcloud-demo"},
	}); err != nil {
		t.Fatal(err)
	}
}

func TestFindCTSNotificationByIDAsksForTheNameFirst(t *testing.T) {
	t.Parallel()
	rec := &listQueries{}
	client, topic := emulatorClient(t, rec.wrap)
	ctx := context.Background()
	var target *CTSNotification
	for i := range 5 {
		n, err := client.CreateCTSNotification(ctx, CreateCTSNotificationRequest{
			NotificationName: fmt.Sprintf("audit_%d", i), OperationType: "complete", TopicID: topic,
		})
		if err != nil {
			t.Fatal(err)
		}
		target = n
	}

	rec.take()
	got, err := FindCTSNotificationByID(ctx, client, target.NotificationID, CTSNotificationTypeSMN, target.NotificationName)
	if err != nil || got.NotificationID != target.NotificationID {
		t.Fatalf("FindCTSNotificationByID = %v, %v", got, err)
	}
	if q := rec.take(); len(q) != 1 || q[0].Get("notification_name") != target.NotificationName {
		t.Fatalf("a refresh should be one list call filtered by name, got %v", q)
	}

	// Renamed outside Terraform: the name filter misses, the scan by id finds it.
	if _, err := client.UpdateCTSNotification(ctx, UpdateCTSNotificationRequest{
		NotificationID: target.NotificationID, Status: "enabled",
		CreateCTSNotificationRequest: CreateCTSNotificationRequest{NotificationName: "renamed", OperationType: "complete", TopicID: topic},
	}); err != nil {
		t.Fatal(err)
	}
	rec.take()
	got, err = FindCTSNotificationByID(ctx, client, target.NotificationID, CTSNotificationTypeSMN, target.NotificationName)
	if err != nil || got.NotificationName != "renamed" {
		t.Fatalf("FindCTSNotificationByID after rename = %v, %v", got, err)
	}
	if q := rec.take(); len(q) != 2 || q[1].Has("notification_name") {
		t.Fatalf("want the name query then an unfiltered scan, got %v", q)
	}

	if _, err := FindCTSNotificationByID(ctx, client, "00000000-0000-0000-0000-000000000000", CTSNotificationTypeSMN, "x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing id: err = %v, want not found", err)
	}
}

func TestCTSTypesToSearch(t *testing.T) {
	t.Parallel()
	for likely, want := range map[string][]string{
		"smn": {"smn", "fun"}, "fun": {"fun", "smn"}, "": {"smn", "fun"},
	} {
		if got := CTSTypesToSearch(likely); !slices.Equal(got, want) {
			t.Errorf("CTSTypesToSearch(%q) = %v, want %v", likely, got, want)
		}
	}
}

func TestFindCTSNotificationByNameIsExact(t *testing.T) {
	t.Parallel()
	client, topic := emulatorClient(t, nil)
	ctx := context.Background()
	for _, name := range []string{"audit", "audit_2", "other"} {
		if _, err := client.CreateCTSNotification(ctx, CreateCTSNotificationRequest{
			NotificationName: name, OperationType: "complete", TopicID: topic,
		}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := FindCTSNotificationByName(ctx, client, "audit")
	if err != nil || got.NotificationName != "audit" {
		t.Fatalf("FindCTSNotificationByName(audit) = %v, %v; the near match audit_2 must not count", got, err)
	}
	if _, err := FindCTSNotificationByName(ctx, client, "aud"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a prefix of a name: err = %v, want not found", err)
	}
	all, err := ListAllCTSNotifications(ctx, client)
	if err != nil || len(all) != 3 {
		t.Fatalf("ListAllCTSNotifications = %d notifications, %v; want 3", len(all), err)
	}
}
