package emulator

import (
	"errors"
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults filled in by New.
const (
	DefaultRegion    = "cn-north-4"
	DefaultProjectID = "0123456789abcdef0123456789abcdef"
	DefaultAccessKey = "EMULATORAK0000000001"
	DefaultSecretKey = "emulator-secret-key-0000000000000000000001"
	DefaultAuthToken = "emulator-auth-token-0001"

	DefaultMaxEvents        = 30
	DefaultMaxNotifications = 100
)

// TemporaryCredential is an AK/SK pair that is only valid together with its
// security token (sent, and signed, as X-Security-Token).
type TemporaryCredential struct {
	AccessKey     string `json:"access_key"`
	SecretKey     string `json:"secret_key"`
	SecurityToken string `json:"security_token"`
}

// Project is an IAM project as listed by GET /v3/projects.
type Project struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Options configure an Emulator. The zero value is usable: New fills in the defaults.
type Options struct {
	Region    string
	ProjectID string
	// The credentials below belong to ProjectID (the only project a caller may use).
	AccessKey, SecretKey, AuthToken string
	TemporaryCredentials            []TemporaryCredential
	// ExtraProjects are further IAM projects, so tests can make `?name=` match none or several.
	ExtraProjects []Project
	// Now is the clock for signature skew, timestamps and visibility delays (default time.Now).
	Now func() time.Time
	// MaxEvents is the number of CSMS events a project may hold (default 30).
	MaxEvents int
	// MaxNotifications is the CTS notification quota (CTS.0407, default 100).
	MaxNotifications int
	// CTSEmptyFilterObject answers a CTS notification that has no filter with
	// the empty-object form {"condition":"","is_support_filter":false,"rule":null}
	// instead of "filter": null. Some clients report that form; a client must
	// read both as "no filter".
	CTSEmptyFilterObject bool
	Faults               FaultConfig
	// Seed is loaded by New after the default topics and function, and again
	// by Reset. LoadState does not load it: the state file already holds
	// what the emulator had.
	Seed Seed
	// OmitTotalCount answers ListResourceInstances (action filter) without
	// total_count. The official model marks the field optional, so a client
	// must page to the end without it; this lets tests prove that it does.
	// The count action still answers it (the count is its whole answer).
	OmitTotalCount bool
	// CredentialsTTL, when set, caps the lifetime of every temporary
	// credential the emulator issues (assumed agencies, metadata), so that
	// renewal can be tested; default: the requested duration.
	CredentialsTTL time.Duration
	// MetadataListen, when set, is the address Serve also serves the ECS
	// metadata route on (MetadataHandler), e.g. "127.0.0.1:0".
	MetadataListen string
	// Logf receives one line per request (never credentials or secret values).
	Logf func(format string, args ...any)
}

var projectIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (o Options) withDefaults() (Options, error) {
	if o.Region == "" {
		o.Region = DefaultRegion
	}
	if o.ProjectID == "" {
		o.ProjectID = DefaultProjectID
	}
	if o.AccessKey == "" {
		o.AccessKey = DefaultAccessKey
	}
	if o.SecretKey == "" {
		o.SecretKey = DefaultSecretKey
	}
	if o.AuthToken == "" {
		o.AuthToken = DefaultAuthToken
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxEvents == 0 {
		o.MaxEvents = DefaultMaxEvents
	}
	if o.MaxNotifications == 0 {
		o.MaxNotifications = DefaultMaxNotifications
	}
	if !projectIDPattern.MatchString(o.ProjectID) {
		return o, fmt.Errorf("emulator: project id %q must be 32 lower-case hex digits", o.ProjectID)
	}
	if o.MaxEvents < 0 || o.MaxNotifications < 0 {
		return o, errors.New("emulator: MaxEvents and MaxNotifications must not be negative")
	}
	seen := map[string]bool{o.AccessKey: true}
	for _, tc := range o.TemporaryCredentials {
		if tc.AccessKey == "" || tc.SecretKey == "" || tc.SecurityToken == "" {
			return o, errors.New("emulator: a temporary credential needs an access key, a secret key and a security token")
		}
		if seen[tc.AccessKey] {
			return o, errors.New("emulator: access keys must be unique")
		}
		seen[tc.AccessKey] = true
	}
	ids := map[string]bool{o.ProjectID: true}
	for _, p := range o.ExtraProjects {
		if !projectIDPattern.MatchString(p.ID) || p.Name == "" {
			return o, fmt.Errorf("emulator: extra project %q needs a 32-hex id and a name", p.ID)
		}
		if ids[p.ID] {
			return o, fmt.Errorf("emulator: project id %q is listed twice", p.ID)
		}
		ids[p.ID] = true
	}
	if err := o.Faults.validate(); err != nil {
		return o, err
	}
	return o, nil
}

// Emulator is the in-memory cloud. It is an http.Handler and safe for concurrent use.
type Emulator struct {
	opts Options

	mu    sync.Mutex // guards store
	store *store

	counters counters
	faults   faultState

	changed chan struct{} // receives (without blocking) after every mutation

	issued issuedStore // temporary credentials issued by agencies and metadata

	clockOffset atomic.Int64 // nanoseconds the service clock runs ahead of Options.Now (AdvanceClock)
}

// New builds an Emulator with the default topics and function in place.
func New(opts Options) (*Emulator, error) {
	eff, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	e := &Emulator{opts: eff, store: newStore(), changed: make(chan struct{}, 1)}
	e.faults.set(eff.Faults)
	addDefaults(e.store, eff)
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.seedLocked(eff.Seed); err != nil {
		return nil, err
	}
	return e, nil
}

// addDefaults adds the objects every emulator starts with: the SMN topics
// hwcloud-demo and security-alerts and the FunctionGraph function hwcloud-demo.
func addDefaults(s *store, o Options) {
	for _, name := range []string{"hwcloud-demo", "security-alerts"} {
		s.topics[TopicURN(o.Region, o.ProjectID, name)] = true
	}
	s.functions[FunctionURN(o.Region, o.ProjectID, "hwcloud-demo")] = true
}

// Options returns the effective options (defaults filled in, current faults).
func (e *Emulator) Options() Options {
	o := e.opts
	o.TemporaryCredentials = append([]TemporaryCredential(nil), o.TemporaryCredentials...)
	o.ExtraProjects = append([]Project(nil), o.ExtraProjects...)
	o.Faults = e.faults.get()
	return o
}

// Changed receives a value (coalesced) after every change to the stored
// objects, so a caller can persist the state.
func (e *Emulator) Changed() <-chan struct{} { return e.changed }

func (e *Emulator) notifyChanged() {
	select {
	case e.changed <- struct{}{}:
	default:
	}
}

// TopicURN is the URN of an SMN topic.
func TopicURN(region, project, name string) string {
	return "urn:smn:" + region + ":" + project + ":" + name
}

// FunctionURN is the URN of the latest version of a FunctionGraph function in the default package.
func FunctionURN(region, project, name string) string {
	return "urn:fss:" + region + ":" + project + ":function:default:" + name + ":latest"
}

// AddTopic registers an SMN topic that exists (CTS and CSMS events check it).
func (e *Emulator) AddTopic(urn string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.store.topics[urn] = true
	e.notifyChanged()
}

// AddFunction registers a FunctionGraph function that exists.
func (e *Emulator) AddFunction(urn string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.store.functions[urn] = true
	e.notifyChanged()
}

func (e *Emulator) now() time.Time { return e.opts.Now() }

func (e *Emulator) logf(format string, args ...any) {
	if e.opts.Logf != nil {
		e.opts.Logf(format, args...)
	}
}
