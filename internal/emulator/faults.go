package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault kinds.
const (
	FaultThrottle = "429"
	Fault500      = "500"
	Fault502      = "502"
	Fault503      = "503"
	Fault504      = "504"
	FaultReset    = "reset" // the connection is closed without a response
)

var faultKinds = []string{FaultThrottle, Fault500, Fault502, Fault503, Fault504, FaultReset}

// FaultConfig describes injected failures. Random faults are drawn from a
// generator seeded with Seed, so a given seed and request order always fail
// the same calls. Injected faults happen before the handler runs, so the
// store is unchanged, except LoseResponse, whose writes are applied.
type FaultConfig struct {
	Seed int64
	// Rate is the fraction (0..1) of matching calls that fail with one of Kinds.
	Rate  float64
	Kinds []string
	// Operations restricts Rate-based injection to these operations; empty means all.
	Operations []string
	// RetryAfter is sent (in whole seconds, rounded up) on injected 429s.
	RetryAfter time.Duration
	// Latency is added to every call.
	Latency time.Duration
	// ThrottleUntil makes every call fail with 429 until then (a storm).
	ThrottleUntil time.Time
	// LoseResponse maps an operation to the number of its next calls that are
	// processed (a valid write is applied) but whose response is lost (the
	// connection is closed), as a network loses successes and refusals alike.
	LoseResponse map[string]int
	// VisibilityDelay hides a new or changed object from reads (show, list,
	// ListResourceInstances) for this long after its write.
	VisibilityDelay time.Duration
}

func (f FaultConfig) validate() error {
	if f.Rate < 0 || f.Rate > 1 || math.IsNaN(f.Rate) {
		return fmt.Errorf("emulator: fault rate must be between 0 and 1, got %v", f.Rate)
	}
	if f.Rate > 0 && len(f.Kinds) == 0 {
		return fmt.Errorf("emulator: a fault rate needs at least one kind (%s)", strings.Join(faultKinds, ", "))
	}
	for _, k := range f.Kinds {
		if !slices.Contains(faultKinds, k) {
			return fmt.Errorf("emulator: unknown fault kind %q (want one of %s)", k, strings.Join(faultKinds, ", "))
		}
	}
	for _, op := range f.Operations {
		if !isOperation(op) {
			return fmt.Errorf("emulator: unknown operation %q", op)
		}
	}
	for op, n := range f.LoseResponse {
		if !isOperation(op) {
			return fmt.Errorf("emulator: unknown operation %q in lose-response", op)
		}
		if n < 0 {
			return fmt.Errorf("emulator: lose-response count for %s must not be negative", op)
		}
	}
	if f.RetryAfter < 0 || f.Latency < 0 || f.VisibilityDelay < 0 {
		return fmt.Errorf("emulator: fault durations must not be negative")
	}
	return nil
}

// faultConfigJSON is the wire form used by the control API and state files:
// durations as Go duration strings ("1.5s"), the storm end as RFC 3339.
type faultConfigJSON struct {
	Seed            int64          `json:"seed,omitempty"`
	Rate            float64        `json:"rate,omitempty"`
	Kinds           []string       `json:"kinds,omitempty"`
	Operations      []string       `json:"operations,omitempty"`
	RetryAfter      string         `json:"retry_after,omitempty"`
	Latency         string         `json:"latency,omitempty"`
	ThrottleUntil   *time.Time     `json:"throttle_until,omitempty"`
	ThrottleFor     string         `json:"throttle_for,omitempty"` // input only: relative to now
	LoseResponse    map[string]int `json:"lose_response,omitempty"`
	VisibilityDelay string         `json:"visibility_delay,omitempty"`
}

