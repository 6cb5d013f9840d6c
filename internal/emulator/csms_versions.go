package emulator

import (
	"slices"
	"sort"
	"strconv"
	"time"
)

// Stage names the service manages itself.
const (
	stageCurrent  = "SYSCURRENT"
	stagePrevious = "SYSPREVIOUS"
)

const (
	maxVersionStages   = 12
	maxStageNameBytes  = 64
	codeVersionMissing = "CSMS.0005"
)

// secretValue is one version's content: exactly one of the two is set
// (Binary is base64, as on the wire).
type secretValue struct {
	String string `json:"secret_string,omitempty"`
	Binary string `json:"secret_binary,omitempty"`
}

// secretVersion is one stored version. Its value is held in memory only and
// never saved with the state: after LoadState it is empty (see valueLost).
type secretVersion struct {
	ID         string      `json:"id"`
	CreateTime int64       `json:"create_time"`
	ExpireTime *int64      `json:"expire_time"`
	KMSKeyID   string      `json:"kms_key_id"`
	Value      secretValue `json:"-"`
	// ExpiryNotified: SECRET_VERSION_EXPIRED has fired for ExpireTime (once
	// per expiry; UpdateVersion sets a new one and clears it).
	ExpiryNotified bool `json:"expiry_notified,omitempty"`
}

// valueLost: a value is never empty, so an empty one was not restored from a saved state.
func (v secretVersion) valueLost() bool { return v.Value.String == "" && v.Value.Binary == "" }

// stage is where a stage label points.
type stage struct {
	VersionID  string `json:"version_id"`
	UpdateTime int64  `json:"update_time"`
}

type versionMetadataWire struct {
	ID            string   `json:"id"`
	CreateTime    int64    `json:"create_time"`
	ExpireTime    *int64   `json:"expire_time"`
	KMSKeyID      string   `json:"kms_key_id"`
	SecretName    string   `json:"secret_name"`
	VersionStages []string `json:"version_stages"`
}

type stageWire struct {
	Name       string `json:"name"`
	VersionID  string `json:"version_id"`
	SecretName string `json:"secret_name"`
	UpdateTime int64  `json:"update_time"`
}

type createVersionInput struct {
	SecretString  *string  `json:"secret_string"`
	SecretBinary  *string  `json:"secret_binary"`
	VersionStages []string `json:"version_stages"`
	ExpireTime    *int64   `json:"expire_time"`
}

type updateStageInput struct {
	VersionID *string `json:"version_id"`
}

// addVersion stores a new version (ids v1, v2, …) encrypted under the
// secret's current key and gives it stages (default SYSCURRENT).
func (s *secret) addVersion(val secretValue, stages []string, expire *int64, now time.Time) secretVersion {
	s.VersionSeq++
	v := secretVersion{
		ID: "v" + strconv.Itoa(s.VersionSeq), CreateTime: now.UnixMilli(), ExpireTime: expire,
		KMSKeyID: s.KMSKeyID, Value: val,
	}
	s.Versions = append(s.Versions, v)
	if stages == nil {
		stages = []string{stageCurrent}
	}
	for _, name := range stages {
		s.moveStage(name, v.ID, now)
	}
	return v
}

// moveStage points a stage at versionID (a stage labels one version). The
// version that loses SYSCURRENT keeps SYSPREVIOUS.
func (s *secret) moveStage(name, versionID string, now time.Time) {
	if s.Stages == nil {
		s.Stages = map[string]stage{}
	}
	old, had := s.Stages[name]
	if had && old.VersionID == versionID {
		return
	}
	s.Stages[name] = stage{VersionID: versionID, UpdateTime: now.UnixMilli()}
	if name == stageCurrent && had {
		s.Stages[stagePrevious] = stage{VersionID: old.VersionID, UpdateTime: now.UnixMilli()}
	}
}

func (s secret) version(id string) (secretVersion, bool) {
	for _, v := range s.Versions {
		if v.ID == id {
			return v, true
		}
	}
	return secretVersion{}, false
}

