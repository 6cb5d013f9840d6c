package framework

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

type fakeObject struct{ name, value string }

// recordingOp builds a createOp whose Create answers from creates in turn and
// whose Lookup answers from lookups in turn, counting both.
type recordingOp struct {
	creates        []error
	stored         *fakeObject // what Lookup finds
	lookupErr      error
	createCalls    int
	lookupCalls    int
	createAppliesN int // the first N creates are applied even when they fail
}

func (r *recordingOp) op(want fakeObject) CreateOp[fakeObject] {
	return CreateOp[fakeObject]{
		Create: func(context.Context) (fakeObject, error) {
			r.createCalls++
			err := r.creates[min(r.createCalls, len(r.creates))-1]
			if r.createCalls <= r.createAppliesN || err == nil {
				obj := want
				r.stored = &obj
			}
			return want, err
		},
		Lookup: func(context.Context) (fakeObject, bool, error) {
			r.lookupCalls++
			if r.lookupErr != nil {
				return fakeObject{}, false, r.lookupErr
			}
			if r.stored == nil {
				return fakeObject{}, false, nil
			}
			return *r.stored, true, nil
		},
		Matches: func(found fakeObject) bool { return found == want },
		Object:  `test object "o1"`,
		Import:  "terraform import test_object.example o1",
	}
}

func TestCreateWithRecovery(t *testing.T) {
	t.Parallel()
	want := fakeObject{name: "o1", value: "v"}
	serverErr := &hwc.APIError{StatusCode: 503, Code: "SVC.0503", Message: "busy"}
	clientErr := &hwc.APIError{StatusCode: 400, Code: "SVC.0001", Message: "bad name"}
	lostResponse := errors.New("read: connection reset by peer")

	t.Run("success is one create and no lookup", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{nil}}
		got, err := CreateWithRecovery(context.Background(), r.op(want))
		if err != nil || got != want || r.createCalls != 1 || r.lookupCalls != 0 {
			t.Fatalf("got %v, %v; creates=%d lookups=%d", got, err, r.createCalls, r.lookupCalls)
		}
	})
	t.Run("a 4xx is returned as it is, without lookup", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{clientErr}}
		_, err := CreateWithRecovery(context.Background(), r.op(want))
		if !errors.Is(err, clientErr) || r.createCalls != 1 || r.lookupCalls != 0 {
			t.Fatalf("err=%v creates=%d lookups=%d", err, r.createCalls, r.lookupCalls)
		}
	})
	t.Run("applied write with lost response is adopted, not duplicated", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{lostResponse}, createAppliesN: 1}
		got, err := CreateWithRecovery(context.Background(), r.op(want))
		if err != nil || got != want || r.createCalls != 1 || r.lookupCalls != 1 {
			t.Fatalf("got %v, %v; creates=%d lookups=%d", got, err, r.createCalls, r.lookupCalls)
		}
	})
	t.Run("unapplied 5xx is created again", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{serverErr, nil}}
		got, err := CreateWithRecovery(context.Background(), r.op(want))
		if err != nil || got != want || r.createCalls != 2 || r.lookupCalls != 1 {
			t.Fatalf("got %v, %v; creates=%d lookups=%d", got, err, r.createCalls, r.lookupCalls)
		}
	})
	t.Run("a different object under the name is a conflict naming the import", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{lostResponse}, stored: &fakeObject{name: "o1", value: "other"}}
		_, err := CreateWithRecovery(context.Background(), r.op(want))
		if err == nil || !strings.Contains(err.Error(), `test object "o1"`) ||
			!strings.Contains(err.Error(), "terraform import test_object.example o1") {
			t.Fatalf("err = %v", err)
		}
		if r.createCalls != 1 {
			t.Fatalf("creates = %d, want 1 (never overwrite a conflicting object)", r.createCalls)
		}
	})
	t.Run("attempts are bounded", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{serverErr}}
		_, err := CreateWithRecovery(context.Background(), r.op(want))
		if !errors.Is(err, serverErr) || r.createCalls != maxCreateAttempts {
			t.Fatalf("err=%v creates=%d", err, r.createCalls)
		}
	})
	t.Run("a failed lookup stops and says how to adopt", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{lostResponse}, lookupErr: errors.New("lookup down")}
		_, err := CreateWithRecovery(context.Background(), r.op(want))
		if err == nil || !strings.Contains(err.Error(), "lookup down") || !strings.Contains(err.Error(), "terraform import") ||
			r.createCalls != 1 {
			t.Fatalf("err=%v creates=%d", err, r.createCalls)
		}
	})
	t.Run("a create cut off mid-flight and not applied is reported as not created", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{fmt.Errorf("sending: %w", context.Canceled)}}
		_, err := CreateWithRecovery(context.Background(), r.op(want))
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "not created") ||
			r.createCalls != 1 || r.lookupCalls != 1 {
			t.Fatalf("err=%v creates=%d lookups=%d", err, r.createCalls, r.lookupCalls)
		}
	})
	t.Run("a create cut off mid-flight but applied is adopted, not orphaned", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		r := &recordingOp{creates: []error{fmt.Errorf("sending: %w", context.Canceled)}, createAppliesN: 1}
		op := r.op(want)
		inner, innerLookup := op.Create, op.Lookup
		op.Create = func(c context.Context) (fakeObject, error) { cancel(); return inner(c) }
		op.Lookup = func(c context.Context) (fakeObject, bool, error) {
			if c.Err() != nil {
				return fakeObject{}, false, c.Err() // the lookup needs a context of its own
			}
			return innerLookup(c)
		}
		got, err := CreateWithRecovery(ctx, op)
		if err != nil || got != want || r.createCalls != 1 {
			t.Fatalf("got %v, %v; creates=%d", got, err, r.createCalls)
		}
	})
	t.Run("cancelled while waiting after an answer: nothing was applied, no lookup", func(t *testing.T) {
		t.Parallel()
		throttled := &hwc.APIError{StatusCode: 429, Code: "APIG.0308", Message: "throttled"}
		r := &recordingOp{creates: []error{errors.Join(context.Canceled, throttled)}}
		_, err := CreateWithRecovery(context.Background(), r.op(want))
		if !errors.Is(err, context.Canceled) || r.lookupCalls != 0 {
			t.Fatalf("err=%v lookups=%d", err, r.lookupCalls)
		}
	})
}

