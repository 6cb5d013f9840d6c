package emulator

import (
	"encoding/base64"
	"maps"
	"slices"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// secret is the stored form of a CSMS secret. Its values live in Versions and
// leave the emulator only through ShowSecretVersion; no log line carries one.
type secret struct {
	ID                  string            `json:"id"`
	Name                string            `json:"name"`
	State               string            `json:"state"`
	StateBeforeDeletion string            `json:"state_before_deletion,omitempty"`
	KMSKeyID            string            `json:"kms_key_id"`
	Description         string            `json:"description"`
	CreateTime          int64             `json:"create_time"`
	UpdateTime          int64             `json:"update_time"`
	ScheduledDeleteTime *int64            `json:"scheduled_delete_time"`
	SecretType          string            `json:"secret_type"`
	EventSubscriptions  []string          `json:"event_subscriptions"`
	EnterpriseProjectID string            `json:"enterprise_project_id"`
	Tags                map[string]string `json:"tags"`
	Versions            []secretVersion   `json:"versions"`    // oldest first
	Stages              map[string]stage  `json:"stages"`      // by stage name
	VersionSeq          int               `json:"version_seq"` // number of the last version id handed out
}

// clone copies the slices and maps, so an update never changes a version readers still see.
func (s secret) clone() secret {
	s.EventSubscriptions = slices.Clone(s.EventSubscriptions)
	s.Tags = maps.Clone(s.Tags)
	s.Versions = slices.Clone(s.Versions)
	s.Stages = maps.Clone(s.Stages)
	if s.ScheduledDeleteTime != nil {
		t := *s.ScheduledDeleteTime
		s.ScheduledDeleteTime = &t
	}
	return s
}

// secretWire is the documented Secret response model.
type secretWire struct {
	ID                  string   `json:"id"`
	Name                string   `json:"name"`
	State               string   `json:"state"`
	KMSKeyID            string   `json:"kms_key_id"`
	Description         string   `json:"description"`
	CreateTime          int64    `json:"create_time"`
	UpdateTime          int64    `json:"update_time"`
	ScheduledDeleteTime *int64   `json:"scheduled_delete_time"`
	SecretType          string   `json:"secret_type"`
	AutoRotation        bool     `json:"auto_rotation"`
	RotationPeriod      string   `json:"rotation_period"`
	RotationConfig      string   `json:"rotation_config"`
	RotationTime        *int64   `json:"rotation_time"`
	NextRotationTime    *int64   `json:"next_rotation_time"`
	EventSubscriptions  []string `json:"event_subscriptions"`
	EnterpriseProjectID string   `json:"enterprise_project_id"`
	RotationFuncURN     string   `json:"rotation_func_urn"`
}

func (s secret) wire() secretWire {
	subs := s.EventSubscriptions
	if subs == nil {
		subs = []string{}
	}
	return secretWire{
		ID: s.ID, Name: s.Name, State: s.State, KMSKeyID: s.KMSKeyID, Description: s.Description,
		CreateTime: s.CreateTime, UpdateTime: s.UpdateTime, ScheduledDeleteTime: s.ScheduledDeleteTime,
		SecretType: s.SecretType, EventSubscriptions: subs, EnterpriseProjectID: s.EnterpriseProjectID,
	}
}

// defaultKMSKeyID stands for the csms/default master key.
const defaultKMSKeyID = "5d7cb1a5-0c6f-4a3e-9a57-c5a5defa0001"

const (
	maxSecretValueBytes  = 64 * 1024 // the DEW console guide; the API pages say 32 KB (the wider wins)
	maxDescriptionRunes  = 2048
	codeSecretConflict   = "CSMS.0003"
	codeSecretNotFound   = "CSMS.0106" // by name: 400, as the CSMS pages document
	codeResourceNotFound = "CSMS.0005" // by id (tag routes): 400
)

var secretTypes = []string{"COMMON", "RDS-FG", "GaussDB-FG"}

type createSecretInput struct {
	Name                *string  `json:"name"`
	SecretString        *string  `json:"secret_string"`
	SecretBinary        *string  `json:"secret_binary"`
	Description         *string  `json:"description"`
	KMSKeyID            *string  `json:"kms_key_id"`
	SecretType          *string  `json:"secret_type"`
	EventSubscriptions  []string `json:"event_subscriptions"`
	EnterpriseProjectID *string  `json:"enterprise_project_id"`
}

type scheduleDeletionInput struct {
	RecoveryWindowInDays *int `json:"recovery_window_in_days"`
}

func secretNotFound(name string) *apiError {
	return badRequest(codeSecretNotFound, "the secret "+strconv.Quote(name)+" does not exist")
}

func (e *Emulator) createSecret(c *call, in createSecretInput) (reply, error) {
	s, err := e.validNewSecret(c, &in)
	if err != nil {
		return reply{}, err
	}
	s.addVersion(secretValue{String: deref(in.SecretString, ""), Binary: deref(in.SecretBinary, "")}, nil, nil, c.now)
	e.store.addSecret(newVersioned(s, c.now, c.delay))
	e.fireSecretEvent(s, eventVersionCreated, c.now)
	return ok(map[string]any{"secret": s.wire()}), nil
}

func (e *Emulator) validNewSecret(c *call, in *createSecretInput) (secret, error) {
	switch {
	case in.Name == nil:
		return secret{}, c.invalid("name is required")
	case !patterns.CSMSSecretName.MatchString(*in.Name): // the CreateSecret API page's rule, periods included
		return secret{}, c.invalid("name must match %s", patterns.CSMSSecretName)
	case in.Description != nil && utf8.RuneCountInString(*in.Description) > maxDescriptionRunes:
		return secret{}, c.invalid("description must be at most %d characters", maxDescriptionRunes)
	case in.KMSKeyID != nil && !patterns.KMSKeyID.MatchString(*in.KMSKeyID):
		return secret{}, c.invalid("kms_key_id must be a KMS key id")
	case in.SecretType != nil && !slices.Contains(secretTypes, *in.SecretType):
		return secret{}, c.invalid("secret_type must be one of %v", secretTypes)
	case in.EnterpriseProjectID != nil && !patterns.EnterpriseProjectID.MatchString(*in.EnterpriseProjectID):
		return secret{}, c.invalid("enterprise_project_id must be 1 to 36 characters")
	}
	if err := c.validSecretValue(in.SecretString, in.SecretBinary); err != nil {
		return secret{}, err
	}
	if err := e.validSubscriptions(c, in.EventSubscriptions); err != nil {
		return secret{}, err
	}
	if _, exists := e.store.secrets[*in.Name]; exists {
		return secret{}, badRequest(codeSecretConflict, "a secret named "+strconv.Quote(*in.Name)+" already exists")
	}
	ms := c.now.UnixMilli()
	return secret{
		ID: newUUID(), Name: *in.Name, State: "ENABLED", KMSKeyID: deref(in.KMSKeyID, defaultKMSKeyID),
		Description: deref(in.Description, ""), CreateTime: ms, UpdateTime: ms,
		SecretType: deref(in.SecretType, "COMMON"), EventSubscriptions: slices.Clone(in.EventSubscriptions),
		EnterpriseProjectID: deref(in.EnterpriseProjectID, "0"), Tags: map[string]string{},
		Stages: map[string]stage{},
	}, nil
}

// validSecretValue applies the value rules shared by CreateSecret and
// CreateSecretVersion: exactly one of the two forms, 1 byte to 64 KiB.
func (c *call) validSecretValue(text, binary *string) error {
	switch {
	case (text == nil) == (binary == nil):
		return c.invalid("give exactly one of secret_string and secret_binary")
	case text != nil && (len(*text) == 0 || len(*text) > maxSecretValueBytes):
		return c.invalid("secret_string must be 1 to %d bytes", maxSecretValueBytes)
	case binary != nil:
		raw, err := base64.StdEncoding.DecodeString(*binary)
		if err != nil || len(raw) == 0 || len(raw) > maxSecretValueBytes {
			return c.invalid("secret_binary must be base64 of 1 to %d bytes", maxSecretValueBytes)
		}
	}
	return nil
}

// validSubscriptions: at most one event, and it must exist.
func (e *Emulator) validSubscriptions(c *call, events []string) error {
	if len(events) > 1 {
		return c.invalid("event_subscriptions: a secret subscribes to at most one event")
	}
	for _, ev := range events {
		if _, exists := e.store.events[ev]; !exists {
			return c.invalid("event_subscriptions: the event %q does not exist", ev)
		}
	}
	return nil
}

type updateSecretInput struct {
	KMSKeyID           *string   `json:"kms_key_id"`
	Description        *string   `json:"description"`
	AutoRotation       *bool     `json:"auto_rotation"`
	RotationPeriod     *string   `json:"rotation_period"`
	EventSubscriptions *[]string `json:"event_subscriptions"`
	RotationFuncURN    *string   `json:"rotation_func_urn"`
}

// updateSecret changes metadata only. An empty event_subscriptions list
// unsubscribes (guessed: the documentation does not say how to clear it, and
// an empty list is what the official model can send). Rotation settings are
// accepted and not kept: rotation is not emulated.
func (e *Emulator) updateSecret(c *call, in updateSecretInput) (reply, error) {
	switch {
	case in.Description != nil && utf8.RuneCountInString(*in.Description) > maxDescriptionRunes:
		return reply{}, c.invalid("description must be at most %d characters", maxDescriptionRunes)
	case in.KMSKeyID != nil && !patterns.KMSKeyID.MatchString(*in.KMSKeyID):
		return reply{}, c.invalid("kms_key_id must be a KMS key id")
	}
	if in.EventSubscriptions != nil {
		if err := e.validSubscriptions(c, *in.EventSubscriptions); err != nil {
			return reply{}, err
		}
	}
	v, err := e.writableSecret(c.params.value)
	if err != nil {
		return reply{}, err
	}
	s := v.Cur.clone()
	if in.KMSKeyID != nil {
		s.KMSKeyID = *in.KMSKeyID
	}
	if in.Description != nil {
		s.Description = *in.Description
	}
	if in.EventSubscriptions != nil {
		s.EventSubscriptions = slices.Clone(*in.EventSubscriptions)
	}
	s.UpdateTime = c.now.UnixMilli()
	v.update(s, c.now, c.delay)
	return ok(map[string]any{"secret": s.wire()}), nil
}

// writableSecret finds a secret by name for a change: a secret pending
// deletion cannot be changed (CSMS.0103).
func (e *Emulator) writableSecret(name string) (*versioned[secret], error) {
	v, exists := e.store.secrets[name]
	if !exists {
		return nil, secretNotFound(name)
	}
	if v.Cur.State == "PENDING_DELETE" {
		return nil, badRequest("CSMS.0103", "the secret is pending deletion and cannot be changed")
	}
	return v, nil
}

func (e *Emulator) showSecret(c *call) (reply, error) {
	s, err := e.visibleSecret(c, c.params.value)
	if err != nil {
		return reply{}, err
	}
	return ok(map[string]any{"secret": s.wire()}), nil
}

func (e *Emulator) visibleSecret(c *call, name string) (secret, error) {
	v, exists := e.store.secrets[name]
	if !exists {
		return secret{}, secretNotFound(name)
	}
	s, visible := v.view(c.now)
	if !visible {
		return secret{}, secretNotFound(name)
	}
	return s, nil
}

func (e *Emulator) listSecrets(c *call) (reply, error) {
	limit, marker, err := pageParams(c)
	if err != nil {
		return reply{}, err
	}
	eventName, byEvent := "", false
	if v, given := c.query["event_name"]; given {
		eventName, byEvent = v[0], true
		if !patterns.CSMSEventName.MatchString(eventName) {
			return reply{}, c.invalid("event_name must match ^[a-zA-Z0-9_-]{1,64}$")
		}
	}
	names := e.store.sortedSecretNames()
	start := sort.SearchStrings(names, marker)
	if start < len(names) && names[start] == marker {
		start++
	}
	page := []secretWire{}
	more := false
	for _, name := range names[start:] {
		s, visible := e.store.secrets[name].view(c.now)
		if !visible || byEvent && !slices.Contains(s.EventSubscriptions, eventName) {
			continue
		}
		if len(page) == limit {
			more = true
			break
		}
		page = append(page, s.wire())
	}
	info := pageInfo(marker, len(page), more, func() string { return page[len(page)-1].Name })
	return ok(map[string]any{"secrets": page, "page_info": info}), nil
}

func (e *Emulator) deleteSecret(c *call) (reply, error) {
	v, exists := e.store.secrets[c.params.value]
	if !exists {
		return reply{}, secretNotFound(c.params.value)
	}
	// SECRET_DELETED fires when the secret is really deleted. Scheduling a
	// deletion does not fire it: the secret still exists and can be restored
	// (our reading of the event type "凭据删除", secret deleted, beside the
	// separate scheduled-deletion task; no page says a schedule notifies).
	// The emulator keeps a secret pending deletion until DeleteSecret, so only
	// the immediate deletion fires it here.
	e.fireSecretEvent(v.Cur, eventSecretDeleted, c.now)
	e.store.removeSecret(c.params.value)
	return noContent(), nil
}

func (e *Emulator) scheduleSecretDeletion(c *call, in scheduleDeletionInput) (reply, error) {
	if in.RecoveryWindowInDays == nil || *in.RecoveryWindowInDays < 7 || *in.RecoveryWindowInDays > 30 {
		return reply{}, c.invalid("recovery_window_in_days must be a whole number from 7 to 30")
	}
	v, exists := e.store.secrets[c.params.value]
	if !exists {
		return reply{}, secretNotFound(c.params.value)
	}
	if v.Cur.State == "PENDING_DELETE" {
		return reply{}, badRequest("CSMS.0107", "the secret is already pending deletion")
	}
	s := v.Cur.clone()
	at := c.now.Add(time.Duration(*in.RecoveryWindowInDays) * 24 * time.Hour).UnixMilli()
	s.StateBeforeDeletion, s.State, s.ScheduledDeleteTime = s.State, "PENDING_DELETE", &at
	s.UpdateTime = c.now.UnixMilli()
	v.update(s, c.now, c.delay)
	return ok(map[string]any{"secret": s.wire()}), nil
}

func (e *Emulator) restoreSecret(c *call) (reply, error) {
	v, exists := e.store.secrets[c.params.value]
	if !exists {
		return reply{}, secretNotFound(c.params.value)
	}
	if v.Cur.State != "PENDING_DELETE" {
		return reply{}, badRequest("CSMS.0108", "the secret is not pending deletion")
	}
	s := v.Cur.clone()
	s.State = s.StateBeforeDeletion
	if s.State == "" {
		s.State = "ENABLED"
	}
	s.StateBeforeDeletion, s.ScheduledDeleteTime = "", nil
	s.UpdateTime = c.now.UnixMilli()
	v.update(s, c.now, c.delay)
	return ok(map[string]any{"secret": s.wire()}), nil
}

func deref(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}
