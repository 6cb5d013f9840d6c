package hwc

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
)

// Paging iterators: each one walks a paged list from the start and yields
// every item, one page call at a time, only as fast as the consumer reads.
// They share one contract:
//
//   - a consumer that stops (break) stops the paging: no further call is made;
//   - a failed call is yielded once, as (zero value, error), and ends the
//     iteration; the error wraps the call's error, so errors.Is and
//     errors.As (ErrNotFound, *APIError, IsThrottled, …) still work;
//   - a list that cannot end is an error, never an endless loop: a marker
//     that does not advance (ErrMarkerRepeated), a set that keeps growing
//     while it is paged (ErrListKeptGrowing), full pages far past the count
//     (ErrTooManyPages).
//
// The page methods (ListSecretEvents, …) stay for callers that want one page.

var (
	// ErrMarkerRepeated means the service sent a next_marker it had already
	// sent (or the one just asked with): following it would loop forever.
	ErrMarkerRepeated = errors.New("the service sent a page marker that does not advance")
	// ErrListKeptGrowing means an offset-paged set was still growing after
	// resourceInstancesCatchUpPages extra pages: what was read is not the whole set.
	ErrListKeptGrowing = errors.New("the set of matching secrets kept growing while it was being read")
	// ErrTooManyPages means the service still sent full pages
	// resourceInstancesMaxPagesBeyondCount pages past the count it reported.
	ErrTooManyPages = errors.New("the service kept sending full pages past the count it reported")
)

const (
	// ResourceInstancesMaxPage is the largest page ListResourceInstances serves;
	// AllResourceInstances pages with it when the request leaves Limit at 0.
	ResourceInstancesMaxPage = 1000
	// resourceInstancesCatchUpPages bounds the pages read past the first
	// total_count when the count grows while paging, so a busy project cannot
	// keep the iterator going.
	resourceInstancesCatchUpPages = 10
	// resourceInstancesMaxPagesBeyondCount bounds the full pages read past the
	// count (or without one) before giving up.
	resourceInstancesMaxPagesBeyondCount = 1000
)

// AllSecretEvents yields every CSMS event, pageSize per ListSecretEvents call
// (0: the service's default, 50, which is also its maximum).
func (c *Client) AllSecretEvents(ctx context.Context, pageSize int) iter.Seq2[SecretEvent, error] {
	return markerPaged(ctx, "secret events", func(ctx context.Context, marker string) ([]SecretEvent, PageInfo, error) {
		return c.ListSecretEvents(ctx, pageSize, marker)
	})
}

// AllSecrets yields every CSMS secret (metadata only), pageSize per
// ListSecrets call (0: the service's default); with eventName set, only the
// secrets subscribed to that event.
func (c *Client) AllSecrets(ctx context.Context, pageSize int, eventName string) iter.Seq2[Secret, error] {
	return markerPaged(ctx, "secrets", func(ctx context.Context, marker string) ([]Secret, PageInfo, error) {
		return c.ListSecrets(ctx, pageSize, marker, eventName)
	})
}

// AllSecretVersions yields the metadata of every version of a secret (never
// values), pageSize per ListSecretVersions call (0: the service's default).
func (c *Client) AllSecretVersions(ctx context.Context, secretName string, pageSize int) iter.Seq2[VersionMetadata, error] {
	return markerPaged(ctx, "versions of secret "+secretName, func(ctx context.Context, marker string) ([]VersionMetadata, PageInfo, error) {
		return c.ListSecretVersions(ctx, secretName, pageSize, marker)
	})
}

