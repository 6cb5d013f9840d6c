package hwc

import (
	"context"
	"slices"
	"testing"
	"time"
)

// A version's expiry goes out in milliseconds on CreateSecretVersion and
// UpdateVersion; each new version notifies the subscribed event, and
// AllNotificationRecords pages through the records, newest first.
func TestVersionExpiryAndNotificationRecords(t *testing.T) {
	t.Parallel()
	calls := &callCounter{}
	client, topic := emulatorClient(t, calls.wrap)
	ctx := context.Background()
	createDemoEvent(ctx, t, client, topic, "ev_rec", "SECRET_VERSION_CREATED")
	if _, err := client.CreateSecret(ctx, CreateSecretRequest{Name: "rec", SecretString: "v1", EventSubscriptions: []string{"ev_rec"}}); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(48 * time.Hour).Truncate(time.Second).UnixMilli()
	for range 4 {
		v, err := client.CreateSecretVersion(ctx, "rec", CreateSecretVersionRequest{Value: SecretValue{String: "v"}, ExpireTime: &at})
		if err != nil {
			t.Fatal(err)
		}
		if v.ExpireTime == nil || *v.ExpireTime != at {
			t.Fatalf("the new version's expire_time is %v, want %d", v.ExpireTime, at)
		}
	}
	later := at + 3_600_000
	v, err := client.UpdateVersion(ctx, "rec", "v5", later)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != "v5" || v.ExpireTime == nil || *v.ExpireTime != later {
		t.Fatalf("UpdateVersion answered %+v", v)
	}

	calls.n.Store(0)
	recs := collect(t, client.AllNotificationRecords(ctx, 2))
	if len(recs) != 5 || calls.n.Load() != 3 {
		t.Fatalf("%d records in %d calls, want 5 in 3", len(recs), calls.n.Load())
	}
	times := make([]int64, 0, len(recs))
	for _, r := range recs {
		if r.EventName != "ev_rec" || r.TriggerEventType != "SECRET_VERSION_CREATED" || r.SecretName != "rec" ||
			r.SecretType != "COMMON" || r.NotificationTargetID != topic || r.NotificationStatus != "SUCCESS" {
			t.Fatalf("record %+v", r)
		}
		times = append(times, -r.CreateTime)
	}
	if !slices.IsSorted(times) {
		t.Errorf("records are not newest first: %v", times)
	}
	// Without a page size, the first call sends no query at all: the documented call.
	calls.n.Store(0)
	if got := collect(t, client.AllNotificationRecords(ctx, 0)); len(got) != 5 || calls.n.Load() != 1 {
		t.Fatalf("default page: %d records in %d calls", len(got), calls.n.Load())
	}
}
