package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

const stateVersion = 1

// stateFile is the persisted form of the store: current versions only (a
// pending visibility delay is not saved) and never a secret value: versions
// are saved as metadata, and their values do not survive a restart.
type stateFile struct {
	Version       int                  `json:"version"`
	Region        string               `json:"region"`
	ProjectID     string               `json:"project_id"`
	Topics        []string             `json:"topics"`
	Functions     []string             `json:"functions"`
	Events        []secretEvent        `json:"events"`
	Secrets       []secret             `json:"secrets"`
	Notifications []notification       `json:"notifications"`
	Records       []notificationRecord `json:"records"`
}

// SaveState writes the store to path atomically (a temporary file in the
// same directory, synced, then renamed over path).
func (e *Emulator) SaveState(path string) error {
	data, err := e.marshalState()
	if err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, base+".tmp-*")
	if err != nil {
		return fmt.Errorf("emulator: saving state: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("emulator: saving state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("emulator: saving state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("emulator: saving state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("emulator: saving state: %w", err)
	}
	return nil
}

func (e *Emulator) marshalState() ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := stateFile{
		Version: stateVersion, Region: e.opts.Region, ProjectID: e.opts.ProjectID,
		Topics: sortedKeys(e.store.topics), Functions: sortedKeys(e.store.functions),
		Events: []secretEvent{}, Secrets: []secret{}, Notifications: []notification{},
		Records: e.store.records,
	}
	for _, name := range e.store.sortedEventNames() {
		st.Events = append(st.Events, e.store.events[name].Cur)
	}
	for _, name := range e.store.sortedSecretNames() {
		st.Secrets = append(st.Secrets, e.store.secrets[name].Cur)
	}
	for _, v := range e.store.notifications {
		st.Notifications = append(st.Notifications, v.Cur)
	}
	// Saved oldest first, so loading restores the newest-first list order.
	sort.Slice(st.Notifications, func(i, j int) bool { return st.Notifications[i].seq < st.Notifications[j].seq })
	if st.Records == nil {
		st.Records = []notificationRecord{}
	}
	return json.MarshalIndent(st, "", "  ")
}

// LoadState builds an emulator from opts and the state saved at path. The
// state must belong to the same region and project; a file that does not
// decode, or whose objects break the store's invariants, is an error.
func LoadState(path string, opts Options) (*Emulator, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("emulator: loading state: %w", err)
	}
	seed := opts.Seed
	opts.Seed = Seed{} // the state holds what the emulator had; Reset loads the seed again
	e, err := New(opts)
	if err != nil {
		return nil, err
	}
	e.opts.Seed = seed
	if err := e.loadState(data); err != nil {
		return nil, fmt.Errorf("emulator: loading state %s: %w", path, err)
	}
	return e, nil
}

func (e *Emulator) loadState(data []byte) error {
	var st stateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return fmt.Errorf("not a state file: %w", err)
	}
	switch {
	case st.Version != stateVersion:
		return fmt.Errorf("unsupported state version %d (want %d)", st.Version, stateVersion)
	case st.Region != e.opts.Region || st.ProjectID != e.opts.ProjectID:
		return fmt.Errorf("the state belongs to region %q project %q, not region %q project %q",
			st.Region, st.ProjectID, e.opts.Region, e.opts.ProjectID)
	}
	now := e.now()
	s := e.store
	for _, t := range st.Topics {
		s.topics[t] = true
	}
	for _, f := range st.Functions {
		s.functions[f] = true
	}
	for _, ev := range st.Events {
		if !patterns.CSMSEventName.MatchString(ev.Name) || s.events[ev.Name] != nil {
			return fmt.Errorf("event %q is invalid or listed twice", ev.Name)
		}
		s.events[ev.Name] = newVersioned(ev, now, 0)
	}
	for _, sec := range st.Secrets {
		if !patterns.CSMSSecretName.MatchString(sec.Name) || sec.ID == "" || s.secrets[sec.Name] != nil || s.secretIDs[sec.ID] != "" {
			return fmt.Errorf("secret %q is invalid or listed twice", sec.Name)
		}
		if sec.Tags == nil {
			sec.Tags = map[string]string{}
		}
		s.addSecret(newVersioned(sec, now, 0))
	}
	for _, n := range st.Notifications {
		if n.NotificationID == "" || s.notifications[n.NotificationID] != nil {
			return fmt.Errorf("notification %q is invalid or listed twice", n.NotificationID)
		}
		// Older state files stored "no filter" in the empty-object form.
		if n.Filter != nil && !n.Filter.IsSupportFilter && len(n.Filter.Rule) == 0 {
			n.Filter = nil
		}
		s.notificationSeq++
		n.seq = s.notificationSeq
		s.notifications[n.NotificationID] = newVersioned(n, now, 0)
	}
	for _, r := range st.Records {
		s.recordSeq++
		r.Seq = s.recordSeq
		s.records = append(s.records, r)
	}
	e.rescanExpiries()
	return nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
