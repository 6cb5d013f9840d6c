package emulator

import "sync"

type counters struct {
	mu    sync.Mutex
	byOp  map[string]int
	total int
}

func (c *counters) add(op string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total++
	if op == "" {
		return
	}
	if c.byOp == nil {
		c.byOp = map[string]int{}
	}
	c.byOp[op]++
}

// Count is the number of requests routed to op, whatever their outcome
// (faults, auth failures and validation errors included).
func (e *Emulator) Count(op string) int {
	e.counters.mu.Lock()
	defer e.counters.mu.Unlock()
	return e.counters.byOp[op]
}

// Counts returns a copy of every non-zero operation counter.
func (e *Emulator) Counts() map[string]int {
	e.counters.mu.Lock()
	defer e.counters.mu.Unlock()
	out := make(map[string]int, len(e.counters.byOp))
	for k, v := range e.counters.byOp {
		out[k] = v
	}
	return out
}

// TotalCount is the number of API requests served, unrouted ones included
// (the /_emulator/ control API is not counted).
func (e *Emulator) TotalCount() int {
	e.counters.mu.Lock()
	defer e.counters.mu.Unlock()
	return e.counters.total
}

// ResetCounts sets every counter back to zero.
func (e *Emulator) ResetCounts() {
	e.counters.mu.Lock()
	defer e.counters.mu.Unlock()
	e.counters.byOp = nil
	e.counters.total = 0
}
