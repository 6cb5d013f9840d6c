package framework

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Bounds for the two ways a write can look different from what happened.
const (
	maxCreateAttempts = 3

	// createdKey marks, in private state, when this provider created the object.
	createdKey = "hwcloud_created_at"
	// A read within createGraceWindow of the create may meet an index that has
	// not caught up yet; it waits up to notFoundGrace for the object to appear.
	createGraceWindow = 5 * time.Minute
	graceFirstPoll    = 100 * time.Millisecond
	graceMaxPoll      = 2 * time.Second
)

// interruptedLookupTimeout bounds the one lookup made after a create was cut
// off mid-flight by Ctrl-C or its timeout, to find out whether it was applied.
const interruptedLookupTimeout = 15 * time.Second

// NotFoundGrace bounds the wait for a new object to become visible. A variable
// only so that a unit test can prove the bound without waiting 30 seconds.
var NotFoundGrace = 30 * time.Second

// CreateOp describes a create whose outcome may be unknown after a failure.
type CreateOp[T any] struct {
	Create  func(ctx context.Context) (T, error)
	Lookup  func(ctx context.Context) (obj T, found bool, err error)
	Matches func(found T) bool
	Object  string // e.g. `CSMS event "ev1"`
	Import  string // e.g. `terraform import hwcloud_csms_event.<name> ev1`
	Retry   CreateRetry
	// IsDuplicate recognises a create refused because the object exists. After
	// an ambiguous attempt it means that attempt was applied, even while reads
	// do not show the object yet; nil when the service has no such refusal.
	IsDuplicate func(err error) bool
}

// CreateRetry bounds the attempts of a create that failed ambiguously. The
// client does not retry a POST that may have been applied, so this is where
// such creates are retried: as often as max_retries allows, with backoff.
// The zero value means maxCreateAttempts attempts without backoff.
type CreateRetry struct {
	Attempts          int
	Backoff, MaxDelay time.Duration
}

func (c CreateRetry) attempts() int {
	if c.Attempts < 1 {
		return maxCreateAttempts
	}
	return c.Attempts
}

// wait sleeps before attempt n+1 (exponential from Backoff, capped at MaxDelay); false if ctx ended.
func (c CreateRetry) wait(ctx context.Context, n int) bool {
	d := c.Backoff << min(n-1, 16)
	if c.MaxDelay > 0 {
		d = min(d, c.MaxDelay)
	}
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// CreateWithRecovery runs op.Create. After an ambiguous failure it looks the
// object up by its unique name: an exact match is adopted, a different object
// is a conflict the user must resolve (by import), and absence proves the
// create did not happen, so it is safe to try again.
func CreateWithRecovery[T any](ctx context.Context, op CreateOp[T]) (T, error) {
	var zero T
	var lastErr error
	sentAmbiguously := false
	attempts := op.Retry.attempts()
	for attempt := 1; attempt <= attempts; attempt++ {
		if attempt > 1 && !op.Retry.wait(ctx, attempt-1) {
			return zero, fmt.Errorf("creating %s: %w (stopped waiting to try again: %w)", op.Object, lastErr, ctx.Err())
		}
		obj, err := op.Create(ctx)
		if err == nil {
			return obj, nil
		}
		if interruptedInFlight(err) {
			return lookupAfterInterruption(ctx, op, err)
		}
		if sentAmbiguously && op.IsDuplicate != nil && op.IsDuplicate(err) {
			return adoptWhenVisible(ctx, op, err)
		}
		if !hwc.MayHaveBeenApplied(err) {
			return zero, err
		}
		sentAmbiguously = true
		lastErr = err
		tflog.Warn(ctx, "create failed ambiguously; checking whether it was applied", map[string]any{
			"object": op.Object, "attempt": attempt, "error": err.Error(),
		})
		found, ok, lookupErr := op.Lookup(ctx)
		if lookupErr != nil {
			return zero, fmt.Errorf("creating %s failed (%w), and checking whether it was created anyway also "+
				"failed: %v. If it exists now, adopt it with: %s", op.Object, err, lookupErr, op.Import)
		}
		if !ok {
			continue
		}
		if op.Matches(found) {
			tflog.Info(ctx, "adopted object whose create response was lost", map[string]any{"object": op.Object})
			return found, nil
		}
		return zero, fmt.Errorf("creating %s failed (%w), and an object with that name now exists whose "+
			"settings differ from the configuration. Inspect it and adopt it with: %s", op.Object, err, op.Import)
	}
	return zero, fmt.Errorf("creating %s failed %d times and the object does not exist: %w",
		op.Object, attempts, lastErr)
}

// interruptedInFlight reports a create cut off by cancellation or a deadline
// without an answer from the service: it may have been applied. (Cut off while
// waiting after an answer such as 429, nothing was applied.)
func interruptedInFlight(err error) bool {
	var apiErr *hwc.APIError
	return (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) && !errors.As(err, &apiErr)
}

// lookupAfterInterruption checks, on a context of its own, whether a create
// that was cut off was applied, so that it is recorded rather than orphaned.
func lookupAfterInterruption[T any](ctx context.Context, op CreateOp[T], cause error) (T, error) {
	var zero T
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), interruptedLookupTimeout)
	defer cancel()
	found, ok, err := op.Lookup(lctx)
	switch {
	case err == nil && ok && op.Matches(found):
		tflog.Info(ctx, "adopted object whose create was interrupted after it was applied", map[string]any{"object": op.Object})
		return found, nil
	case err == nil && !ok:
		return zero, fmt.Errorf("creating %s was interrupted (%w); it was not created", op.Object, cause)
	}
	return zero, fmt.Errorf("creating %s was interrupted (%w) and whether it was created is unknown. If it "+
		"exists, adopt it with: %s", op.Object, cause, op.Import)
}