// markerPaged pages a CSMS marker-paged list: fetch returns the page after
// marker ("" = the first). The list ends at an empty next_marker or an empty
// page, as the provider's own loops have always ended it.
func markerPaged[T any](ctx context.Context, what string, fetch func(context.Context, string) ([]T, PageInfo, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		marker := ""
		used := map[string]bool{"": true}
		for {
			items, page, err := fetch(ctx, marker)
			if err != nil {
				yield(zero, fmt.Errorf("listing %s after marker %q: %w", what, marker, err))
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if page.NextMarker == "" || len(items) == 0 {
				return
			}
			if used[page.NextMarker] {
				yield(zero, fmt.Errorf("listing %s: %w (%q after %q)", what, ErrMarkerRepeated, page.NextMarker, marker))
				return
			}
			marker = page.NextMarker
			used[marker] = true
		}
	}
}

// ResourceInstanceLister is the call AllResourceInstancesOf pages with;
// *Client is one, and tests or benchmarks may substitute their own.
type ResourceInstanceLister interface {
	ListResourceInstances(ctx context.Context, req ListResourceInstancesRequest) ([]ResourceInstance, int, error)
}

// AllResourceInstances yields every secret a tag query matches, once each;
// see AllResourceInstancesOf.
func (c *Client) AllResourceInstances(ctx context.Context, req ListResourceInstancesRequest) iter.Seq2[ResourceInstance, error] {
	return AllResourceInstancesOf(ctx, c, req)
}

// AllResourceInstancesOf pages a tag query (ListResourceInstances) through
// api, req.Limit per call (0: ResourceInstancesMaxPage), from req.Offset
// (normally 0), one page after another, in the service's order. A secret
// that moves across a page boundary while it is paged is yielded once (by
// id); callers that want an order sort what they collect.
//
// It pages as the provider's secrets data source does. total_count is
// optional in the service's model, so, as in Huawei's own provider (which
// pages until an empty page), it never ends the list: it only tells how far
// the list at least goes. Pages are read
// until offset reaches the count and the last page is short; an exact
// multiple of the page size costs one more, empty call. If the count grows
// while paging, up to resourceInstancesCatchUpPages pages past the first
// count are read before failing with ErrListKeptGrowing; a service that sends
// full pages past its count fails with ErrTooManyPages after
// resourceInstancesMaxPagesBeyondCount of them. Neither ends in a partial
// list without an error.
func AllResourceInstancesOf(ctx context.Context, api ResourceInstanceLister, req ListResourceInstancesRequest) iter.Seq2[ResourceInstance, error] {
	return func(yield func(ResourceInstance, error) bool) {
		limit := cmp.Or(req.Limit, ResourceInstancesMaxPage)
		start := req.Offset
		seen := map[string]struct{}{}
		firstCount, count := 0, 0
		grown, beyond := 0, 0
		for offset, call := start, 0; ; offset, call = offset+limit, call+1 {
			q := req
			q.Limit, q.Offset = limit, offset
			page, total, err := api.ListResourceInstances(ctx, q)
			if err != nil {
				yield(ResourceInstance{}, fmt.Errorf("listing secrets (offset %d, limit %d): %w", offset, limit, err))
				return
			}
			if call == 0 {
				firstCount = max(total, 0)
			}
			count = max(count, total)
			for _, r := range page {
				id := cmp.Or(r.Secret.ID, r.ResourceID)
				if _, dup := seen[id]; dup {
					continue
				}
				seen[id] = struct{}{}
				if !yield(r, nil) {
					return
				}
			}

			next := offset + limit
			switch {
			case next-start < firstCount: // within the first count: keep going, whatever the page held
			case next-start < count: // the set grew while we paged: read what now lies beyond the first count
				if grown == resourceInstancesCatchUpPages {
					yield(ResourceInstance{}, fmt.Errorf("listing secrets: %w (the service now reports %d matches; "+
						"%d pages were read, %d of them after the first count); stopping instead of returning a partial list",
						ErrListKeptGrowing, count, call+1, grown))
					return
				}
				grown++
			case len(page) >= limit: // no count, or a count the pages outgrew: only a short page ends the list
				if beyond == resourceInstancesMaxPagesBeyondCount {
					yield(ResourceInstance{}, fmt.Errorf("listing secrets: %w (a full page at offset %d, %d pages "+
						"past the count of %d); stopping instead of returning a partial list",
						ErrTooManyPages, offset, beyond, count))
					return
				}
				beyond++
			default:
				return
			}
		}
	}
}
