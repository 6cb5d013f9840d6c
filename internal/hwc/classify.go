package hwc

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
)

// What a failed call means for the caller. These predicates are the one place
// that turns HTTP statuses into decisions; code outside this package asks them
// instead of reading APIError.StatusCode.
//
// The four outcomes of a call that returned an error:
//
//   - refused: the service answered 4xx (other than 429). It looked at the
//     request and said no, so nothing was applied and asking again with the
//     same request gives the same answer.
//   - throttled: 429. The gateway turned the request away before the service
//     did anything; the request may be sent again later. Not a refusal.
//   - may have been applied: the answer was lost (transport error) or the
//     service failed (5xx). A write may or may not have happened.
//   - cancelled: the caller's context ended. That is the caller's own
//     decision, never a verdict on the request.
//
// Not-found is a refusal with its own spellings; see ErrNotFound.

// IsRefused reports whether the service refused the request itself: a 4xx
// answer other than throttling. Nothing was applied.
func IsRefused(err error) bool {
	status, ok := statusOf(err)
	return ok && status >= 400 && status < 500 && status != http.StatusTooManyRequests
}

// IsThrottled reports whether the request was turned away by rate limiting
// (429); nothing was applied and a later attempt may succeed.
func IsThrottled(err error) bool {
	status, ok := statusOf(err)
	return ok && status == http.StatusTooManyRequests
}

// IsUnauthorized reports whether the credentials were rejected (401) or lack
// the permission for the call (403). Both are refusals too.
func IsUnauthorized(err error) bool {
	status, ok := statusOf(err)
	return ok && (status == http.StatusUnauthorized || status == http.StatusForbidden)
}

// MayHaveBeenApplied reports whether a failed write may nevertheless have
// taken effect: the response was lost on the way (any error that is not an
// APIError or a context end) or the service failed with a 5xx.
func MayHaveBeenApplied(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if status, ok := statusOf(err); ok {
		return status >= http.StatusInternalServerError
	}
	return true
}

// IsNetworkFailure reports whether the call got no answer at all: the
// service could not be reached, or the connection failed before a whole
// response arrived. It says nothing about the request itself (credentials
// included); the client has already retried it as far as that was safe.
func IsNetworkFailure(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if _, ok := statusOf(err); ok {
		return false
	}
	var urlErr *url.Error
	var netErr net.Error
	return errors.As(err, &urlErr) || errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, io.EOF)
}

// IsNotFound reports whether err says the object does not exist, in any of
// the services' spellings. It is errors.Is(err, ErrNotFound), spelled as a
// predicate to sit with the others.
func IsNotFound(err error) bool {
	return errors.Is(err, ErrNotFound)
}

func statusOf(err error) (int, bool) {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return 0, false
	}
	return apiErr.StatusCode, true
}
