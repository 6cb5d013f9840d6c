package cts

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// NewCTSNotificationListResource lists the project's CTS key-event notifications for `terraform query`.
func NewCTSNotificationListResource() list.ListResource {
	return &ctsNotificationListResource{ListResourceBase: framework.NewListResourceBase(ctsNotificationIdentity,
		"Lists every CTS key-event notification of the provider's project, SMN ones first, then FunctionGraph "+
			"ones, with its identity (`project_id`, `notification_id`). Takes no arguments.")}
}

type ctsNotificationListResource struct {
	framework.ListResourceBase
}

func (l *ctsNotificationListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	if !l.ListConfigured(stream) {
		return
	}
	client := l.Data.Client
	produce := func(ctx context.Context, emit func(framework.Listed) bool) error {
		// The service lists one notification type per call and returns all of that type at once.
		for _, typ := range []string{hwc.CTSNotificationTypeSMN, hwc.CTSNotificationTypeFun} {
			found, err := client.ListCTSNotifications(ctx, typ, "")
			if err != nil {
				return err
			}
			for i := range found {
				n := &found[i]
				state := func(ctx context.Context) (any, diag.Diagnostics) {
					return flattenCTSNotification(ctx, n, ctsNotificationModel{Timeouts: framework.NullWriteTimeouts()})
				}
				if !emit(framework.Listed{DisplayName: n.NotificationName, Key: n.NotificationID, State: state}) {
					return nil
				}
			}
		}
		return nil
	}
	l.Stream(ctx, req, stream, produce, "Cannot list CTS notifications")
}