// MarshalJSON renders durations as strings.
func (f FaultConfig) MarshalJSON() ([]byte, error) {
	w := faultConfigJSON{Seed: f.Seed, Rate: f.Rate, Kinds: f.Kinds, Operations: f.Operations, LoseResponse: f.LoseResponse}
	if f.RetryAfter != 0 {
		w.RetryAfter = f.RetryAfter.String()
	}
	if f.Latency != 0 {
		w.Latency = f.Latency.String()
	}
	if f.VisibilityDelay != 0 {
		w.VisibilityDelay = f.VisibilityDelay.String()
	}
	if !f.ThrottleUntil.IsZero() {
		t := f.ThrottleUntil
		w.ThrottleUntil = &t
	}
	return json.Marshal(w)
}

// UnmarshalJSON accepts the form MarshalJSON writes, plus "throttle_for".
func (f *FaultConfig) UnmarshalJSON(data []byte) error {
	var w faultConfigJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return err
	}
	out := FaultConfig{Seed: w.Seed, Rate: w.Rate, Kinds: w.Kinds, Operations: w.Operations, LoseResponse: w.LoseResponse}
	for _, d := range []struct {
		in  string
		dst *time.Duration
	}{{w.RetryAfter, &out.RetryAfter}, {w.Latency, &out.Latency}, {w.VisibilityDelay, &out.VisibilityDelay}} {
		if d.in == "" {
			continue
		}
		v, err := time.ParseDuration(d.in)
		if err != nil {
			return err
		}
		*d.dst = v
	}
	if w.ThrottleUntil != nil {
		out.ThrottleUntil = *w.ThrottleUntil
	}
	if w.ThrottleFor != "" {
		d, err := time.ParseDuration(w.ThrottleFor)
		if err != nil {
			return err
		}
		out.ThrottleUntil = time.Now().Add(d)
	}
	*f = out
	return nil
}

// ParseFaultSpec parses the command-line form, e.g.
// "rate=0.15,kinds=429+503,retry_after=1s,latency=20ms,ops=CreateSecretEvent+ShowSecretEvent,
// seed=7,visibility=2s,lose=CreateSecretEvent:1,throttle_for=10s" (throttle_for counts from now).
func ParseFaultSpec(spec string) (FaultConfig, error) {
	var f FaultConfig
	if strings.TrimSpace(spec) == "" {
		return f, nil
	}
	for _, part := range strings.Split(spec, ",") {
		key, value, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found || value == "" {
			return FaultConfig{}, fmt.Errorf("fault spec: %q is not key=value", part)
		}
		var err error
		switch key {
		case "rate":
			f.Rate, err = strconv.ParseFloat(value, 64)
		case "kinds":
			f.Kinds = strings.Split(value, "+")
		case "ops":
			f.Operations = strings.Split(value, "+")
		case "seed":
			f.Seed, err = strconv.ParseInt(value, 10, 64)
		case "retry_after":
			f.RetryAfter, err = time.ParseDuration(value)
		case "latency":
			f.Latency, err = time.ParseDuration(value)
		case "visibility":
			f.VisibilityDelay, err = time.ParseDuration(value)
		case "throttle_for":
			var d time.Duration
			d, err = time.ParseDuration(value)
			f.ThrottleUntil = time.Now().Add(d)
		case "lose":
			f.LoseResponse, err = parseLoseSpec(value)
		default:
			return FaultConfig{}, fmt.Errorf("fault spec: unknown key %q", key)
		}
		if err != nil {
			return FaultConfig{}, fmt.Errorf("fault spec: %s: %w", key, err)
		}
	}
	if err := f.validate(); err != nil {
		return FaultConfig{}, err
	}
	return f, nil
}

func parseLoseSpec(value string) (map[string]int, error) {
	out := map[string]int{}
	for _, item := range strings.Split(value, "+") {
		op, n, found := strings.Cut(item, ":")
		count := 1
		if found {
			c, err := strconv.Atoi(n)
			if err != nil || c < 1 {
				return nil, fmt.Errorf("%q: the count must be a whole number of at least 1", item)
			}
			count = c
		}
		out[op] += count
	}
	return out, nil
}

// FaultStats reports what the fault injector did, so tests can assert that a
// fault was applied without measuring time.
type FaultStats struct {
	Injected       map[string]int `json:"injected"`        // kind → calls failed with it (storm 429s included)
	LatencyApplied int            `json:"latency_applied"` // calls delayed by Latency
	ResponsesLost  int            `json:"responses_lost"`  // calls applied whose response was dropped
}