func (s secret) metadata(v secretVersion) versionMetadataWire {
	labels := []string{}
	for name, st := range s.Stages {
		if st.VersionID == v.ID {
			labels = append(labels, name)
		}
	}
	sort.Strings(labels)
	return versionMetadataWire{
		ID: v.ID, CreateTime: v.CreateTime, ExpireTime: v.ExpireTime, KMSKeyID: v.KMSKeyID,
		SecretName: s.Name, VersionStages: labels,
	}
}

func versionNotFound(secretName, id string) *apiError {
	return badRequest(codeVersionMissing, "the secret "+strconv.Quote(secretName)+" has no version "+strconv.Quote(id))
}

func (c *call) validStageName(name, where string) error {
	if name == "" || len(name) > maxStageNameBytes {
		return c.invalid("%s must be 1 to %d bytes", where, maxStageNameBytes)
	}
	return nil
}

func (e *Emulator) createSecretVersion(c *call, in createVersionInput) (reply, error) {
	if err := c.validSecretValue(in.SecretString, in.SecretBinary); err != nil {
		return reply{}, err
	}
	if in.VersionStages != nil && (len(in.VersionStages) < 1 || len(in.VersionStages) > maxVersionStages) {
		return reply{}, c.invalid("version_stages must hold 1 to %d stages", maxVersionStages)
	}
	if err := c.validExpireTime(in.ExpireTime); err != nil {
		return reply{}, err
	}
	for i, name := range in.VersionStages {
		if err := c.validStageName(name, "version_stages["+strconv.Itoa(i)+"]"); err != nil {
			return reply{}, err
		}
		if slices.Contains(in.VersionStages[:i], name) {
			return reply{}, c.invalid("version_stages: %q is listed twice", name)
		}
	}
	v, err := e.writableSecret(c.params.value)
	if err != nil {
		return reply{}, err
	}
	s := v.Cur.clone()
	val := secretValue{String: deref(in.SecretString, ""), Binary: deref(in.SecretBinary, "")}
	ver := s.addVersion(val, in.VersionStages, in.ExpireTime, c.now)
	s.UpdateTime = c.now.UnixMilli()
	v.update(s, c.now, c.delay)
	e.noteExpiry(in.ExpireTime)
	e.fireSecretEvent(s, eventVersionCreated, c.now)
	return ok(map[string]any{"version_metadata": s.metadata(ver)}), nil
}

// listSecretVersions pages in creation order (guessed: the order is not
// documented); the marker is the last version id of the previous page.
func (e *Emulator) listSecretVersions(c *call) (reply, error) {
	limit, marker, err := pageParams(c)
	if err != nil {
		return reply{}, err
	}
	s, err := e.visibleSecret(c, c.params.value)
	if err != nil {
		return reply{}, err
	}
	start := 0
	if marker != "" {
		i := slices.IndexFunc(s.Versions, func(v secretVersion) bool { return v.ID == marker })
		// An unknown marker gives an empty page (a guess: no source says
		// how the service treats one, and an empty page refuses nothing).
		start = len(s.Versions)
		if i >= 0 {
			start = i + 1
		}
	}
	page := []versionMetadataWire{}
	rest := s.Versions[start:]
	for _, v := range rest[:min(limit, len(rest))] {
		page = append(page, s.metadata(v))
	}
	more := len(rest) > limit
	info := pageInfo(marker, len(page), more, func() string { return page[len(page)-1].ID })
	return ok(map[string]any{"version_metadatas": page, "page_info": info}), nil
}

// showSecretVersion is the only route that returns a value. A secret pending
// deletion cannot be read (CSMS.0107, as for its other uses).
func (e *Emulator) showSecretVersion(c *call) (reply, error) {
	s, err := e.visibleSecret(c, c.params.value)
	if err != nil {
		return reply{}, err
	}
	if s.State == "PENDING_DELETE" {
		return reply{}, badRequest("CSMS.0107", "the secret is pending deletion; its value cannot be read")
	}
	ver, found := s.version(c.params.sub)
	if !found {
		return reply{}, versionNotFound(s.Name, c.params.sub)
	}
	if ver.valueLost() {
		// Not a service behaviour: the emulator does not save values, so a restart loses them.
		return reply{}, c.invalid("the emulator does not save secret values: version %s of %q was created "+
			"before it was restarted, and its value is gone", ver.ID, s.Name)
	}
	body := map[string]any{"version_metadata": s.metadata(ver)}
	if ver.Value.Binary != "" {
		body["secret_binary"] = ver.Value.Binary
	} else {
		body["secret_string"] = ver.Value.String
	}
	return ok(map[string]any{"version": body}), nil
}

