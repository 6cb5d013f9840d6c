package emulator

// Reset puts the emulator back where New left it: the default topics and
// function, then Options.Seed; no other objects, no notification records; every
// counter at zero; the start-up faults (Options.Faults) with their statistics
// at zero. Options stay as they are. It is what a test suite calls between
// runs that must not see each other's objects.
func (e *Emulator) Reset() error {
	fresh := newStore()
	addDefaults(fresh, e.opts)
	e.mu.Lock()
	old := e.store
	e.store = fresh
	if err := e.seedLocked(e.opts.Seed); err != nil {
		e.store = old
		e.mu.Unlock()
		return err
	}
	e.mu.Unlock()
	e.ResetCounts()
	e.faults.set(e.opts.Faults)
	e.faults.resetStats()
	e.notifyChanged()
	return nil
}

func (s *faultState) resetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = FaultStats{Injected: map[string]int{}}
}