// memPrivate is an in-memory private state.
type memPrivate map[string][]byte

func (m memPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return m[key], nil
}

func (m memPrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(m, key)
		return nil
	}
	m[key] = value
	return nil
}

// findAfter answers not found for the first n calls.
func findAfter(n int, calls *int) func(context.Context) (string, error) {
	return func(context.Context) (string, error) {
		*calls++
		if *calls <= n {
			return "", fmt.Errorf("show: %w", hwc.ErrNotFound)
		}
		return "found", nil
	}
}

func TestFindWithCreateGrace(t *testing.T) { //nolint:paralleltest // one subtest changes notFoundGrace
	ctx := context.Background()

	t.Run("a fresh object that appears late is found", func(t *testing.T) {
		p := memPrivate{}
		MarkCreated(ctx, p)
		calls := 0
		got, err := FindWithCreateGrace(ctx, p, p, findAfter(2, &calls))
		if err != nil || got != "found" || calls != 3 {
			t.Fatalf("got %q, %v after %d calls", got, err, calls)
		}
		if _, ok := p[createdKey]; ok {
			t.Fatal("the created marker must be cleared once the object was seen")
		}
	})
	t.Run("an old object that is missing is gone at once", func(t *testing.T) {
		p := memPrivate{createdKey: []byte(strconv.FormatInt(time.Now().Add(-createGraceWindow-time.Minute).UnixMilli(), 10))}
		calls := 0
		_, err := FindWithCreateGrace(ctx, p, p, findAfter(1, &calls))
		if !errors.Is(err, hwc.ErrNotFound) || calls != 1 {
			t.Fatalf("err=%v calls=%d", err, calls)
		}
	})
	t.Run("without a marker a not-found is final", func(t *testing.T) {
		p := memPrivate{}
		calls := 0
		_, err := FindWithCreateGrace(ctx, p, p, findAfter(1, &calls))
		if !errors.Is(err, hwc.ErrNotFound) || calls != 1 {
			t.Fatalf("err=%v calls=%d", err, calls)
		}
	})
	t.Run("the wait is bounded", func(t *testing.T) {
		saved := NotFoundGrace
		NotFoundGrace = 250 * time.Millisecond
		t.Cleanup(func() { NotFoundGrace = saved })
		p := memPrivate{}
		MarkCreated(ctx, p)
		calls := 0
		_, err := FindWithCreateGrace(ctx, p, p, findAfter(1000, &calls))
		if !errors.Is(err, hwc.ErrNotFound) || calls < 2 || calls > 5 {
			t.Fatalf("err=%v calls=%d", err, calls)
		}
	})
	t.Run("cancellation stops the wait", func(t *testing.T) {
		p := memPrivate{}
		MarkCreated(ctx, p)
		cctx, cancel := context.WithCancel(ctx)
		calls := 0
		find := func(c context.Context) (string, error) {
			calls++
			cancel()
			return findAfter(1000, new(int))(c)
		}
		_, err := FindWithCreateGrace(cctx, p, p, find)
		if !errors.Is(err, context.Canceled) || calls != 1 {
			t.Fatalf("err=%v calls=%d", err, calls)
		}
	})
	t.Run("other errors are not retried", func(t *testing.T) {
		p := memPrivate{}
		MarkCreated(ctx, p)
		calls := 0
		boom := errors.New("boom")
		_, err := FindWithCreateGrace(ctx, p, p, func(context.Context) (string, error) { calls++; return "", boom })
		if !errors.Is(err, boom) || calls != 1 {
			t.Fatalf("err=%v calls=%d", err, calls)
		}
	})
}

