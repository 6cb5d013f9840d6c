package hwc

import (
	"context"
	"fmt"
	"strings"
)

// CTS has no "show" call: a notification is found through the list of its
// type (smn or fun). The list's name filter also returns near matches, so
// every finder here compares names and ids exactly. These are plain functions
// over a Client so that the provider and the tests that check what the
// service holds find notifications the same way.

// CTSTypesToSearch lists the likely type first and the other one after it:
// the type follows the topic, which may have been switched outside Terraform.
func CTSTypesToSearch(likely string) []string {
	if likely == CTSNotificationTypeFun {
		return []string{CTSNotificationTypeFun, CTSNotificationTypeSMN}
	}
	return []string{CTSNotificationTypeSMN, CTSNotificationTypeFun}
}

// FindCTSNotificationByID returns the notification with this id, or an error
// wrapping ErrNotFound when neither type has it. With the name it last had,
// the name filter is tried first: one call that returns a few objects instead
// of every notification of the type, which matters when a configuration
// holds many. A rename outside Terraform falls back to the full scan.
func FindCTSNotificationByID(ctx context.Context, c *Client, id, likelyType, likelyName string) (*CTSNotification, error) {
	if likelyName != "" {
		list, err := c.ListCTSNotifications(ctx, CTSTypesToSearch(likelyType)[0], likelyName)
		if err != nil {
			return nil, err
		}
		if n := withID(list, id); n != nil {
			return n, nil
		}
	}
	for _, typ := range CTSTypesToSearch(likelyType) {
		list, err := c.ListCTSNotifications(ctx, typ, "")
		if err != nil {
			return nil, err
		}
		if n := withID(list, id); n != nil {
			return n, nil
		}
	}
	return nil, fmt.Errorf("CTS notification %s: %w", id, ErrNotFound)
}

func withID(list []CTSNotification, id string) *CTSNotification {
	for i := range list {
		if list[i].NotificationID == id {
			return &list[i]
		}
	}
	return nil
}

// FindCTSNotificationsByName returns the notifications of the given types
// (both when none is given) named exactly name.
func FindCTSNotificationsByName(ctx context.Context, c *Client, name string, types ...string) ([]CTSNotification, error) {
	if len(types) == 0 {
		types = CTSTypesToSearch("")
	}
	var out []CTSNotification
	for _, typ := range types {
		list, err := c.ListCTSNotifications(ctx, typ, name)
		if err != nil {
			return nil, err
		}
		for _, n := range list {
			if n.NotificationName == name {
				out = append(out, n)
			}
		}
	}
	return out, nil
}

// FindCTSNotificationByName resolves a name to exactly one notification of
// either type: ErrNotFound when there is none, an error listing the ids when
// there are several (names are meant to be unique, but nothing enforces it
// against objects made outside Terraform).
func FindCTSNotificationByName(ctx context.Context, c *Client, name string) (*CTSNotification, error) {
	found, err := FindCTSNotificationsByName(ctx, c, name)
	switch {
	case err != nil:
		return nil, err
	case len(found) == 0:
		return nil, fmt.Errorf("CTS notification named %q: %w", name, ErrNotFound)
	case len(found) > 1:
		ids := make([]string, len(found))
		for i, n := range found {
			ids[i] = n.NotificationID
		}
		return nil, fmt.Errorf("%d CTS notifications are named %q (ids %s); import one by its id",
			len(found), name, strings.Join(ids, ", "))
	}
	return &found[0], nil
}

// ListAllCTSNotifications returns every notification of both types.
func ListAllCTSNotifications(ctx context.Context, c *Client) ([]CTSNotification, error) {
	var out []CTSNotification
	for _, typ := range CTSTypesToSearch("") {
		list, err := c.ListCTSNotifications(ctx, typ, "")
		if err != nil {
			return nil, fmt.Errorf("listing %s notifications: %w", typ, err)
		}
		out = append(out, list...)
	}
	return out, nil
}
