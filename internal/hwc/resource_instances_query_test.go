package hwc

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeSecretLister serves an in-memory, name-sorted list of secrets by offset.
// before, when set, runs before each call (to shift the set between pages).
type fakeSecretLister struct {
	mu       sync.Mutex
	secrets  []ResourceInstance
	calls    []ListResourceInstancesRequest
	inFlight int
	peak     int
	failAt   map[int]error // offset → error
	before   func(f *fakeSecretLister, offset int)
	// count, when set, turns the true number of matches into the total_count
	// answered (0 stands for a missing one: the client cannot tell them apart).
	count func(n int) int
}

func (f *fakeSecretLister) ListResourceInstances(ctx context.Context, req ListResourceInstancesRequest) ([]ResourceInstance, int, error) {
	f.mu.Lock()
	f.calls = append(f.calls, req)
	f.inFlight++
	f.peak = max(f.peak, f.inFlight)
	if f.before != nil {
		f.before(f, req.Offset)
	}
	err := f.failAt[req.Offset]
	var page []ResourceInstance
	if req.Offset < len(f.secrets) {
		page = slices.Clone(f.secrets[req.Offset:min(req.Offset+req.Limit, len(f.secrets))])
	}
	total := len(f.secrets)
	if f.count != nil {
		total = f.count(total)
	}
	f.mu.Unlock()

	defer func() { f.mu.Lock(); f.inFlight--; f.mu.Unlock() }()
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	if err != nil {
		return nil, 0, err
	}
	return page, total, nil
}

func (f *fakeSecretLister) offsets() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []int
	for _, c := range f.calls {
		out = append(out, c.Offset)
	}
	slices.Sort(out)
	return out
}

func fakeSecret(i int, state string) ResourceInstance {
	id := fmt.Sprintf("id-%05d", i)
	name := fmt.Sprintf("secret-%05d", i)
	return ResourceInstance{ResourceID: id, ResourceName: name, Secret: Secret{ID: id, Name: name, State: state}}
}

func fakeSecrets(n int) []ResourceInstance {
	out := make([]ResourceInstance, n)
	for i := range out {
		state := "ENABLED"
		if i%10 == 0 {
			state = "PENDING_DELETE"
		}
		out[i] = fakeSecret(i, state)
	}
	return out
}

func requireSortedUnique(t *testing.T, got []ResourceInstance) {
	t.Helper()
	seen := map[string]bool{}
	for i, r := range got {
		if seen[r.Secret.ID] {
			t.Fatalf("duplicate id %s at %d", r.Secret.ID, i)
		}
		seen[r.Secret.ID] = true
		if i > 0 && got[i-1].Secret.Name > r.Secret.Name {
			t.Fatalf("not sorted by name at %d: %s > %s", i, got[i-1].Secret.Name, r.Secret.Name)
		}
	}
}

func TestQueryResourceInstances_CallsPerResultSize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n         int
		wantCalls []int
	}{
		{0, []int{0}},
		{1, []int{0}},
		{1000, []int{0, 1000}}, // a full last page is followed by one (empty) call: the count is not trusted to end the list
		{1001, []int{0, 1000}},
		{2500, []int{0, 1000, 2000}},
		{10000, []int{0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			t.Parallel()
			f := &fakeSecretLister{secrets: fakeSecrets(tc.n)}
			got := queryAllSortedUnique(t, f)
			if len(got) != tc.n {
				t.Fatalf("got %d secrets, want %d", len(got), tc.n)
			}
			if got == nil {
				t.Fatal("no match must be an empty slice, not nil")
			}
			if offs := f.offsets(); !slices.Equal(offs, tc.wantCalls) {
				t.Fatalf("offsets called %v, want %v", offs, tc.wantCalls)
			}
			for _, c := range f.calls {
				if c.Limit != ResourceInstancesMaxPage {
					t.Fatalf("limit %d, want %d", c.Limit, ResourceInstancesMaxPage)
				}
			}
			if f.peak > resourceInstancesPageWorkers {
				t.Fatalf("%d calls in flight, bound is %d", f.peak, resourceInstancesPageWorkers)
			}
		})
	}
}

// total_count only speeds paging up: whether it is missing (0), too small or
// exact, every match is returned, within ceil(N/1000)+1 calls.
func TestQueryResourceInstances_UntrustedTotalCount(t *testing.T) {
	t.Parallel()
	counts := map[string]func(int) int{
		"missing":         func(int) int { return 0 },
		"first page only": func(n int) int { return min(n, ResourceInstancesMaxPage) },
		"half":            func(n int) int { return n / 2 },
		"one short":       func(n int) int { return max(n-1, 0) },
		"exact":           func(n int) int { return n },
	}
	for name, count := range counts {
		for _, n := range []int{0, 999, 1000, 1001, 2000, 2500, 10000} {
			t.Run(fmt.Sprintf("%s/%d", name, n), func(t *testing.T) {
				t.Parallel()
				f := &fakeSecretLister{secrets: fakeSecrets(n), count: count}
				got := queryAllSortedUnique(t, f)
				if len(got) != n {
					t.Fatalf("got %d secrets, want all %d", len(got), n)
				}
				if budget := (n+ResourceInstancesMaxPage-1)/ResourceInstancesMaxPage + 1; len(f.calls) > budget {
					t.Fatalf("%d calls (offsets %v), budget %d", len(f.calls), f.offsets(), budget)
				}
				// Paging stops at the first short page: nothing is asked for past it.
				if offs := f.offsets(); offs[len(offs)-1] > n {
					t.Fatalf("asked for offset %d past %d matches", offs[len(offs)-1], n)
				}
			})
		}
	}
}