func TestCreateWithRecoveryFollowsRetryPolicy(t *testing.T) {
	t.Parallel()
	want := fakeObject{name: "o1", value: "v"}
	serverErr := &hwc.APIError{StatusCode: 500, Code: "SVC.0500", Message: "oops"}

	t.Run("attempts follow max_retries", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{serverErr, serverErr, serverErr, serverErr, serverErr, nil}}
		op := r.op(want)
		op.Retry = CreateRetry{Attempts: 6, Backoff: time.Microsecond, MaxDelay: time.Millisecond}
		got, err := CreateWithRecovery(context.Background(), op)
		if err != nil || got != want || r.createCalls != 6 {
			t.Fatalf("got %v, %v after %d creates", got, err, r.createCalls)
		}
	})
	t.Run("max_retries 0 is one attempt", func(t *testing.T) {
		t.Parallel()
		r := &recordingOp{creates: []error{serverErr}}
		op := r.op(want)
		op.Retry = CreateRetry{Attempts: 1}
		_, err := CreateWithRecovery(context.Background(), op)
		if !errors.Is(err, serverErr) || r.createCalls != 1 || !strings.Contains(err.Error(), "failed 1 times") {
			t.Fatalf("err=%v creates=%d", err, r.createCalls)
		}
	})
	t.Run("cancellation during the backoff stops at once", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		r := &recordingOp{creates: []error{serverErr}}
		op := r.op(want)
		inner := op.Create
		op.Create = func(ctx context.Context) (fakeObject, error) { cancel(); return inner(ctx) }
		op.Retry = CreateRetry{Attempts: 5, Backoff: time.Hour}
		_, err := CreateWithRecovery(ctx, op)
		if !errors.Is(err, context.Canceled) || !errors.Is(err, serverErr) || r.createCalls != 1 {
			t.Fatalf("err=%v creates=%d", err, r.createCalls)
		}
	})
}

func TestCreateWithRecoveryAdoptsAnAppliedCreateNotYetVisible(t *testing.T) { //nolint:paralleltest // changes notFoundGrace
	want := fakeObject{name: "o1", value: "v"}
	lost := errors.New("read: connection reset by peer")
	duplicate := &hwc.APIError{StatusCode: 400, Code: "SVC.0400", Message: "name exists"}

	// The first create is applied but its answer is lost; reads lag behind
	// writes, so the first lookups miss it and the next create is refused.
	run := func(t *testing.T, hiddenLookups int, stored fakeObject) (*recordingOp, fakeObject, error) {
		t.Helper()
		r := &recordingOp{creates: []error{lost, duplicate}}
		op := r.op(want)
		op.Create = func(context.Context) (fakeObject, error) {
			r.createCalls++
			return fakeObject{}, r.creates[min(r.createCalls, len(r.creates))-1]
		}
		op.Lookup = func(context.Context) (fakeObject, bool, error) {
			r.lookupCalls++
			return stored, r.lookupCalls > hiddenLookups, nil
		}
		op.IsDuplicate = func(err error) bool { return errors.Is(err, duplicate) }
		got, err := CreateWithRecovery(context.Background(), op)
		return r, got, err
	}

	t.Run("adopted once visible", func(t *testing.T) {
		r, got, err := run(t, 3, want)
		if err != nil || got != want || r.createCalls != 2 || r.lookupCalls != 4 {
			t.Fatalf("got %v, %v; creates=%d lookups=%d", got, err, r.createCalls, r.lookupCalls)
		}
	})
	t.Run("a different object is a conflict", func(t *testing.T) {
		r, _, err := run(t, 1, fakeObject{name: "o1", value: "other"})
		if !errors.Is(err, duplicate) || !strings.Contains(err.Error(), "terraform import test_object.example o1") ||
			r.createCalls != 2 {
			t.Fatalf("err=%v creates=%d", err, r.createCalls)
		}
	})
	t.Run("the wait is bounded and names the import", func(t *testing.T) {
		saved := NotFoundGrace
		NotFoundGrace = 250 * time.Millisecond
		t.Cleanup(func() { NotFoundGrace = saved })
		r, _, err := run(t, 1000, want)
		if !errors.Is(err, duplicate) || !strings.Contains(err.Error(), "did not become visible") ||
			!strings.Contains(err.Error(), "terraform import") || r.createCalls != 2 {
			t.Fatalf("err=%v creates=%d", err, r.createCalls)
		}
	})
	t.Run("a duplicate without an earlier ambiguous attempt is returned as it is", func(t *testing.T) {
		r := &recordingOp{creates: []error{duplicate}}
		op := r.op(want)
		op.IsDuplicate = func(err error) bool { return errors.Is(err, duplicate) }
		_, err := CreateWithRecovery(context.Background(), op)
		if !errors.Is(err, duplicate) || r.lookupCalls != 0 {
			t.Fatalf("err=%v lookups=%d", err, r.lookupCalls)
		}
	})
}
