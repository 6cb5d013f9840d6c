package hwc

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
)

// callCounter counts the requests an emulator answers.
type callCounter struct{ n atomic.Int64 }

func (c *callCounter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.n.Add(1)
		next.ServeHTTP(w, r)
	})
}

// collect drains seq, failing the test on an error.
func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("after %d items: %v", len(out), err)
		}
		out = append(out, v)
	}
	return out
}

func TestAllSecretEventsPagesThroughTheEmulator(t *testing.T) {
	t.Parallel()
	calls := &callCounter{}
	client, topic := emulatorClient(t, calls.wrap)
	ctx := context.Background()
	var want []string
	for i := range 7 {
		name := fmt.Sprintf("ev_%d", i)
		want = append(want, name)
		if _, err := client.CreateSecretEvent(ctx, CreateSecretEventRequest{
			Name: name, EventTypes: []string{"SECRET_ROTATED"}, State: "ENABLED",
			Notification: EventNotification{TargetType: "SMN", TargetID: topic, TargetName: "hwcloud-demo"},
		}); err != nil {
			t.Fatal(err)
		}
	}

	calls.n.Store(0)
	var got []string
	for _, ev := range collect(t, client.AllSecretEvents(ctx, 3)) {
		got = append(got, ev.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("events = %v, want %v", got, want)
	}
	if n := calls.n.Load(); n != 3 {
		t.Errorf("%d list calls for 7 events 3 at a time, want 3", n)
	}
}

func TestAllSecretsPagesAndFiltersByEvent(t *testing.T) {
	t.Parallel()
	client, topic := emulatorClient(t, nil)
	ctx := context.Background()
	if _, err := client.CreateSecretEvent(ctx, CreateSecretEventRequest{
		Name: "watched", EventTypes: []string{"SECRET_DELETED"}, State: "ENABLED",
		Notification: EventNotification{TargetType: "SMN", TargetID: topic, TargetName: "hwcloud-demo"},
	}); err != nil {
		t.Fatal(err)
	}
	var all, subscribed []string
	for i := range 5 {
		in := CreateSecretRequest{Name: "s" + strconv.Itoa(i), SecretString: "v"}
		if i%2 == 0 {
			in.EventSubscriptions = []string{"watched"}
			subscribed = append(subscribed, in.Name)
		}
		all = append(all, in.Name)
		if _, err := client.CreateSecret(ctx, in); err != nil {
			t.Fatal(err)
		}
	}

	names := func(ss []Secret) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.Name
		}
		return out
	}
	if got := names(collect(t, client.AllSecrets(ctx, 2, ""))); !slices.Equal(got, all) {
		t.Errorf("all secrets = %v, want %v", got, all)
	}
	if got := names(collect(t, client.AllSecrets(ctx, 1, "watched"))); !slices.Equal(got, subscribed) {
		t.Errorf("subscribed secrets = %v, want %v", got, subscribed)
	}
}

func TestAllSecretVersionsPagesThroughTheEmulator(t *testing.T) {
	t.Parallel()
	client, _ := emulatorClient(t, nil)
	ctx := context.Background()
	if _, err := client.CreateSecret(ctx, CreateSecretRequest{Name: "versioned", SecretString: "v1"}); err != nil {
		t.Fatal(err)
	}
	for i := 2; i <= 5; i++ {
		if _, err := client.CreateSecretVersion(ctx, "versioned", CreateSecretVersionRequest{
			Value: SecretValue{String: "v" + strconv.Itoa(i)},
		}); err != nil {
			t.Fatal(err)
		}
	}
	onePage, _, err := client.ListSecretVersions(ctx, "versioned", 50, "")
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, client.AllSecretVersions(ctx, "versioned", 2))
	if len(got) != 5 || !slices.EqualFunc(got, onePage, func(a, b VersionMetadata) bool { return a.ID == b.ID }) {
		t.Errorf("paged versions %+v differ from the single page %+v", got, onePage)
	}
}