// The state filter empties pages, but a page the service sent full still
// leads to the next one.
func TestQueryResourceInstances_StateFilterDoesNotEndPaging(t *testing.T) {
	t.Parallel()
	f := &fakeSecretLister{secrets: fakeSecrets(2500), count: func(int) int { return 0 }}
	got, err := querySecrets(context.Background(), f, secretsQuery{State: "PENDING_DELETE"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 250 {
		t.Fatalf("got %d pending secrets, want 250", len(got))
	}
}

// A service that keeps sending full pages past its count is an error, not a
// partial list and not an endless loop.
func TestQueryResourceInstances_EndlessFullPages(t *testing.T) {
	t.Parallel()
	f := &endlessSecretLister{}
	got, err := querySecrets(context.Background(), f, secretsQuery{})
	if err == nil || got != nil || !strings.Contains(err.Error(), "full page") {
		t.Fatalf("got %d secrets, err %v; want an error about endless full pages", len(got), err)
	}
	if f.calls != resourceInstancesMaxPagesBeyondCount+1 {
		t.Fatalf("%d calls, want %d", f.calls, resourceInstancesMaxPagesBeyondCount+1)
	}
}

// endlessSecretLister answers every offset with the same full page and no
// total_count (one shared slice, so a thousand pages cost one page of memory).
type endlessSecretLister struct {
	calls int
	page  []ResourceInstance
}

func (f *endlessSecretLister) ListResourceInstances(_ context.Context, req ListResourceInstancesRequest) ([]ResourceInstance, int, error) {
	f.calls++ // sequential: without a count nothing is fetched concurrently
	if f.page == nil {
		f.page = fakeSecrets(req.Limit)
	}
	return f.page, 0, nil
}

func TestQueryResourceInstances_PassesFilters(t *testing.T) {
	t.Parallel()
	f := &fakeSecretLister{}
	tags := []TagFilter{{Key: "env", Values: []string{"prod"}}, {Key: "team", Values: []string{}}}
	if _, err := querySecrets(context.Background(), f, secretsQuery{Tags: tags, NameMatch: "db"}); err != nil {
		t.Fatal(err)
	}
	if len(f.calls) != 1 {
		t.Fatalf("%d calls", len(f.calls))
	}
	c := f.calls[0]
	if !slices.Equal(c.NameMatches, []string{"db"}) || len(c.Tags) != 2 || c.Tags[0].Key != "env" || c.Tags[1].Key != "team" {
		t.Fatalf("request %+v does not carry the filters", c)
	}

	f = &fakeSecretLister{}
	if _, err := querySecrets(context.Background(), f, secretsQuery{}); err != nil {
		t.Fatal(err)
	}
	if f.calls[0].NameMatches != nil {
		t.Fatalf("no name_match must send no matches, sent %v", f.calls[0].NameMatches)
	}
}

func TestQueryResourceInstances_StateFilteredAfterQuery(t *testing.T) {
	t.Parallel()
	f := &fakeSecretLister{secrets: fakeSecrets(2500)}
	got, err := querySecrets(context.Background(), f, secretsQuery{State: "PENDING_DELETE"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 250 {
		t.Fatalf("got %d pending secrets, want 250", len(got))
	}
	for _, r := range got {
		if r.Secret.State != "PENDING_DELETE" {
			t.Fatalf("%s has state %s", r.Secret.Name, r.Secret.State)
		}
	}
	if len(f.calls) != 3 {
		t.Fatalf("%d calls, want 3 (the filter does not change the paging)", len(f.calls))
	}
}

// onceAtOffset is a fakeSecretLister.before that changes the set once, just
// before the call for offset is served.
func onceAtOffset(offset int, change func(f *fakeSecretLister)) func(*fakeSecretLister, int) {
	var once sync.Once
	return func(f *fakeSecretLister, at int) {
		if at == offset {
			once.Do(func() { change(f) })
		}
	}
}

// queryAllSortedUnique runs an unfiltered query that must succeed and answer
// in order without repeats.
func queryAllSortedUnique(t *testing.T, f *fakeSecretLister) []ResourceInstance {
	t.Helper()
	got, err := querySecrets(context.Background(), f, secretsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	requireSortedUnique(t, got)
	return got
}

func TestQueryResourceInstances_DeduplicatesWhenSetShifts(t *testing.T) {
	t.Parallel()
	// A secret sorting before everything appears after page 1 was served: every
	// later page shifts by one, so the last item of page 1 is served again.
	f := &fakeSecretLister{secrets: fakeSecrets(1500)}
	f.before = onceAtOffset(1000, func(f *fakeSecretLister) {
		early := ResourceInstance{Secret: Secret{ID: "id-early", Name: "a-early", State: "ENABLED"}}
		f.secrets = append([]ResourceInstance{early}, f.secrets...)
	})
	got := queryAllSortedUnique(t, f)
	if len(got) != 1500 {
		t.Fatalf("got %d, want the 1500 originally matching secrets once each", len(got))
	}
}

func TestQueryResourceInstances_CatchesUpWhenSetGrows(t *testing.T) {
	t.Parallel()
	f := &fakeSecretLister{secrets: fakeSecrets(1500)}
	f.before = onceAtOffset(1000, func(f *fakeSecretLister) {
		for i := 1500; i < 2100; i++ {
			f.secrets = append(f.secrets, fakeSecret(i, "ENABLED"))
		}
	})
	got := queryAllSortedUnique(t, f)
	if len(got) != 2100 {
		t.Fatalf("got %d, want 2100", len(got))
	}
	if offs := f.offsets(); !slices.Equal(offs, []int{0, 1000, 2000}) {
		t.Fatalf("offsets %v", offs)
	}
}

func TestQueryResourceInstances_CatchUpIsBounded(t *testing.T) {
	t.Parallel()
	// Every call reports 1000 more matches than before: the query must stop,
	// with an error, never with the part it has read.
	f := &fakeSecretLister{secrets: fakeSecrets(1001)}
	f.before = func(f *fakeSecretLister, offset int) {
		if offset == 0 {
			return
		}
		n := len(f.secrets)
		for i := n; i < n+1000; i++ {
			f.secrets = append(f.secrets, fakeSecret(i, "ENABLED"))
		}
	}
	got, err := querySecrets(context.Background(), f, secretsQuery{})
	if got != nil || !errors.Is(err, ErrListKeptGrowing) {
		t.Fatalf("got %d secrets, err %v; want no list and ErrListKeptGrowing", len(got), err)
	}
	if !strings.Contains(err.Error(), "partial list") {
		t.Fatalf("error %q does not say that no partial list is returned", err)
	}
	if n := len(f.calls); n != 2+resourceInstancesCatchUpPages {
		t.Fatalf("%d calls, want %d", n, 2+resourceInstancesCatchUpPages)
	}
}

func TestQueryResourceInstances_PageErrors(t *testing.T) {
	t.Parallel()
	apiErr := &APIError{StatusCode: 400, Code: "CSMS.0002", Message: "invalid tag", RequestID: "req-1"}
	for _, off := range []int{0, 2000} {
		f := &fakeSecretLister{secrets: fakeSecrets(5000), failAt: map[int]error{off: apiErr}}
		got, err := querySecrets(context.Background(), f, secretsQuery{})
		if got != nil || !errors.Is(err, apiErr) {
			t.Fatalf("offset %d: got %d results, err %v; want the API error", off, len(got), err)
		}
		if !strings.Contains(err.Error(), fmt.Sprintf("offset %d", off)) {
			t.Fatalf("error %q does not say which page failed", err)
		}
	}
}

func TestQueryResourceInstances_CancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &fakeSecretLister{secrets: fakeSecrets(3000)}
	if _, err := querySecrets(ctx, f, secretsQuery{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}

func BenchmarkQuerySecrets10000(b *testing.B) {
	f := &fakeSecretLister{secrets: fakeSecrets(10000)}
	b.ReportAllocs()
	for b.Loop() {
		f.calls = f.calls[:0]
		if _, err := querySecrets(context.Background(), f, secretsQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}

// secretsQuery and querySecrets put the CSMS data source's query in the
// pager's terms, so the cases read as the data source meets them.
type secretsQuery struct {
	Tags      []TagFilter
	NameMatch string
	State     string
}

func querySecrets(ctx context.Context, api ResourceInstanceLister, q secretsQuery) ([]ResourceInstance, error) {
	req := ListResourceInstancesRequest{Tags: q.Tags}
	if q.NameMatch != "" {
		req.NameMatches = []string{q.NameMatch}
	}
	var keep func(ResourceInstance) bool
	if q.State != "" {
		keep = func(r ResourceInstance) bool { return r.Secret.State == q.State }
	}
	return QueryResourceInstances(ctx, api, req, keep)
}

func TestMergeInstancePages_SortsByNameThenID(t *testing.T) {
	t.Parallel()
	mk := func(id, name string) ResourceInstance {
		return ResourceInstance{ResourceID: id, ResourceName: name, Secret: Secret{ID: id, Name: name}}
	}
	got := mergeInstancePages([][]ResourceInstance{
		{mk("3", "b"), mk("2", "a")},
		{mk("1", "a"), mk("3", "b")},
		{{ResourceID: "9", ResourceName: "0-detail-less"}},
	})
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID())
	}
	if !slices.Equal(ids, []string{"9", "1", "2", "3"}) {
		t.Fatalf("order %v", ids)
	}
}