// adoptWhenVisible handles a create refused as a duplicate after an earlier
// attempt's answer was lost: that attempt made the object, which the lookup
// may not see yet, so it is polled for a bounded time and adopted on an exact match.
func adoptWhenVisible[T any](ctx context.Context, op CreateOp[T], refusal error) (T, error) {
	var zero T
	deadline := time.Now().Add(NotFoundGrace)
	for poll := graceFirstPoll; ; poll = min(poll*2, graceMaxPoll) {
		found, ok, err := op.Lookup(ctx)
		switch {
		case err != nil:
			return zero, fmt.Errorf("creating %s: the service says it exists (%w), and looking it up failed: %v. "+
				"Adopt it with: %s", op.Object, refusal, err, op.Import)
		case ok && op.Matches(found):
			tflog.Info(ctx, "adopted object whose create response was lost", map[string]any{"object": op.Object})
			return found, nil
		case ok:
			return zero, fmt.Errorf("creating %s: an object with that name exists whose settings differ from the "+
				"configuration (%w). Inspect it and adopt it with: %s", op.Object, refusal, op.Import)
		case !time.Now().Before(deadline):
			return zero, fmt.Errorf("creating %s: an earlier attempt's answer was lost and the service now says "+
				"it exists (%w), but it did not become visible within %s. Once it does, adopt it with: %s",
				op.Object, refusal, NotFoundGrace, op.Import)
		}
		tflog.Debug(ctx, "created object not visible yet; waiting", map[string]any{"object": op.Object, "poll": poll.String()})
		select {
		case <-ctx.Done():
			return zero, fmt.Errorf("creating %s: %w (stopped waiting for it to become visible: %w). If it "+
				"exists, adopt it with: %s", op.Object, refusal, ctx.Err(), op.Import)
		case <-time.After(poll):
		}
	}
}

type PrivateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type PrivateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// MarkCreated records the create time in private state for findWithCreateGrace.
func MarkCreated(ctx context.Context, private PrivateSetter) diag.Diagnostics {
	return private.SetKey(ctx, createdKey, []byte(strconv.FormatInt(time.Now().UnixMilli(), 10)))
}

// FindWithCreateGrace runs find; while the object was created moments ago, a
// not-found answer is retried with backoff for a bounded time instead of
// dropping a resource that exists. The marker is cleared after a successful read.
func FindWithCreateGrace[T any](ctx context.Context, get PrivateGetter, set PrivateSetter,
	find func(context.Context) (T, error)) (T, error) {
	obj, err := find(ctx)
	fresh := RecentlyCreated(ctx, get)
	if fresh && errors.Is(err, hwc.ErrNotFound) {
		deadline := time.Now().Add(NotFoundGrace)
		for poll := graceFirstPoll; errors.Is(err, hwc.ErrNotFound) && time.Now().Before(deadline); poll = min(poll*2, graceMaxPoll) {
			tflog.Debug(ctx, "object created moments ago is not visible yet; waiting", map[string]any{"poll": poll.String()})
			select {
			case <-ctx.Done():
				return obj, ctx.Err()
			case <-time.After(poll):
			}
			obj, err = find(ctx)
		}
	}
	if err == nil && fresh {
		// Once seen, the object is no longer new: later not-founds mean it is gone.
		_ = set.SetKey(ctx, createdKey, nil)
	}
	return obj, err
}

func RecentlyCreated(ctx context.Context, get PrivateGetter) bool {
	raw, diags := get.GetKey(ctx, createdKey)
	if diags.HasError() || len(raw) == 0 {
		return false
	}
	ms, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return false
	}
	return time.Since(time.UnixMilli(ms)) < createGraceWindow
}
