package emulator

import (
	"errors"
	"time"
)

// Version expiry: UpdateVersion sets the expire_time of a version, and
// SECRET_VERSION_EXPIRED fires once when the service clock passes it.
//
// Sources: the UpdateVersion API pages ("Updating the Secret Version",
// English 2024-08-06, 2025-08-28, 2026-06-09; Chinese 2024-06-28,
// 2024-11-20) and the official SDK v0.1.207 (UpdateVersionRequestBody,
// GenReqDefForUpdateVersion): PUT .../secrets/{name}/versions/{version_id}
// with {"expire_time": Long}, answered {"version_metadata": VersionMetadata};
// only ENABLED secrets can be updated; "only one event notification is
// triggered each time the version validity period is updated". The pages say
// the time is in seconds; as every CSMS time it is taken as milliseconds
// (every published example is in milliseconds, and the official provider's
// expire_time is too). No source says how to remove an expiry, nor that the
// time must lie in the future: a past time is accepted and fires at once.

type updateVersionInput struct {
	// Mandatory in the 2025 and 2026 pages and the SDK, optional in the
	// 2024-08-06 edition: the wider reading wins, and a body without it
	// changes nothing.
	ExpireTime *int64 `json:"expire_time"`
}

// validExpireTime refuses a time at or before the epoch. A guess: no source
// gives a range, but 0 or a negative number is not a time, and accepting 0
// would invent an undocumented way of removing an expiry.
func (c *call) validExpireTime(t *int64) error {
	if t != nil && *t <= 0 {
		return c.invalid("expire_time must be a timestamp in milliseconds after 1970-01-01")
	}
	return nil
}

func (e *Emulator) updateVersion(c *call, in updateVersionInput) (reply, error) {
	if err := c.validExpireTime(in.ExpireTime); err != nil {
		return reply{}, err
	}
	v, err := e.writableSecret(c.params.value)
	if err != nil {
		return reply{}, err
	}
	if v.Cur.State != "ENABLED" {
		// The pages: only ENABLED secrets can be updated. The code is a guess (none is documented).
		return reply{}, c.invalid("the secret is %s; only an ENABLED secret's versions can be updated", v.Cur.State)
	}
	s := v.Cur.clone()
	i := -1
	for j, ver := range s.Versions {
		if ver.ID == c.params.sub {
			i = j
		}
	}
	if i < 0 {
		return reply{}, versionNotFound(s.Name, c.params.sub)
	}
	if in.ExpireTime != nil {
		t := *in.ExpireTime
		s.Versions[i].ExpireTime, s.Versions[i].ExpiryNotified = &t, false
		e.noteExpiry(&t)
	}
	s.UpdateTime = c.now.UnixMilli()
	v.update(s, c.now, c.delay)
	return ok(map[string]any{"version_metadata": s.metadata(s.Versions[i])}), nil
}

// noteExpiry keeps store.nextExpiry at the earliest expiry not yet notified,
// so a call only scans the secrets when one is due.
func (e *Emulator) noteExpiry(t *int64) {
	if t != nil && (e.store.nextExpiry == 0 || *t < e.store.nextExpiry) {
		e.store.nextExpiry = *t
	}
}

// fireDueExpiries records SECRET_VERSION_EXPIRED for every version whose
// expire_time has passed at now and was not notified yet. Called under mu
// before each call is served and when the clock is moved; fired says whether
// anything changed.
func (e *Emulator) fireDueExpiries(now time.Time) (fired bool) {
	s := e.store
	if s.nextExpiry == 0 || now.UnixMilli() < s.nextExpiry {
		return false
	}
	s.nextExpiry = 0
	for _, name := range s.sortedSecretNames() {
		v := s.secrets[name]
		var due []int
		for i, ver := range v.Cur.Versions {
			switch {
			case ver.ExpireTime == nil || ver.ExpiryNotified:
			case *ver.ExpireTime <= now.UnixMilli():
				due = append(due, i)
			default:
				e.noteExpiry(ver.ExpireTime)
			}
		}
		if len(due) == 0 {
			continue
		}
		// Marked in place, without a visibility delay: only the emulator reads the mark.
		sec := v.Cur.clone()
		for _, i := range due {
			sec.Versions[i].ExpiryNotified = true
			e.fireSecretEvent(sec, eventVersionExpired, now)
		}
		v.Cur = sec
		fired = true
	}
	return fired
}

// rescanExpiries recomputes store.nextExpiry after a seed or a loaded state.
func (e *Emulator) rescanExpiries() {
	e.store.nextExpiry = 0
	for _, v := range e.store.secrets {
		for _, ver := range v.Cur.Versions {
			if !ver.ExpiryNotified {
				e.noteExpiry(ver.ExpireTime)
			}
		}
	}
}

// serviceNow is the service's clock: Options.Now moved by AdvanceClock. The
// signature check keeps Options.Now, so clients signing with the real time
// are still accepted after the clock was moved.
func (e *Emulator) serviceNow() time.Time {
	return e.now().Add(time.Duration(e.clockOffset.Load()))
}

// Now is the service clock (Options.Now plus every AdvanceClock).
func (e *Emulator) Now() time.Time { return e.serviceNow() }

// AdvanceClock moves the service clock forward by d (time never runs back)
// and fires what became due, such as version expiries. It is the control
// route POST /_emulator/clock/advance.
func (e *Emulator) AdvanceClock(d time.Duration) error {
	if d < 0 {
		return errors.New("the clock only moves forward: the duration must not be negative")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.clockOffset.Add(int64(d))
	if e.fireDueExpiries(e.serviceNow()) {
		e.notifyChanged()
	}
	return nil
}