// eventPages answers ListSecretEvents from pages, the n-th call with pages[n-1]:
// the events named, and the next marker ("" for none).
func eventPages(t *testing.T, pages ...[]string) (*Client, *recorder) {
	t.Helper()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n > len(pages) {
			reply(w, 400, `{"error":{"error_code":"CSMS.0001","error_msg":"page past the test's script"}}`)
			return
		}
		page := pages[n-1]
		next, names := page[len(page)-1], page[:len(page)-1]
		body := `{"events":[`
		for i, name := range names {
			if i > 0 {
				body += ","
			}
			body += `{"name":"` + name + `"}`
		}
		nm := "null"
		if next != "" {
			nm = strconv.Quote(next)
		}
		reply(w, 200, body+`],"page_info":{"next_marker":`+nm+`}}`)
	})
	return newTestClient(t, rec.URL, nil), rec
}

func TestAllSecretEventsStopsWhenTheConsumerStops(t *testing.T) {
	t.Parallel()
	client, rec := eventPages(t, []string{"a", "b", "b"}, []string{"c", ""})
	for ev, err := range client.AllSecretEvents(context.Background(), 2) {
		if err != nil {
			t.Fatal(err)
		}
		if ev.Name == "a" {
			break
		}
	}
	if rec.count() != 1 {
		t.Errorf("%d calls after a break on the first item, want 1", rec.count())
	}
}

func TestAllSecretEventsAsksWithTheMarkerAndLimit(t *testing.T) {
	t.Parallel()
	client, rec := eventPages(t, []string{"a", "b", "b"}, []string{"c", ""})
	got := collect(t, client.AllSecretEvents(context.Background(), 2))
	if len(got) != 3 || got[2].Name != "c" {
		t.Errorf("events = %+v, want a, b, c", got)
	}
	if q := rec.call(t, 0).Query; q != "limit=2" {
		t.Errorf("first query = %q", q)
	}
	if q := rec.call(t, 1).Query; q != "limit=2&marker=b" {
		t.Errorf("second query = %q", q)
	}
}

func TestAllSecretEventsYieldsAFailureOnceAndStops(t *testing.T) {
	t.Parallel()
	// The second page is past the script: a 400, which is not retried.
	client, rec := eventPages(t, []string{"a", "b", "b"})
	var names []string
	var errs []error
	for ev, err := range client.AllSecretEvents(context.Background(), 2) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names = append(names, ev.Name)
	}
	if !slices.Equal(names, []string{"a", "b"}) || len(errs) != 1 {
		t.Fatalf("got %v and errors %v, want a, b and one error", names, errs)
	}
	var apiErr *APIError
	if !errors.As(errs[0], &apiErr) || apiErr.Code != "CSMS.0001" {
		t.Errorf("error %v does not wrap the API error", errs[0])
	}
	if rec.count() != 2 {
		t.Errorf("%d calls, want 2", rec.count())
	}
}

func TestAllSecretEventsRefusesAMarkerThatDoesNotAdvance(t *testing.T) {
	t.Parallel()
	for name, pages := range map[string][][]string{
		"same marker twice": {{"a", "a"}, {"a", "a"}, {"a", "a"}},
		"a cycle":           {{"a", "a"}, {"b", "b"}, {"a", "a"}, {"b", "b"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client, rec := eventPages(t, pages...)
			var err error
			items := 0
			for _, e := range client.AllSecretEvents(context.Background(), 1) {
				if e != nil {
					err = e
					break
				}
				items++
			}
			if !errors.Is(err, ErrMarkerRepeated) {
				t.Fatalf("err = %v, want ErrMarkerRepeated", err)
			}
			if want := len(pages) - 1; rec.count() != want || items != want {
				t.Errorf("%d calls and %d items before the error, want %d", rec.count(), items, want)
			}
		})
	}
}

