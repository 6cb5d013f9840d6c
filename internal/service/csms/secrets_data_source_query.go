package csms

import (
	"context"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

const secretStatePendingDelete = "PENDING_DELETE"

// secretsQuery is a tag-filtered secret search.
type secretsQuery struct {
	Tags      []hwc.TagFilter // keys ANDed, values of a key ORed, empty values = any value
	NameMatch string          // fuzzy match on the name; "" = no name filter
	State     string          // applied after the query; "" = any state
}

// querySecrets returns every secret matching q, de-duplicated by id and sorted
// by name then id (hwc.QueryResourceInstances pages the tag query).
func querySecrets(ctx context.Context, api hwc.ResourceInstanceLister, q secretsQuery) ([]hwc.ResourceInstance, error) {
	req := hwc.ListResourceInstancesRequest{Tags: q.Tags}
	if q.NameMatch != "" {
		req.NameMatches = []string{q.NameMatch}
	}
	var keep func(hwc.ResourceInstance) bool
	if q.State != "" {
		keep = func(r hwc.ResourceInstance) bool { return r.Secret.State == q.State }
	}
	return hwc.QueryResourceInstances(ctx, api, req, keep)
}

// withoutIgnoredTags leaves the provider's ignored tags (ignore_tags) out of
// the user tags of found, in place; the system tags are kept. The data
// source and the list resource report what it returns.
func withoutIgnoredTags(found []hwc.ResourceInstance, policy framework.TagPolicy) []hwc.ResourceInstance {
	for i := range found {
		found[i].Tags = policy.WithoutIgnoredTags(found[i].Tags)
	}
	return found
}
