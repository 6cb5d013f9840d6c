package hwc

import (
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
		createDemoEvent(ctx, t, client, topic, name, "SECRET_ROTATED")
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
	createDemoEvent(ctx, t, client, topic, "watched", "SECRET_DELETED")
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