func TestAllSecretEventsEndsOnAnEmptyPageOrMarker(t *testing.T) {
	t.Parallel()
	client, rec := eventPages(t, []string{"a", "a"}, []string{"b"}) // an empty page that still names a marker
	if got := collect(t, client.AllSecretEvents(context.Background(), 1)); len(got) != 1 || rec.count() != 2 {
		t.Errorf("%d events in %d calls, want 1 in 2", len(got), rec.count())
	}
}

// scriptedLister answers ListResourceInstances from a function of the offset.
type scriptedLister struct {
	calls []ListResourceInstancesRequest
	page  func(offset, limit int) ([]ResourceInstance, int, error)
}

func (s *scriptedLister) ListResourceInstances(_ context.Context, req ListResourceInstancesRequest) ([]ResourceInstance, int, error) {
	s.calls = append(s.calls, req)
	return s.page(req.Offset, req.Limit)
}

// fixedSet serves n secrets s0…s(n-1) with count as the reported total.
func fixedSet(n, count int) func(offset, limit int) ([]ResourceInstance, int, error) {
	return func(offset, limit int) ([]ResourceInstance, int, error) {
		var out []ResourceInstance
		for i := offset; i < min(offset+limit, n); i++ {
			out = append(out, ResourceInstance{ResourceID: "id" + strconv.Itoa(i), Secret: Secret{ID: "id" + strconv.Itoa(i)}})
		}
		return out, count, nil
	}
}

func drainInstances(seq func(func(ResourceInstance, error) bool)) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func TestAllResourceInstancesCallsPerShape(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name             string
		n, count, limit  int
		wantItems, calls int
	}{
		{"one short page", 5, 5, 10, 5, 1},
		{"none", 0, 0, 10, 0, 1},
		{"three pages", 25, 25, 10, 25, 3},
		{"an exact multiple costs one empty call", 20, 20, 10, 20, 3},
		{"no count: full pages until a short one", 25, 0, 10, 25, 3},
		{"a count too small", 25, 12, 10, 25, 3},
		{"Limit 0 pages by the maximum", 1500, 1500, 0, 1500, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			api := &scriptedLister{page: fixedSet(tc.n, tc.count)}
			got, err := drainInstances(AllResourceInstancesOf(context.Background(), api, ListResourceInstancesRequest{
				Limit: tc.limit, Tags: []TagFilter{{Key: "k"}},
			}))
			if err != nil || got != tc.wantItems || len(api.calls) != tc.calls {
				t.Errorf("%d items, %d calls, err %v; want %d items in %d calls", got, len(api.calls), err, tc.wantItems, tc.calls)
			}
			size := cmp.Or(tc.limit, ResourceInstancesMaxPage)
			for i, c := range api.calls {
				if c.Offset != i*size || c.Limit != size || len(c.Tags) != 1 {
					t.Errorf("call %d: %+v, want offset %d, limit %d and the tag filter", i, c, i*size, size)
				}
			}
		})
	}
}

func TestAllResourceInstancesYieldsAMovedSecretOnce(t *testing.T) {
	t.Parallel()
	// A secret created before s3 in the service's order shifts s3 onto the second page too.
	api := &scriptedLister{page: func(offset, _ int) ([]ResourceInstance, int, error) {
		ids := map[int][]string{0: {"s0", "s1", "s2", "s3"}, 4: {"s3", "s4"}}[offset]
		var out []ResourceInstance
		for _, id := range ids {
			out = append(out, ResourceInstance{ResourceID: id})
		}
		return out, 6, nil
	}}
	if got, err := drainInstances(AllResourceInstancesOf(context.Background(), api, ListResourceInstancesRequest{Limit: 4})); err != nil || got != 5 {
		t.Errorf("%d secrets (err %v), want 5 distinct", got, err)
	}
}