func (e *Emulator) showSecretStage(c *call) (reply, error) {
	s, err := e.visibleSecret(c, c.params.value)
	if err != nil {
		return reply{}, err
	}
	st, found := s.Stages[c.params.sub]
	if !found {
		return reply{}, badRequest(codeVersionMissing, "the secret "+strconv.Quote(s.Name)+" has no stage "+strconv.Quote(c.params.sub))
	}
	return ok(map[string]any{"stage": stageWire{c.params.sub, st.VersionID, s.Name, st.UpdateTime}}), nil
}

func (e *Emulator) updateSecretStage(c *call, in updateStageInput) (reply, error) {
	if in.VersionID == nil || *in.VersionID == "" {
		return reply{}, c.invalid("version_id is required")
	}
	if err := c.validStageName(c.params.sub, "the stage name"); err != nil {
		return reply{}, err
	}
	v, err := e.writableSecret(c.params.value)
	if err != nil {
		return reply{}, err
	}
	if _, found := v.Cur.version(*in.VersionID); !found {
		return reply{}, versionNotFound(v.Cur.Name, *in.VersionID)
	}
	s := v.Cur.clone()
	s.moveStage(c.params.sub, *in.VersionID, c.now)
	v.update(s, c.now, c.delay)
	st := s.Stages[c.params.sub]
	return ok(map[string]any{"stage": stageWire{c.params.sub, st.VersionID, s.Name, st.UpdateTime}}), nil
}

// deleteSecretStage removes a user stage; the service's own stages cannot be
// removed (guessed code: invalid parameter).
func (e *Emulator) deleteSecretStage(c *call) (reply, error) {
	name := c.params.sub
	if name == stageCurrent || name == stagePrevious {
		return reply{}, c.invalid("the stage %s is managed by the service and cannot be deleted", name)
	}
	v, err := e.writableSecret(c.params.value)
	if err != nil {
		return reply{}, err
	}
	if _, found := v.Cur.Stages[name]; !found {
		return reply{}, badRequest(codeVersionMissing, "the secret "+strconv.Quote(v.Cur.Name)+" has no stage "+strconv.Quote(name))
	}
	s := v.Cur.clone()
	delete(s.Stages, name)
	v.update(s, c.now, c.delay)
	return noContent(), nil
}

// deleteSecretTag removes one tag by key; deleting a key the secret does not
// have is accepted (guessed: the documentation lists no error for it).
func (e *Emulator) deleteSecretTag(c *call) (reply, error) {
	key := c.params.sub
	if !validTagKey(key) {
		return reply{}, c.invalid("the tag key must be 1 to 128 letters, digits, spaces or _.:=+-@, not start with _sys_ nor start or end with a space")
	}
	v, err := e.writableSecretByID(c.params.value)
	if err != nil {
		return reply{}, err
	}
	s := v.Cur.clone()
	delete(s.Tags, key)
	v.update(s, c.now, c.delay)
	return noContent(), nil
}

// SecretVersionValue returns what a version of a secret holds, for tests
// that prove a value arrived intact: text, or base64 for a binary value.
// It reads the current version of the secret, whatever the visibility delay.
func (e *Emulator) SecretVersionValue(secretName, versionID string) (value string, binary, found bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	v, exists := e.store.secrets[secretName]
	if !exists {
		return "", false, false
	}
	if versionID == "" {
		versionID = v.Cur.Stages[stageCurrent].VersionID
	}
	ver, found := v.Cur.version(versionID)
	if !found {
		return "", false, false
	}
	if ver.Value.Binary != "" {
		return ver.Value.Binary, true, true
	}
	return ver.Value.String, false, true
}
