package emulator

import (
	"fmt"
	"slices"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// Seed bulk-loads objects that tests and demos need but that have no API in
// the emulator (topics, functions) or that are slow to create one by one.
type Seed struct {
	Topics    []string     `json:"topics,omitempty"`    // SMN topic URNs that exist
	Functions []string     `json:"functions,omitempty"` // FunctionGraph function URNs that exist
	Secrets   []SeedSecret `json:"secrets,omitempty"`
	// Agencies may be assumed (IAM v3 securitytokens, STS v5 agencies/assume).
	Agencies []SeedAgency `json:"agencies,omitempty"`
}

// SeedSecret is a secret to create. State is ENABLED (default), DISABLED,
// PENDING_DELETE or FROZEN; a PENDING_DELETE secret is scheduled for
// ScheduledDeleteTime (default: seven days from now). Its first version v1
// holds SecretString (default seedSecretValue).
type SeedSecret struct {
	Name                string            `json:"name"`
	SecretString        string            `json:"secret_string,omitempty"`
	State               string            `json:"state,omitempty"`
	Description         string            `json:"description,omitempty"`
	Tags                map[string]string `json:"tags,omitempty"`
	ScheduledDeleteTime *time.Time        `json:"scheduled_delete_time,omitempty"`
}

// seedSecretValue is the value of a seeded secret that was given none.
const seedSecretValue = "seeded-value"

var secretStates = []string{"ENABLED", "DISABLED", "PENDING_DELETE", "FROZEN"}

// ParseSeed decodes a Seed strictly (unknown fields are errors).
func ParseSeed(data []byte) (Seed, error) {
	var s Seed
	if err := decodeStrict(data, &s); err != nil {
		return Seed{}, fmt.Errorf("seed: %w", err)
	}
	return s, nil
}

// Seed adds everything in s, or nothing when any part is invalid. Seeded
// objects are visible at once, whatever the visibility delay.
func (e *Emulator) Seed(s Seed) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.seedLocked(s); err != nil {
		return err
	}
	e.notifyChanged()
	return nil
}

// seedLocked is Seed with e.mu held, without the change notification.
func (e *Emulator) seedLocked(s Seed) error {
	if err := e.validSeed(s); err != nil {
		return err
	}
	now := e.now()
	ms := now.UnixMilli()
	for _, t := range s.Topics {
		e.store.topics[t] = true
	}
	for _, f := range s.Functions {
		e.store.functions[f] = true
	}
	e.store.agencies = append(e.store.agencies, s.Agencies...)
	for _, ss := range s.Secrets {
		sec := secret{
			ID: newUUID(), Name: ss.Name, State: ss.State, KMSKeyID: defaultKMSKeyID, Description: ss.Description,
			CreateTime: ms, UpdateTime: ms, SecretType: "COMMON", EnterpriseProjectID: "0", Tags: map[string]string{},
		}
		for k, v := range ss.Tags {
			sec.Tags[k] = v
		}
		if sec.State == "" {
			sec.State = "ENABLED"
		}
		value := ss.SecretString
		if value == "" {
			value = seedSecretValue
		}
		sec.addVersion(secretValue{String: value}, nil, nil, now)
		if sec.State == "PENDING_DELETE" {
			at := now.Add(7 * 24 * time.Hour)
			if ss.ScheduledDeleteTime != nil {
				at = *ss.ScheduledDeleteTime
			}
			atMS := at.UnixMilli()
			sec.ScheduledDeleteTime = &atMS
			sec.StateBeforeDeletion = "ENABLED"
		}
		e.store.addSecret(newVersioned(sec, now, 0))
	}
	return nil
}

func (e *Emulator) validSeed(s Seed) error {
	for _, t := range s.Topics {
		if !smnURNPattern.MatchString(t) {
			return fmt.Errorf("seed: %q is not an SMN topic URN", t)
		}
	}
	for _, f := range s.Functions {
		if !fssURNPattern.MatchString(f) {
			return fmt.Errorf("seed: %q is not a FunctionGraph function URN", f)
		}
	}
	for _, a := range s.Agencies {
		if a.Name == "" || a.DomainName == "" {
			return fmt.Errorf("seed: an agency needs a name and a domain_name, got %+v", a)
		}
	}
	names := make(map[string]bool, len(s.Secrets))
	for _, ss := range s.Secrets {
		switch {
		case !patterns.CSMSSecretName.MatchString(ss.Name):
			return fmt.Errorf("seed: secret name %q must match %s", ss.Name, patterns.CSMSSecretName)
		case names[ss.Name] || e.store.secrets[ss.Name] != nil:
			return fmt.Errorf("seed: secret %q exists already", ss.Name)
		case ss.State != "" && !slices.Contains(secretStates, ss.State):
			return fmt.Errorf("seed: secret %q: state must be one of %v", ss.Name, secretStates)
		case ss.ScheduledDeleteTime != nil && ss.State != "PENDING_DELETE":
			return fmt.Errorf("seed: secret %q: scheduled_delete_time needs state PENDING_DELETE", ss.Name)
		case len([]rune(ss.Description)) > maxDescriptionRunes:
			return fmt.Errorf("seed: secret %q: description is too long", ss.Name)
		case len(ss.SecretString) > maxSecretValueBytes:
			return fmt.Errorf("seed: secret %q: secret_string is longer than %d bytes", ss.Name, maxSecretValueBytes)
		case len(ss.Tags) > maxTagsPerSecret:
			return fmt.Errorf("seed: secret %q: at most %d tags", ss.Name, maxTagsPerSecret)
		}
		names[ss.Name] = true
		for k, v := range ss.Tags {
			if !validTagKey(k) || !validTagValue(v) {
				return fmt.Errorf("seed: secret %q: tag %q=%q breaks the tag rules", ss.Name, k, v)
			}
		}
	}
	return nil
}