func TestAllResourceInstancesStopsWhenTheConsumerStops(t *testing.T) {
	t.Parallel()
	api := &scriptedLister{page: fixedSet(100, 100)}
	for _, err := range AllResourceInstancesOf(context.Background(), api, ListResourceInstancesRequest{Limit: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if len(api.calls) != 1 {
		t.Errorf("%d calls after a break on the first item, want 1", len(api.calls))
	}
}

func TestAllResourceInstancesYieldsAFailureOnceAndStops(t *testing.T) {
	t.Parallel()
	boom := &APIError{StatusCode: 400, Code: "CSMS.0401"}
	api := &scriptedLister{page: func(offset, limit int) ([]ResourceInstance, int, error) {
		if offset == 10 {
			return nil, 0, boom
		}
		return fixedSet(30, 30)(offset, limit)
	}}
	var errs []error
	items := 0
	for _, err := range AllResourceInstancesOf(context.Background(), api, ListResourceInstancesRequest{Limit: 10}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items++
	}
	if items != 10 || len(errs) != 1 || !errors.Is(errs[0], boom) || len(api.calls) != 2 {
		t.Errorf("%d items, errors %v, %d calls; want 10 items, the API error once, 2 calls", items, errs, len(api.calls))
	}
}

func TestAllResourceInstancesGivesUpOnASetThatKeepsGrowing(t *testing.T) {
	t.Parallel()
	calls := 0
	api := &scriptedLister{page: func(offset, limit int) ([]ResourceInstance, int, error) {
		calls++
		return fixedSet(offset+limit, offset+2*limit)(offset, limit) // always one more page than read
	}}
	_, err := drainInstances(AllResourceInstancesOf(context.Background(), api, ListResourceInstancesRequest{Limit: 10}))
	if !errors.Is(err, ErrListKeptGrowing) {
		t.Fatalf("err = %v, want ErrListKeptGrowing", err)
	}
	// The first count promises two pages; ten more are read as the count grows.
	if want := 2 + resourceInstancesCatchUpPages; calls != want {
		t.Errorf("%d calls, want %d", calls, want)
	}
}

func TestAllResourceInstancesGivesUpOnEndlessFullPages(t *testing.T) {
	t.Parallel()
	api := &scriptedLister{page: func(offset, _ int) ([]ResourceInstance, int, error) {
		return []ResourceInstance{{ResourceID: strconv.Itoa(offset)}}, 1, nil
	}}
	_, err := drainInstances(AllResourceInstancesOf(context.Background(), api, ListResourceInstancesRequest{Limit: 1}))
	if !errors.Is(err, ErrTooManyPages) {
		t.Fatalf("err = %v, want ErrTooManyPages", err)
	}
	if want := 1 + resourceInstancesMaxPagesBeyondCount; len(api.calls) != want {
		t.Errorf("%d calls, want %d", len(api.calls), want)
	}
}

func TestAllResourceInstancesPagesThroughTheEmulator(t *testing.T) {
	t.Parallel()
	calls := &callCounter{}
	client, _ := emulatorClient(t, calls.wrap)
	ctx := context.Background()
	for i := range 25 {
		s, err := client.CreateSecret(ctx, CreateSecretRequest{Name: fmt.Sprintf("s%02d", i), SecretString: "v"})
		if err != nil {
			t.Fatal(err)
		}
		if i%5 != 0 { // 20 of the 25 carry the tag
			if err := client.CreateSecretTag(ctx, s.ID, Tag{Key: "team", Value: "a"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	calls.n.Store(0)
	got := collect(t, client.AllResourceInstances(ctx, ListResourceInstancesRequest{
		Limit: 8, Tags: []TagFilter{{Key: "team", Values: []string{"a"}}},
	}))
	if len(got) != 20 {
		t.Errorf("%d secrets, want 20", len(got))
	}
	if n := calls.n.Load(); n != 3 {
		t.Errorf("%d calls for 20 matches 8 at a time, want 3", n)
	}
}
