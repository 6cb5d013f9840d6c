package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
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

func TestCTSNotificationFindByIDAsksForTheNameFirst(t *testing.T) {
	t.Parallel()
	emu, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &listQueries{}
	srv := httptest.NewServer(rec.wrap(emu))
	t.Cleanup(srv.Close)
	o := emu.Options()
	client, err := hwc.New(hwc.Config{
		Region: o.Region, ProjectID: o.ProjectID, AuthToken: o.AuthToken,
		Endpoints: hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	topic := emulator.TopicURN(o.Region, o.ProjectID, "hwcloud-demo")
	var target *hwc.CTSNotification
	for i := range 5 {
		n, err := client.CreateCTSNotification(ctx, hwc.CreateCTSNotificationRequest{
			NotificationName: fmt.Sprintf("audit_%d", i), OperationType: "complete", TopicID: topic,
		})
		if err != nil {
			t.Fatal(err)
		}
		target = n
	}
	r := &ctsNotificationResource{data: &providerData{client: client}}

	rec.take()
	got, err := r.findByID(ctx, target.NotificationID, hwc.CTSNotificationTypeSMN, target.NotificationName)
	if err != nil || got.NotificationID != target.NotificationID {
		t.Fatalf("findByID = %v, %v", got, err)
	}
	if q := rec.take(); len(q) != 1 || q[0].Get("notification_name") != target.NotificationName {
		t.Fatalf("a refresh should be one list call filtered by name, got %v", q)
	}

	// Renamed outside Terraform: the name filter misses, the scan by id finds it.
	if _, err := client.UpdateCTSNotification(ctx, hwc.UpdateCTSNotificationRequest{
		NotificationID: target.NotificationID, Status: "enabled", NotificationName: "renamed",
		OperationType: "complete", TopicID: topic,
	}); err != nil {
		t.Fatal(err)
	}
	rec.take()
	got, err = r.findByID(ctx, target.NotificationID, hwc.CTSNotificationTypeSMN, target.NotificationName)
	if err != nil || got.NotificationName != "renamed" {
		t.Fatalf("findByID after rename = %v, %v", got, err)
	}
	if q := rec.take(); len(q) != 2 || q[1].Has("notification_name") {
		t.Fatalf("want the name query then an unfiltered scan, got %v", q)
	}

	if _, err := r.findByID(ctx, "00000000-0000-0000-0000-000000000000", hwc.CTSNotificationTypeSMN, "x"); !errors.Is(err, hwc.ErrNotFound) {
		t.Fatalf("missing id: err = %v, want not found", err)
	}
}
