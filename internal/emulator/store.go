package emulator

import (
	"sort"
	"time"
)

// versioned holds an object and, while a visibility delay is running, the
// version readers still see (nil: the object is not visible yet at all).
// Writers always work on Cur; readers call view.
type versioned[T any] struct {
	Cur       T
	Prev      *T
	VisibleAt time.Time
}

func newVersioned[T any](v T, now time.Time, delay time.Duration) *versioned[T] {
	return &versioned[T]{Cur: v, VisibleAt: now.Add(delay)}
}

// view is what a read at now sees.
func (v *versioned[T]) view(now time.Time) (T, bool) {
	if now.Before(v.VisibleAt) {
		if v.Prev == nil {
			var zero T
			return zero, false
		}
		return *v.Prev, true
	}
	return v.Cur, true
}

// update replaces Cur; with a delay, readers keep seeing the last version that
// was visible until the delay has passed.
func (v *versioned[T]) update(next T, now time.Time, delay time.Duration) {
	if delay > 0 {
		if !now.Before(v.VisibleAt) {
			old := v.Cur
			v.Prev = &old
		}
		v.VisibleAt = now.Add(delay)
	} else {
		v.Prev = nil
		v.VisibleAt = now
	}
	v.Cur = next
}

type store struct {
	events          map[string]*versioned[secretEvent]  // by name
	secrets         map[string]*versioned[secret]       // by name
	secretIDs       map[string]string                   // id → name
	notifications   map[string]*versioned[notification] // by id
	topics          map[string]bool
	functions       map[string]bool
	agencies        []SeedAgency         // agencies that may be assumed (from the seed)
	records         []notificationRecord // newest last
	recordSeq       int64
	nextExpiry      int64 // earliest version expiry not yet notified (ms), 0: none
	notificationSeq int64

	secretOrder []string // secret names, sorted when !orderDirty
	orderDirty  bool
}

func newStore() *store {
	return &store{
		events:        map[string]*versioned[secretEvent]{},
		secrets:       map[string]*versioned[secret]{},
		secretIDs:     map[string]string{},
		notifications: map[string]*versioned[notification]{},
		topics:        map[string]bool{},
		functions:     map[string]bool{},
	}
}

func (s *store) addSecret(v *versioned[secret]) {
	s.secrets[v.Cur.Name] = v
	s.secretIDs[v.Cur.ID] = v.Cur.Name
	s.secretOrder = append(s.secretOrder, v.Cur.Name)
	s.orderDirty = true
}

func (s *store) removeSecret(name string) {
	v, ok := s.secrets[name]
	if !ok {
		return
	}
	delete(s.secrets, name)
	delete(s.secretIDs, v.Cur.ID)
	for i, n := range s.secretOrder {
		if n == name {
			s.secretOrder = append(s.secretOrder[:i], s.secretOrder[i+1:]...)
			break
		}
	}
}

// sortedSecretNames sorts at most once per batch of mutations: names are
// unique, so ordering by name is also the documented "name, then id" order.
func (s *store) sortedSecretNames() []string {
	if s.orderDirty {
		sort.Strings(s.secretOrder)
		s.orderDirty = false
	}
	return s.secretOrder
}

func (s *store) sortedEventNames() []string {
	names := make([]string, 0, len(s.events))
	for n := range s.events {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
