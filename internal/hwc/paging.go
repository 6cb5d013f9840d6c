package hwc

import (
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
//     that does not advance (ErrMarkerRepeated).
//
// The page methods (ListSecretEvents, …) stay for callers that want one page.

var (
	// ErrMarkerRepeated means the service sent a next_marker it had already
	// sent (or the one just asked with): following it would loop forever.
	ErrMarkerRepeated = errors.New("the service sent a page marker that does not advance")
	// ErrListKeptGrowing means a tag query's set was still growing after
	// resourceInstancesCatchUpPages extra pages: what was read is not the whole set.
	ErrListKeptGrowing = errors.New("the set of matching secrets kept growing while it was being read")
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

// AllNotificationRecords yields every notification record CSMS keeps, in the
// service's order, pageSize per ListNotificationRecords call (0: none sent,
// the service's default).
func (c *Client) AllNotificationRecords(ctx context.Context, pageSize int) iter.Seq2[NotificationRecord, error] {
	return markerPaged(ctx, "notification records", func(ctx context.Context, marker string) ([]NotificationRecord, PageInfo, error) {
		return c.ListNotificationRecords(ctx, pageSize, marker)
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
