package csms

import (
	"context"
	"errors"
	"fmt"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// The refreshes of CSMS events and secrets are answered from shared lists
// (framework.Batcher): events from ListSecretEvents, a secret's metadata and
// tags from ListResourceInstances without a tag filter. A secret's current
// version is not in any list and is still read per secret.

const (
	// eventSingles and secretSingles are the reads made singly before a
	// list: two events cost two calls and a list one; three secrets cost
	// nine calls, and a list may cost up to ten in a project of 10,000.
	eventSingles  = 2
	secretSingles = 3
	// eventsPage is ListSecretEvents' largest page; a project holds at most 30 events.
	eventsPage = 50
)

// eventBatcher answers event reads from ListSecretEvents.
func eventBatcher(d *framework.ProviderData) *framework.Batcher[string, *hwc.SecretEvent] {
	return framework.BatcherFor(d, "CSMS event", eventSingles,
		func(ctx context.Context, _ int) (framework.BatchList[string, *hwc.SecretEvent], error) {
			items := map[string]*hwc.SecretEvent{}
			for ev, err := range d.Client.AllSecretEvents(ctx, eventsPage) {
				if err != nil {
					return framework.BatchList[string, *hwc.SecretEvent]{}, err
				}
				items[ev.Name] = &ev
			}
			return framework.BatchList[string, *hwc.SecretEvent]{Items: items, Complete: true}, nil
		})
}

// secretMeta is what a list tells of a secret: its metadata and user tags.
type secretMeta struct {
	Secret hwc.Secret
	Tags   map[string]string
}

// secretBatcher answers the metadata and tags of secrets from
// ListResourceInstances. Its first page (1,000 secrets) is the whole list in
// most projects; in a larger one the remaining pages are read only once as
// many reads arrived as the pages cost, and until then the first page
// answers the secrets it holds and the others read singly.
func secretBatcher(d *framework.ProviderData) *framework.Batcher[string, secretMeta] {
	var first []hwc.ResourceInstance
	var total int
	return framework.BatcherFor(d, "CSMS secret", secretSingles,
		func(ctx context.Context, reads int) (framework.BatchList[string, secretMeta], error) {
			if first == nil {
				page, count, err := d.Client.ListResourceInstances(ctx, hwc.ListResourceInstancesRequest{
					Limit: hwc.ResourceInstancesMaxPage,
				})
				if err != nil {
					return framework.BatchList[string, secretMeta]{}, err
				}
				first, total = append([]hwc.ResourceInstance{}, page...), count
			}
			if len(first) < hwc.ResourceInstancesMaxPage {
				return secretList(first, true), nil
			}
			// The whole list is read again from the start: worth it once the
			// reads so far cover its pages (count missing: never).
			pages := (total + hwc.ResourceInstancesMaxPage - 1) / hwc.ResourceInstancesMaxPage
			if total <= 0 || pages > reads {
				l := secretList(first, false)
				l.More = total > 0
				return l, nil
			}
			all, err := hwc.QueryResourceInstances(ctx, d.Client, hwc.ListResourceInstancesRequest{}, nil)
			if err != nil {
				return framework.BatchList[string, secretMeta]{}, err
			}
			return secretList(all, true), nil
		})
}

func secretList(rs []hwc.ResourceInstance, complete bool) framework.BatchList[string, secretMeta] {
	items := make(map[string]secretMeta, len(rs))
	for _, r := range rs {
		items[r.Name()] = secretMeta{Secret: r.Secret, Tags: tagsToMap(r.Tags)}
	}
	return framework.BatchList[string, secretMeta]{Items: items, Complete: complete}
}

// readSecretMeta reads a secret's metadata and tags singly (ShowSecret, ListSecretTags).
func readSecretMeta(ctx context.Context, client *hwc.Client, name string) (secretMeta, error) {
	s, err := client.ShowSecret(ctx, name)
	if err != nil {
		return secretMeta{}, err
	}
	tags, _, err := client.ListSecretTags(ctx, s.ID)
	if err != nil {
		return secretMeta{}, fmt.Errorf("reading the tags of secret %q: %w", name, err)
	}
	return secretMeta{Secret: *s, Tags: tagsToMap(tags)}, nil
}

// findSecretWith completes what meta reads (singly or from the batcher)
// with the current version; see findCSMSSecret.
func findSecretWith(ctx context.Context, client *hwc.Client, name string,
	meta func(context.Context) (secretMeta, error)) (*csmsSecretFound, error) {
	m, err := meta(ctx)
	if err != nil {
		return nil, err
	}
	found := &csmsSecretFound{Secret: m.Secret, Tags: m.Tags}
	if found.Tags == nil {
		found.Tags = map[string]string{}
	}
	if m.Secret.State == secretStatePendingDelete {
		return found, nil // its stages cannot be read, and nothing needs them
	}
	found.CurrentVersionID, found.CurrentExpireTime, err = currentVersion(ctx, client, name)
	switch {
	case errors.Is(err, hwc.ErrNotFound):
		// A secret always has a current version; a not-found here means the secret went away meanwhile.
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("reading the current version of secret %q: %w", name, err)
	}
	return found, nil
}
