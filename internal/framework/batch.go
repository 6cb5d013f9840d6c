package framework

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Read batching: during a plan or destroy Terraform refreshes every object
// at once, each through its own Read. A Batcher answers the reads of one
// kind (events, notifications, secrets) from one shared list instead of one
// lookup each, so a refresh costs what a list costs.
//
// The first reads of a kind go singly (a workspace of one or two objects
// never lists); the read after them starts one list, which it and every
// read arriving meanwhile wait for. The list runs on a context of its own,
// so one waiter's cancellation does not end it; the waiter returns ctx.Err().
// A failed list turns the batcher off: every later read goes singly, so no
// read fails that a single call would have served. A write through this
// provider marks its key, and that key reads singly from then on, so nothing
// written in this run is answered from an older list. A Batcher lives in
// ProviderData, so a list is only ever used within one provider
// configuration (one Terraform command).

// ReadBatchMode says when the batchers list.
type ReadBatchMode int

const (
	// ReadBatchDefault lists after each kind's own number of single reads.
	ReadBatchDefault ReadBatchMode = iota
	// ReadBatchOff reads every object singly (batch_reads = false).
	ReadBatchOff
	// ReadBatchEager lists at the first read of a kind; tests use it to
	// prove that a listed answer is the single answer.
	ReadBatchEager
)

// batchListTimeout bounds one list, which no single read's context ends.
const batchListTimeout = 2 * time.Minute

// ReadBatches holds the batchers of one provider configuration, one per kind.
type ReadBatches struct {
	mode  ReadBatchMode
	mu    sync.Mutex
	kinds map[string]any
}

// NewReadBatches starts the batchers of one provider configuration.
func NewReadBatches(mode ReadBatchMode) *ReadBatches {
	return &ReadBatches{mode: mode, kinds: map[string]any{}}
}

// BatchList is what a batch list found.
type BatchList[K comparable, V any] struct {
	Items map[K]V
	// Complete: a key missing from Items does not exist (it reads as
	// hwc.ErrNotFound). Otherwise a missing key is read singly.
	Complete bool
	// More: Items is a first part, and listing the rest did not pay yet; the
	// list is asked again once twice as many reads have arrived.
	More bool
}

// ListFunc lists a kind; reads is how many reads of the kind arrived so far,
// for a list that must decide whether its pages are worth it.
type ListFunc[K comparable, V any] func(ctx context.Context, reads int) (BatchList[K, V], error)

// Batcher answers the reads of one kind. A nil Batcher reads singly.
type Batcher[K comparable, V any] struct {
	kind      string
	threshold int // reads answered singly before the first list
	list      ListFunc[K, V]

	mu      sync.Mutex
	reads   int
	listed  *BatchList[K, V]
	askAt   int           // reads at which a partial list is asked again
	pending chan struct{} // closed when the list in flight ends; nil when none
	failed  bool
	written map[K]bool
}

// BatcherFor returns the batcher of kind in d, made on first use: after
// singles single reads it answers from list. It is nil (every read single)
// when batching is off or d has no batches (unit tests).
func BatcherFor[K comparable, V any](d *ProviderData, kind string, singles int, list ListFunc[K, V]) *Batcher[K, V] {
	if d == nil || d.ReadBatches == nil || d.ReadBatches.mode == ReadBatchOff {
		return nil
	}
	rb := d.ReadBatches
	rb.mu.Lock()
	defer rb.mu.Unlock()
	if b, ok := rb.kinds[kind].(*Batcher[K, V]); ok {
		return b
	}
	if rb.mode == ReadBatchEager {
		singles = 0
	}
	b := &Batcher[K, V]{kind: kind, threshold: singles, list: list, written: map[K]bool{}}
	rb.kinds[kind] = b
	return b
}

// Finder is the find function of one Read: its first call may be answered
// from the list, every later call (FindWithCreateGrace waiting for an object
// created moments ago) reads singly, so the grace sees the service itself.
func (b *Batcher[K, V]) Finder(key K, single func(context.Context) (V, error)) func(context.Context) (V, error) {
	first := true
	return func(ctx context.Context) (V, error) {
		if first {
			first = false
			return b.Get(ctx, key, single)
		}
		return single(ctx)
	}
}

// Get answers the read of key from the list when there is one (or starts
// it, or waits for it), else with single.
func (b *Batcher[K, V]) Get(ctx context.Context, key K, single func(context.Context) (V, error)) (V, error) {
	if b == nil {
		return single(ctx)
	}
	var zero V
	b.mu.Lock()
	b.reads++
	for {
		switch {
		case b.failed || b.written[key]:
			b.mu.Unlock()
			return single(ctx)
		case b.pending != nil:
			done := b.pending
			b.mu.Unlock()
			select {
			case <-ctx.Done():
				return zero, ctx.Err()
			case <-done:
			}
			b.mu.Lock()
			continue
		case b.listed != nil:
			if v, ok := b.listed.Items[key]; ok {
				b.mu.Unlock()
				return v, nil
			}
			if b.listed.Complete {
				b.mu.Unlock()
				return zero, fmt.Errorf("%s %v: %w", b.kind, key, hwc.ErrNotFound)
			}
			if !b.listed.More || b.reads < b.askAt {
				b.mu.Unlock()
				return single(ctx)
			}
		case b.reads <= b.threshold:
			b.mu.Unlock()
			return single(ctx)
		}
		b.start(ctx)
	}
}

// Invalidate marks key as written by this provider: it reads singly from now on.
func (b *Batcher[K, V]) Invalidate(key K) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.written[key] = true
}

// start runs the list on a context no waiter can cancel; b.mu is held.
func (b *Batcher[K, V]) start(ctx context.Context) {
	done := make(chan struct{})
	b.pending = done
	reads := b.reads
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), batchListTimeout)
	go func() {
		defer cancel()
		got, err := b.list(lctx, reads)
		b.mu.Lock()
		defer b.mu.Unlock()
		if err != nil {
			b.failed = true
			tflog.Warn(lctx, "listing for a batched refresh failed; reading each object singly", map[string]any{
				"kind": b.kind, "error": err.Error(),
			})
		} else {
			b.listed = &got
			b.askAt = 2 * reads
			tflog.Debug(lctx, "refresh answered from a list", map[string]any{
				"kind": b.kind, "objects": len(got.Items), "complete": got.Complete, "reads": reads,
			})
		}
		b.pending = nil
		close(done)
	}()
}
