package emulator

import (
	"sort"
	"strconv"
)

const maxTagsPerSecret = 20

type tagWire struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type tagInput struct {
	Key   *string `json:"key"`
	Value *string `json:"value"`
}

type createTagInput struct {
	Tag *tagInput `json:"tag"`
}

type batchTagsInput struct {
	Action *string    `json:"action"`
	Tags   []tagInput `json:"tags"`
}

// sortedTags renders a tag map as the documented list, ordered by key.
func sortedTags(m map[string]string) []tagWire {
	out := make([]tagWire, 0, len(m))
	for k, v := range m {
		out = append(out, tagWire{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// secretByID finds the secret a tag route names by id (not found: 400 CSMS.0005).
func (e *Emulator) secretByID(id string) (*versioned[secret], error) {
	name, exists := e.store.secretIDs[id]
	if !exists {
		return nil, badRequest(codeResourceNotFound, "the secret with id "+strconv.Quote(id)+" does not exist")
	}
	return e.store.secrets[name], nil
}

func (e *Emulator) createSecretTag(c *call, in createTagInput) (reply, error) {
	if in.Tag == nil {
		return reply{}, c.invalid("tag is required")
	}
	k, val, err := c.validTag(*in.Tag, "tag")
	if err != nil {
		return reply{}, err
	}
	v, err := e.writableSecretByID(c.params.value)
	if err != nil {
		return reply{}, err
	}
	s := v.Cur.clone()
	s.Tags[k] = val
	if len(s.Tags) > maxTagsPerSecret {
		return reply{}, c.invalid("a secret has at most %d tags", maxTagsPerSecret)
	}
	v.update(s, c.now, c.delay)
	return noContent(), nil
}

// batchSecretTags takes any number of tags: the pages set no limit on one
// request, only the 20 tags a secret may hold afterwards.
func (e *Emulator) batchSecretTags(c *call, in batchTagsInput) (reply, error) {
	if in.Action == nil || *in.Action != "create" && *in.Action != "delete" {
		return reply{}, c.invalid("action must be create or delete")
	}
	if len(in.Tags) == 0 {
		return reply{}, c.invalid("tags must hold at least one tag")
	}
	type kv struct{ key, value string }
	var tags []kv
	seen := map[string]bool{}
	for i, t := range in.Tags {
		where := "tags[" + strconv.Itoa(i) + "]"
		k, val, err := c.validTag(t, where)
		if err != nil {
			return reply{}, err
		}
		if seen[k] {
			return reply{}, c.invalid("%s: the key %q is given twice", where, k)
		}
		seen[k] = true
		tags = append(tags, kv{k, val})
	}
	v, err := e.writableSecretByID(c.params.value)
	if err != nil {
		return reply{}, err
	}
	s := v.Cur.clone()
	for _, t := range tags {
		if *in.Action == "create" {
			s.Tags[t.key] = t.value
		} else {
			delete(s.Tags, t.key)
		}
	}
	if len(s.Tags) > maxTagsPerSecret {
		return reply{}, c.invalid("a secret has at most %d tags", maxTagsPerSecret)
	}
	v.update(s, c.now, c.delay)
	return noContent(), nil
}

func (e *Emulator) listSecretTags(c *call) (reply, error) {
	v, err := e.secretByID(c.params.value)
	if err != nil {
		return reply{}, err
	}
	s, visible := v.view(c.now)
	if !visible {
		return reply{}, badRequest(codeResourceNotFound, "the secret with id "+strconv.Quote(c.params.value)+" does not exist")
	}
	return ok(map[string]any{"tags": sortedTags(s.Tags), "sys_tags": []tagWire{}}), nil
}

// writableSecretByID refuses secrets pending deletion (CSMS.0103): they cannot be updated.
func (e *Emulator) writableSecretByID(id string) (*versioned[secret], error) {
	v, err := e.secretByID(id)
	if err != nil {
		return nil, err
	}
	if v.Cur.State == "PENDING_DELETE" {
		return nil, badRequest("CSMS.0103", "the secret is pending deletion and cannot be changed")
	}
	return v, nil
}

func (c *call) validTag(t tagInput, where string) (string, string, error) {
	switch {
	case t.Key == nil:
		return "", "", c.invalid("%s.key is required", where)
	case !validTagKey(*t.Key):
		return "", "", c.invalid("%s.key must be 1 to 128 letters, numbers, spaces or _.:=+-@, not start with _sys_ nor start or end with a space", where)
	case t.Value != nil && !validTagValue(*t.Value):
		return "", "", c.invalid("%s.value must be at most 255 letters, numbers, spaces or _.:/=+-@", where)
	}
	// The tag pages mark value optional: a tag without one has the empty value.
	return *t.Key, deref(t.Value, ""), nil
}
