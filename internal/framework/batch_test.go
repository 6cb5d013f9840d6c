package framework

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// fakeKind is a kind of object the tests list: what the service holds, how
// often it was listed and read singly, and a gate that holds lists back.
type fakeKind struct {
	mu      sync.Mutex
	objects map[string]int
	lists   atomic.Int32
	singles atomic.Int32
	listErr error
	gate    chan struct{} // when set, a list waits for it to close
	partial bool          // lists return a first part with More
}

func newFakeKind(n int) *fakeKind {
	k := &fakeKind{objects: map[string]int{}}
	for i := range n {
		k.objects[fmt.Sprint("o", i)] = i
	}
	return k
}

func (k *fakeKind) list(ctx context.Context, _ int) (BatchList[string, int], error) {
	k.lists.Add(1)
	if k.gate != nil {
		select {
		case <-k.gate:
		case <-ctx.Done():
			return BatchList[string, int]{}, ctx.Err()
		}
	}
	if k.listErr != nil {
		return BatchList[string, int]{}, k.listErr
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	items := map[string]int{}
	for name, v := range k.objects {
		if k.partial && v%2 == 1 {
			continue
		}
		items[name] = v
	}
	return BatchList[string, int]{Items: items, Complete: !k.partial, More: k.partial}, nil
}

func (k *fakeKind) single(key string) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		k.singles.Add(1)
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		k.mu.Lock()
		defer k.mu.Unlock()
		v, ok := k.objects[key]
		if !ok {
			return 0, fmt.Errorf("object %s: %w", key, hwc.ErrNotFound)
		}
		return v, nil
	}
}

func batcher(t *testing.T, mode ReadBatchMode, singles int, k *fakeKind) *Batcher[string, int] {
	t.Helper()
	d := &ProviderData{ReadBatches: NewReadBatches(mode)}
	b := BatcherFor(d, "fake", singles, k.list)
	if again := BatcherFor(d, "fake", singles, k.list); again != b {
		t.Fatal("BatcherFor made a second batcher for the same kind")
	}
	return b
}

func TestBatcherFirstReadsGoSinglyThenOneList(t *testing.T) {
	k := newFakeKind(10)
	b := batcher(t, ReadBatchDefault, 2, k)
	for i := range 10 {
		key := fmt.Sprint("o", i)
		v, err := b.Get(context.Background(), key, k.single(key))
		if err != nil || v != i {
			t.Fatalf("read %s = %d, %v", key, v, err)
		}
	}
	if k.singles.Load() != 2 || k.lists.Load() != 1 {
		t.Errorf("singles %d, lists %d; want 2 and 1", k.singles.Load(), k.lists.Load())
	}
}

func TestBatcherOffAndNilReadSingly(t *testing.T) {
	k := newFakeKind(5)
	if b := batcher(t, ReadBatchOff, 0, k); b != nil {
		t.Fatal("batching off still made a batcher")
	}
	var b *Batcher[string, int]
	for i := range 5 {
		key := fmt.Sprint("o", i)
		if _, err := b.Get(context.Background(), key, k.single(key)); err != nil {
			t.Fatal(err)
		}
	}
	b.Invalidate("o1")
	if k.singles.Load() != 5 || k.lists.Load() != 0 {
		t.Errorf("singles %d, lists %d; want 5 and 0", k.singles.Load(), k.lists.Load())
	}
}

func TestBatcherMissingFromACompleteListIsNotFound(t *testing.T) {
	k := newFakeKind(3)
	b := batcher(t, ReadBatchEager, 2, k)
	_, err := b.Get(context.Background(), "gone", k.single("gone"))
	if !errors.Is(err, hwc.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if k.singles.Load() != 0 {
		t.Errorf("a complete list's miss was read singly")
	}
}

func TestBatcherConcurrentReadsShareOneList(t *testing.T) {
	k := newFakeKind(50)
	k.gate = make(chan struct{})
	b := batcher(t, ReadBatchDefault, 2, k)
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprint("o", i)
			v, err := b.Get(context.Background(), key, k.single(key))
			if err == nil && v != i {
				err = fmt.Errorf("%s read %d", key, v)
			}
			errs <- err
		}()
	}
	// Let the reads pile up on the list before it answers.
	time.Sleep(20 * time.Millisecond)
	close(k.gate)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if k.lists.Load() != 1 || k.singles.Load() > 2 {
		t.Errorf("lists %d, singles %d; want 1 list and at most 2 singles", k.lists.Load(), k.singles.Load())
	}
}

