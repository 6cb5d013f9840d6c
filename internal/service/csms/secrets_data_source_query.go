package csms

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

const (
	// secretsPageSize is the largest page ListResourceInstances serves.
	secretsPageSize = 1000
	// secretsPageWorkers bounds the pages fetched at once after the first.
	secretsPageWorkers = 4
	// secretsCatchUpPages bounds the extra pages fetched when the matching set
	// grows while it is being paged, so a busy project cannot keep us looping;
	// past it the read fails (errSecretsKeptGrowing), never with a partial list.
	secretsCatchUpPages = 10
	// secretsMaxPagesBeyondCount stops a service that keeps sending full pages
	// past its count (or without one) with an error, never a partial list.
	secretsMaxPagesBeyondCount = 1000

	secretStatePendingDelete = "PENDING_DELETE"
)

// errSecretsKeptGrowing means the matching set was still growing after
// secretsCatchUpPages extra pages: what was read is not the whole set.
var errSecretsKeptGrowing = errors.New("the set of matching secrets kept growing while it was being read")

// secretInstanceLister is the part of *hwc.Client the query needs; unit tests
// and benchmarks substitute their own.
type secretInstanceLister interface {
	ListResourceInstances(ctx context.Context, req hwc.ListResourceInstancesRequest) ([]hwc.ResourceInstance, int, error)
}

// secretsQuery is a tag-filtered secret search.
type secretsQuery struct {
	Tags      []hwc.TagFilter // keys ANDed, values of a key ORed, empty values = any value
	NameMatch string          // fuzzy match on the name; "" = no name filter
	State     string          // applied after the query; "" = any state
}

// querySecrets returns every secret matching q, de-duplicated by id and sorted
// by name then id. The first page tells the total; the remaining pages are
// fetched concurrently, so N matches cost ceil(N/1000) calls (N=0 costs one).
//
// total_count is optional in the service's model, so it only speeds the
// search up, never ends it: while the last page is full, the next one is
// asked for, until a short page (missing, zero or too small a count costs
// sequential pages; an exact multiple of 1000 costs one more, empty call).
// Pages are filtered by state as they arrive, so memory follows the result.
func querySecrets(ctx context.Context, api secretInstanceLister, q secretsQuery) ([]hwc.ResourceInstance, error) {
	first, err := fetchSecretsPage(ctx, api, q, 0)
	if err != nil {
		return nil, err
	}
	pages := []secretsPage{first}

	var offsets []int
	for off := secretsPageSize; off < first.total; off += secretsPageSize {
		offsets = append(offsets, off)
	}
	rest, err := fetchSecretsPages(ctx, api, q, offsets)
	if err != nil {
		return nil, err
	}
	pages = append(pages, rest...)

	total := first.total
	for _, p := range rest {
		total = max(total, p.total)
	}
	next := secretsPageSize * len(pages)
	for grown, beyond := 0, 0; ; next += secretsPageSize {
		switch {
		case next < total: // the set grew while we paged: fetch what now lies beyond the first total
			if grown == secretsCatchUpPages {
				return nil, fmt.Errorf("listing secrets: %w (the service now reports %d matches; %d pages "+
					"were read, %d of them after the first count); stopping instead of returning a partial list",
					errSecretsKeptGrowing, total, len(pages), grown)
			}
			grown++
		case pages[len(pages)-1].full(): // no count, or a count the pages outgrew: only a short page ends the list
			if beyond == secretsMaxPagesBeyondCount {
				return nil, fmt.Errorf("listing secrets: the service still returned a full page at offset %d, "+
					"%d pages past the count it reported (%d); stopping instead of returning a partial list",
					next-secretsPageSize, beyond, total)
			}
			beyond++
		default:
			return mergeSecretPages(pageItems(pages)), nil
		}
		page, err := fetchSecretsPage(ctx, api, q, next)
		if err != nil {
			return nil, err
		}
		pages = append(pages, page)
		total = max(total, page.total)
	}
}

// secretsPage is one answer: the secrets kept (after the state filter), how
// many the service sent (a short page ends the list) and the count it reported.
type secretsPage struct {
	items []hwc.ResourceInstance
	sent  int
	total int
}

func (p secretsPage) full() bool { return p.sent >= secretsPageSize }

func pageItems(pages []secretsPage) [][]hwc.ResourceInstance {
	out := make([][]hwc.ResourceInstance, len(pages))
	for i, p := range pages {
		out[i] = p.items
	}
	return out
}

// fetchSecretsPage fetches one page and keeps only the secrets in q.State.
func fetchSecretsPage(ctx context.Context, api secretInstanceLister, q secretsQuery, offset int) (secretsPage, error) {
	req := hwc.ListResourceInstancesRequest{Limit: secretsPageSize, Offset: offset, Tags: q.Tags}
	if q.NameMatch != "" {
		req.NameMatches = []string{q.NameMatch}
	}
	page, total, err := api.ListResourceInstances(ctx, req)
	if err != nil {
		return secretsPage{}, fmt.Errorf("listing secrets (offset %d, limit %d): %w", offset, secretsPageSize, err)
	}
	sent := len(page)
	if q.State != "" {
		page = slices.DeleteFunc(page, func(r hwc.ResourceInstance) bool { return r.Secret.State != q.State })
	}
	return secretsPage{items: page, sent: sent, total: max(total, 0)}, nil
}

// fetchSecretsPages fetches the given offsets with bounded concurrency. Pages
// come back in offset order; the first failure cancels the others.
func fetchSecretsPages(ctx context.Context, api secretInstanceLister, q secretsQuery, offsets []int) ([]secretsPage, error) {
	if len(offsets) == 0 {
		return nil, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	pages := make([]secretsPage, len(offsets))
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	work := make(chan int)
	for range min(secretsPageWorkers, len(offsets)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				page, err := fetchSecretsPage(ctx, api, q, offsets[i])
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
						cancel()
					}
					mu.Unlock()
					continue
				}
				pages[i] = page
			}
		}()
	}
feed:
	for i := range offsets {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return pages, nil
}

// mergeSecretPages concatenates pages, keeping the first occurrence of an id
// (a secret can move across a page boundary while we page), sorted by name then id.
func mergeSecretPages(pages [][]hwc.ResourceInstance) []hwc.ResourceInstance {
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	seen := make(map[string]struct{}, n)
	out := make([]hwc.ResourceInstance, 0, n)
	for _, p := range pages {
		for _, r := range p {
			id := resourceInstanceID(r)
			if _, dup := seen[id]; dup {
				continue
			}
			seen[id] = struct{}{}
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b hwc.ResourceInstance) int {
		return cmp.Or(cmp.Compare(resourceInstanceName(a), resourceInstanceName(b)),
			cmp.Compare(resourceInstanceID(a), resourceInstanceID(b)))
	})
	return out
}

// resourceInstanceID prefers the secret's own id; resource_id is the same value
// on the wire, kept as a fallback for a detail-less entry.
func resourceInstanceID(r hwc.ResourceInstance) string {
	return cmp.Or(r.Secret.ID, r.ResourceID)
}

func resourceInstanceName(r hwc.ResourceInstance) string {
	return cmp.Or(r.Secret.Name, r.ResourceName)
}
