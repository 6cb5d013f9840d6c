package hwc

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
)

// ResourceInstanceLister is the part of *Client a tag query needs; tests and
// benchmarks substitute their own.
type ResourceInstanceLister interface {
	ListResourceInstances(ctx context.Context, req ListResourceInstancesRequest) ([]ResourceInstance, int, error)
}

const (
	// ResourceInstancesMaxPage is the largest page ListResourceInstances serves.
	ResourceInstancesMaxPage = 1000
	// resourceInstancesPageWorkers bounds the pages fetched at once after the first.
	resourceInstancesPageWorkers = 4
	// resourceInstancesCatchUpPages bounds the extra pages fetched when the
	// matching set grows while it is being paged, so a busy project cannot keep
	// us looping; past it the query fails (ErrListKeptGrowing), never with a
	// partial list.
	resourceInstancesCatchUpPages = 10
	// resourceInstancesMaxPagesBeyondCount stops a service that keeps sending
	// full pages past its count (or without one) with an error, never a
	// partial list.
	resourceInstancesMaxPagesBeyondCount = 1000
)

// QueryResourceInstances runs QueryResourceInstances against c.
func (c *Client) QueryResourceInstances(ctx context.Context, req ListResourceInstancesRequest,
	keep func(ResourceInstance) bool) ([]ResourceInstance, error) {
	return QueryResourceInstances(ctx, c, req, keep)
}

// QueryResourceInstances returns every secret the tag query req matches and
// keep accepts (nil: all), de-duplicated by id and sorted by name then id;
// req.Limit and req.Offset are set here. The first page tells the total; the remaining pages are
// fetched concurrently, so N matches cost ceil(N/1000) calls (N=0 costs one).
//
// total_count is optional in the service's model, so it only speeds the
// search up, never ends it: while the last page is full, the next one is
// asked for, until a short page (missing, zero or too small a count costs
// sequential pages; an exact multiple of 1000 costs one more, empty call).
// Pages are filtered by keep as they arrive, so memory follows the result.
func QueryResourceInstances(ctx context.Context, api ResourceInstanceLister, req ListResourceInstancesRequest,
	keep func(ResourceInstance) bool) ([]ResourceInstance, error) {
	first, err := fetchInstancesPage(ctx, api, req, keep, 0)
	if err != nil {
		return nil, err
	}
	pages := []instancesPage{first}

	var offsets []int
	for off := ResourceInstancesMaxPage; off < first.total; off += ResourceInstancesMaxPage {
		offsets = append(offsets, off)
	}
	rest, err := fetchInstancesPages(ctx, api, req, keep, offsets)
	if err != nil {
		return nil, err
	}
	pages = append(pages, rest...)

	total := first.total
	for _, p := range rest {
		total = max(total, p.total)
	}
	next := ResourceInstancesMaxPage * len(pages)
	for grown, beyond := 0, 0; ; next += ResourceInstancesMaxPage {
		switch {
		case next < total: // the set grew while we paged: fetch what now lies beyond the first total
			if grown == resourceInstancesCatchUpPages {
				return nil, fmt.Errorf("listing secrets: %w (the service now reports %d matches; %d pages "+
					"were read, %d of them after the first count); stopping instead of returning a partial list",
					ErrListKeptGrowing, total, len(pages), grown)
			}
			grown++
		case pages[len(pages)-1].full(): // no count, or a count the pages outgrew: only a short page ends the list
			if beyond == resourceInstancesMaxPagesBeyondCount {
				return nil, fmt.Errorf("listing secrets: the service still returned a full page at offset %d, "+
					"%d pages past the count it reported (%d); stopping instead of returning a partial list",
					next-ResourceInstancesMaxPage, beyond, total)
			}
			beyond++
		default:
			return mergeInstancePages(pageItems(pages)), nil
		}
		page, err := fetchInstancesPage(ctx, api, req, keep, next)
		if err != nil {
			return nil, err
		}
		pages = append(pages, page)
		total = max(total, page.total)
	}
}

// instancesPage is one answer: the secrets kept (after the state filter), how
// many the service sent (a short page ends the list) and the count it reported.
type instancesPage struct {
	items []ResourceInstance
	sent  int
	total int
}

func (p instancesPage) full() bool { return p.sent >= ResourceInstancesMaxPage }

func pageItems(pages []instancesPage) [][]ResourceInstance {
	out := make([][]ResourceInstance, len(pages))
	for i, p := range pages {
		out[i] = p.items
	}
	return out
}

// fetchInstancesPage fetches one page and keeps what keep accepts.
func fetchInstancesPage(ctx context.Context, api ResourceInstanceLister, req ListResourceInstancesRequest,
	keep func(ResourceInstance) bool, offset int) (instancesPage, error) {
	req.Limit, req.Offset = ResourceInstancesMaxPage, offset
	page, total, err := api.ListResourceInstances(ctx, req)
	if err != nil {
		return instancesPage{}, fmt.Errorf("listing secrets (offset %d, limit %d): %w", offset, ResourceInstancesMaxPage, err)
	}
	sent := len(page)
	if keep != nil {
		page = slices.DeleteFunc(page, func(r ResourceInstance) bool { return !keep(r) })
	}
	return instancesPage{items: page, sent: sent, total: max(total, 0)}, nil
}

// fetchInstancesPages fetches the given offsets with bounded concurrency. Pages
// come back in offset order; the first failure cancels the others.
func fetchInstancesPages(ctx context.Context, api ResourceInstanceLister, req ListResourceInstancesRequest,
	keep func(ResourceInstance) bool, offsets []int) ([]instancesPage, error) {
	if len(offsets) == 0 {
		return nil, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	pages := make([]instancesPage, len(offsets))
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	work := make(chan int)
	for range min(resourceInstancesPageWorkers, len(offsets)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				page, err := fetchInstancesPage(ctx, api, req, keep, offsets[i])
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

// mergeInstancePages concatenates pages, keeping the first occurrence of an id
// (a secret can move across a page boundary while we page), sorted by name then id.
func mergeInstancePages(pages [][]ResourceInstance) []ResourceInstance {
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	seen := make(map[string]struct{}, n)
	out := make([]ResourceInstance, 0, n)
	for _, p := range pages {
		for _, r := range p {
			id := r.ID()
			if _, dup := seen[id]; dup {
				continue
			}
			seen[id] = struct{}{}
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b ResourceInstance) int {
		return cmp.Or(cmp.Compare(a.Name(), b.Name()),
			cmp.Compare(a.ID(), b.ID()))
	})
	return out
}

// ID is the secret's own id; resource_id is the same value on the wire, kept
// as a fallback for a detail-less entry.
func (r ResourceInstance) ID() string {
	return cmp.Or(r.Secret.ID, r.ResourceID)
}

// Name is the secret's name, or resource_name for a detail-less entry.
func (r ResourceInstance) Name() string {
	return cmp.Or(r.Secret.Name, r.ResourceName)
}
