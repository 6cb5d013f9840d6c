package cts

import (
	"context"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// notificationSingles is how many notifications of a type are read singly
// (one ListNotifications call with the name filter each) before the type's
// whole list (one call: ListNotifications is not paged) answers the rest.
const notificationSingles = 2

// notificationBatcher answers the reads of notifications of one type (smn or
// fun) from that type's list. A notification missing from it is read singly,
// which also searches the other type (its topic may have changed type
// outside Terraform) and says "not found" exactly as it always has.
func notificationBatcher(d *framework.ProviderData, typ string) *framework.Batcher[string, *hwc.CTSNotification] {
	typ = hwc.CTSTypesToSearch(typ)[0]
	return framework.BatcherFor(d, "CTS "+typ+" notification", notificationSingles,
		func(ctx context.Context, _ int) (framework.BatchList[string, *hwc.CTSNotification], error) {
			list, err := d.Client.ListCTSNotifications(ctx, typ, "")
			if err != nil {
				return framework.BatchList[string, *hwc.CTSNotification]{}, err
			}
			items := make(map[string]*hwc.CTSNotification, len(list))
			for i := range list {
				items[list[i].NotificationID] = &list[i]
			}
			return framework.BatchList[string, *hwc.CTSNotification]{Items: items}, nil
		})
}

// invalidateNotification marks a notification written by this provider: it
// reads singly from now on, whichever type's list it is in.
func invalidateNotification(d *framework.ProviderData, id string) {
	for _, typ := range hwc.CTSTypesToSearch("") {
		notificationBatcher(d, typ).Invalidate(id)
	}
}