type faultState struct {
	mu    sync.Mutex
	cfg   FaultConfig
	rng   *rand.Rand
	lose  map[string]int
	stats FaultStats
}

func (s *faultState) set(cfg FaultConfig) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg.Kinds = slices.Clone(cfg.Kinds)
	cfg.Operations = slices.Clone(cfg.Operations)
	s.lose = map[string]int{}
	for op, n := range cfg.LoseResponse {
		s.lose[op] = n
	}
	cfg.LoseResponse = nil
	s.cfg = cfg
	s.rng = rand.New(rand.NewPCG(uint64(cfg.Seed), 0x9e3779b97f4a7c15))
	if s.stats.Injected == nil {
		s.stats.Injected = map[string]int{}
	}
}

func (s *faultState) get() FaultConfig {
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg := s.cfg
	cfg.Kinds = slices.Clone(cfg.Kinds)
	cfg.Operations = slices.Clone(cfg.Operations)
	if len(s.lose) > 0 {
		cfg.LoseResponse = map[string]int{}
		for op, n := range s.lose {
			if n > 0 {
				cfg.LoseResponse[op] = n
			}
		}
	}
	return cfg
}

func (s *faultState) visibilityDelay() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg.VisibilityDelay
}

// injection is what happens to one call before its handler runs.
type injection struct {
	latency    time.Duration
	kind       string // "" = none
	retryAfter string // for 429
}

func (s *faultState) decide(op string, now time.Time) injection {
	s.mu.Lock()
	defer s.mu.Unlock()
	var in injection
	if s.cfg.Latency > 0 {
		in.latency = s.cfg.Latency
		s.stats.LatencyApplied++
	}
	switch {
	case now.Before(s.cfg.ThrottleUntil):
		in.kind = FaultThrottle
		wait := s.cfg.RetryAfter
		if wait == 0 {
			wait = s.cfg.ThrottleUntil.Sub(now)
		}
		in.retryAfter = wholeSeconds(wait)
	case s.cfg.Rate > 0 && (len(s.cfg.Operations) == 0 || slices.Contains(s.cfg.Operations, op)):
		if s.rng.Float64() < s.cfg.Rate {
			in.kind = s.cfg.Kinds[s.rng.IntN(len(s.cfg.Kinds))]
			in.retryAfter = wholeSeconds(s.cfg.RetryAfter)
		}
	}
	if in.kind != "" {
		s.stats.Injected[in.kind]++
	}
	return in
}

// takeLose consumes one lost response for op, if any is pending.
func (s *faultState) takeLose(op string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lose[op] <= 0 {
		return false
	}
	s.lose[op]--
	s.stats.ResponsesLost++
	return true
}

func (s *faultState) snapshot() FaultStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.stats
	out.Injected = map[string]int{}
	kinds := make([]string, 0, len(s.stats.Injected))
	for k := range s.stats.Injected {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		out.Injected[k] = s.stats.Injected[k]
	}
	return out
}

func wholeSeconds(d time.Duration) string {
	if d <= 0 {
		return "0"
	}
	return strconv.FormatInt(int64(math.Ceil(d.Seconds())), 10)
}

// SetFaults replaces the fault configuration (safe while serving). It
// reseeds the generator and replaces pending lost responses. An invalid
// configuration is ignored and reported by ValidateFaults; use it first when
// the input is untrusted.
func (e *Emulator) SetFaults(f FaultConfig) {
	if err := f.validate(); err != nil {
		e.logf("emulator: ignoring invalid fault configuration: %v", err)
		return
	}
	e.faults.set(f)
}

// ValidateFaults reports whether SetFaults would accept f.
func ValidateFaults(f FaultConfig) error { return f.validate() }

// FaultStats returns what the fault injector has done so far.
func (e *Emulator) FaultStats() FaultStats { return e.faults.snapshot() }
