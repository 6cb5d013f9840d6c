package framework

import (
	"maps"
	"strings"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// TagPolicy is the provider's default_tags and ignore_tags, as every taggable
// type applies them (the AWS provider's design): a resource's `tags` stay what
// its configuration says, `tags_all` is the defaults merged with them (a
// resource tag wins on the same key), and ignored keys are never sent,
// removed, nor reported.
type TagPolicy struct {
	// Defaults are default_tags.tags; nil: none.
	Defaults map[string]string
	// IgnoreKeys and IgnoreKeyPrefixes are ignore_tags.keys and key_prefixes.
	IgnoreKeys        []string
	IgnoreKeyPrefixes []string
}

// Ignored says whether key is ignored: equal to one of IgnoreKeys or starting
// with one of IgnoreKeyPrefixes.
func (p TagPolicy) Ignored(key string) bool {
	for _, k := range p.IgnoreKeys {
		if key == k {
			return true
		}
	}
	for _, prefix := range p.IgnoreKeyPrefixes {
		if strings.HasPrefix(key, prefix) {
			return true
		}
	}
	return false
}

// WithoutIgnored is m without its ignored keys (a new map, never nil).
func (p TagPolicy) WithoutIgnored(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		if !p.Ignored(k) {
			out[k] = v
		}
	}
	return out
}

// WithoutIgnoredTags is tags without the ignored keys; tags itself when none
// is ignored (no copy).
func (p TagPolicy) WithoutIgnoredTags(tags []hwc.Tag) []hwc.Tag {
	if len(p.IgnoreKeys) == 0 && len(p.IgnoreKeyPrefixes) == 0 {
		return tags
	}
	out := make([]hwc.Tag, 0, len(tags))
	for _, t := range tags {
		if !p.Ignored(t.Key) {
			out = append(out, t)
		}
	}
	return out
}

// Merge is tags_all for a resource's configured tags: the defaults, then the
// resource's tags over them, without the ignored keys.
func (p TagPolicy) Merge(tags map[string]string) map[string]string {
	all := maps.Clone(p.Defaults)
	if all == nil {
		all = map[string]string{}
	}
	maps.Copy(all, tags)
	return p.WithoutIgnored(all)
}

// Split turns the tags a service reports into tags_all and tags. tags_all is
// every reported tag but the ignored ones. tags keeps a reported tag when the
// configuration had it (configured: the prior `tags`), or when it is not a
// default with the default's value: so a tag added outside Terraform, or a
// default changed outside it, shows as drift of `tags`, while a default
// applied as configured shows only in tags_all.
func (p TagPolicy) Split(reported, configured map[string]string) (tags, all map[string]string) {
	all = p.WithoutIgnored(reported)
	tags = make(map[string]string, len(all))
	for k, v := range all {
		_, wasConfigured := configured[k]
		def, isDefault := p.Defaults[k]
		if wasConfigured || !isDefault || def != v {
			tags[k] = v
		}
	}
	return tags, all
}