func TestBatcherWriteInvalidatesTheKey(t *testing.T) {
	k := newFakeKind(3)
	b := batcher(t, ReadBatchEager, 0, k)
	if v, _ := b.Get(context.Background(), "o1", k.single("o1")); v != 1 {
		t.Fatalf("o1 = %d", v)
	}
	// This provider writes o1 and creates o9: both must be read from the service.
	k.mu.Lock()
	k.objects["o1"], k.objects["o9"] = 100, 9
	k.mu.Unlock()
	b.Invalidate("o1")
	b.Invalidate("o9")
	if v, err := b.Get(context.Background(), "o1", k.single("o1")); err != nil || v != 100 {
		t.Errorf("o1 after a write = %d, %v; want 100 (read singly)", v, err)
	}
	if v, err := b.Get(context.Background(), "o9", k.single("o9")); err != nil || v != 9 {
		t.Errorf("o9 after its create = %d, %v; want 9 (not the list's not-found)", v, err)
	}
	if v, _ := b.Get(context.Background(), "o2", k.single("o2")); v != 2 {
		t.Errorf("o2 = %d", v)
	}
	if k.lists.Load() != 1 || k.singles.Load() != 2 {
		t.Errorf("lists %d, singles %d; want 1 and 2", k.lists.Load(), k.singles.Load())
	}
}

func TestBatcherFailedListFallsBackToSingleReads(t *testing.T) {
	k := newFakeKind(10)
	k.listErr = &hwc.APIError{StatusCode: 429, Code: "APIG.0308"}
	b := batcher(t, ReadBatchDefault, 2, k)
	for i := range 10 {
		key := fmt.Sprint("o", i)
		if v, err := b.Get(context.Background(), key, k.single(key)); err != nil || v != i {
			t.Fatalf("read %s = %d, %v; a failed list must not fail a read", key, v, err)
		}
	}
	if k.lists.Load() != 1 || k.singles.Load() != 10 {
		t.Errorf("lists %d, singles %d; want 1 (never retried) and 10", k.lists.Load(), k.singles.Load())
	}
}

func TestBatcherCancelledWaiterLeavesTheListRunning(t *testing.T) {
	k := newFakeKind(5)
	k.gate = make(chan struct{})
	b := batcher(t, ReadBatchEager, 0, k)
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error, 1)
	go func() {
		_, err := b.Get(ctx, "o1", k.single("o1"))
		got <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if err := <-got; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled waiter got %v, want context.Canceled", err)
	}
	// The list the cancelled read started goes on and serves the next read.
	close(k.gate)
	if v, err := b.Get(context.Background(), "o3", k.single("o3")); err != nil || v != 3 {
		t.Fatalf("o3 = %d, %v", v, err)
	}
	if k.lists.Load() != 1 || k.singles.Load() != 0 {
		t.Errorf("lists %d, singles %d; want 1 and 0", k.lists.Load(), k.singles.Load())
	}
}

func TestBatcherPartialListReadsMissesSinglyAndAsksAgainLater(t *testing.T) {
	k := newFakeKind(20)
	k.partial = true // even values listed, odd ones not
	b := batcher(t, ReadBatchDefault, 2, k)
	for i := range 12 {
		key := fmt.Sprint("o", i)
		if v, err := b.Get(context.Background(), key, k.single(key)); err != nil || v != i {
			t.Fatalf("read %s = %d, %v", key, v, err)
		}
	}
	// Reads 1-2 single; read 3 lists (a part); the odd ones missing from it
	// read singly; read 6 (twice the 3 reads of the first list) asks again,
	// and read 12 once more.
	if k.lists.Load() != 3 || k.singles.Load() != 7 { // o0 o1 o3 o5 o7 o9 o11
		t.Errorf("lists %d, singles %d; want 3 and 7", k.lists.Load(), k.singles.Load())
	}
}

func TestFinderReadsSinglyAfterTheFirstCall(t *testing.T) {
	k := newFakeKind(3)
	b := batcher(t, ReadBatchEager, 0, k)
	find := b.Finder("new", k.single("new"))
	if _, err := find(context.Background()); !errors.Is(err, hwc.ErrNotFound) {
		t.Fatalf("first find = %v", err)
	}
	k.mu.Lock()
	k.objects["new"] = 7 // became visible: the grace's next find must see it
	k.mu.Unlock()
	if v, err := find(context.Background()); err != nil || v != 7 {
		t.Fatalf("second find = %d, %v; want 7 from a single read", v, err)
	}
}
