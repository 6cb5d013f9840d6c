package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// stringOrInt is a JSON value documented as a string ("10") that the service
// also accepts as a number (10). Anything else is a type error.
type stringOrInt struct {
	n     int
	valid bool // a whole decimal number without sign, spaces or exponent
}

func (s *stringOrInt) UnmarshalJSON(data []byte) error {
	raw := string(data)
	if bytes.HasPrefix(data, []byte(`"`)) {
		if err := json.Unmarshal(data, &raw); err != nil {
			return err
		}
	} else if len(data) == 0 || (data[0] != '-' && (data[0] < '0' || data[0] > '9')) {
		return errors.New("must be a string or a number")
	}
	n, err := strconv.Atoi(raw)
	s.n, s.valid = n, err == nil && raw != "" && raw[0] != '+' && (raw[0] != '0' || raw == "0")
	return nil
}

type tagFilterInput struct {
	Key    *string  `json:"key"`
	Values []string `json:"values"`
}

type matchInput struct {
	Key   *string `json:"key"`
	Value *string `json:"value"`
}

type resourceInstancesInput struct {
	Action   *string          `json:"action"`
	Limit    *stringOrInt     `json:"limit"`
	Offset   *stringOrInt     `json:"offset"`
	Tags     []tagFilterInput `json:"tags"`
	Matches  []matchInput     `json:"matches"`
	Sequence *string          `json:"sequence"`
}

type resourceWire struct {
	ResourceID     string     `json:"resource_id"`
	ResourceName   string     `json:"resource_name"`
	ResourceDetail secretWire `json:"resource_detail"`
	Tags           []tagWire  `json:"tags"`
	SysTags        []tagWire  `json:"sys_tags"`
}

const (
	defaultInstancesLimit = 10
	maxInstancesLimit     = 1000
	maxTagFilters         = 10
	maxTagFilterValues    = 10
	maxMatchValueRunes    = 255
	maxSequenceBytes      = 36
)

// resourceInstancesOp names the operation from the body's action, so a count
// is counted (and can be faulted) separately from a filter.
func resourceInstancesOp(body []byte) string {
	var peek struct {
		Action string `json:"action"`
	}
	if json.Unmarshal(body, &peek) == nil && peek.Action == "count" {
		return OpCountResourceInstances
	}
	return OpListResourceInstances
}

type secretFilter struct {
	tags    []tagFilterInput // validated: Key non-nil
	matches []string
	none    bool // an empty matches value: the pages say the result is empty
}

func (f secretFilter) match(s secret) bool {
	if f.none {
		return false
	}
	for _, m := range f.matches {
		if !strings.Contains(s.Name, m) {
			return false
		}
	}
	for _, t := range f.tags {
		v, has := s.Tags[*t.Key]
		if !has || len(t.Values) > 0 && !slices.Contains(t.Values, v) {
			return false
		}
	}
	return true
}

func (e *Emulator) resourceInstances(c *call, in resourceInstancesInput) (reply, error) {
	if in.Action == nil || *in.Action != "filter" && *in.Action != "count" {
		return reply{}, c.invalid("action must be filter or count")
	}
	count := *in.Action == "count"
	limit, offset := defaultInstancesLimit, 0
	if count {
		// The pages say not to send limit and offset with count, never that
		// the service refuses them: they are ignored.
		in.Limit, in.Offset = nil, nil
	}
	if in.Limit != nil {
		if !in.Limit.valid || in.Limit.n < 1 || in.Limit.n > maxInstancesLimit {
			return reply{}, c.invalid("limit must be a whole number from 1 to %d", maxInstancesLimit)
		}
		limit = in.Limit.n
	}
	if in.Offset != nil {
		if !in.Offset.valid || in.Offset.n < 0 {
			return reply{}, c.invalid("offset must be a whole number of at least 0")
		}
		offset = in.Offset.n
	}
	// sequence is documented as a 36-byte request id, but Huawei's own
	// clients send shorter values such as "test_sequence"; only the upper
	// bound is enforced.
	if in.Sequence != nil && len(*in.Sequence) > maxSequenceBytes {
		return reply{}, c.invalid("sequence must be at most %d bytes", maxSequenceBytes)
	}
	f, err := c.validSecretFilter(in.Tags, in.Matches)
	if err != nil {
		return reply{}, err
	}

	total := 0
	resources := []resourceWire{}
	for _, name := range e.store.sortedSecretNames() {
		s, visible := e.store.secrets[name].view(c.now)
		if !visible || !f.match(s) {
			continue
		}
		if !count && total >= offset && len(resources) < limit {
			resources = append(resources, resourceWire{
				ResourceID: s.ID, ResourceName: s.Name, ResourceDetail: s.wire(),
				Tags: sortedTags(s.Tags), SysTags: []tagWire{},
			})
		}
		total++
	}
	if count {
		return ok(map[string]any{"total_count": total}), nil
	}
	if e.opts.OmitTotalCount {
		return ok(map[string]any{"resources": resources}), nil
	}
	return ok(map[string]any{"resources": resources, "total_count": total}), nil
}

func (c *call) validSecretFilter(tags []tagFilterInput, matches []matchInput) (secretFilter, error) {
	if len(tags) > maxTagFilters {
		return secretFilter{}, c.invalid("tags must hold at most %d entries", maxTagFilters)
	}
	seen := map[string]bool{}
	for i, t := range tags {
		where := "tags[" + strconv.Itoa(i) + "]"
		switch {
		case t.Key == nil:
			return secretFilter{}, c.invalid("%s.key is required", where)
		case !validTagKey(*t.Key):
			return secretFilter{}, c.invalid("%s.key is not a valid tag key", where)
		case seen[*t.Key]:
			return secretFilter{}, c.invalid("%s: the key %q is given twice", where, *t.Key)
		case len(t.Values) > maxTagFilterValues:
			return secretFilter{}, c.invalid("%s.values must hold at most %d values", where, maxTagFilterValues)
		}
		seen[*t.Key] = true
		for _, v := range t.Values {
			if !validTagValue(v) {
				return secretFilter{}, c.invalid("%s.values: %q is not a valid tag value", where, v)
			}
		}
	}
	f := secretFilter{tags: tags}
	for i, m := range matches {
		where := "matches[" + strconv.Itoa(i) + "]"
		switch {
		case m.Key == nil || *m.Key != "resource_name":
			return secretFilter{}, c.invalid("%s.key must be resource_name", where)
		case m.Value == nil || utf8.RuneCountInString(*m.Value) > maxMatchValueRunes:
			return secretFilter{}, c.invalid("%s.value must be at most %d characters", where, maxMatchValueRunes)
		}
		f.none = f.none || *m.Value == ""
		f.matches = append(f.matches, *m.Value)
	}
	return f, nil
}
