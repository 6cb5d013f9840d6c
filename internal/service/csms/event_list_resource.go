package csms

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

// csmsEventsPageSize is the largest page ListSecretEvents serves.
const csmsEventsPageSize = 50

// NewCSMSEventListResource lists the project's CSMS events for `terraform query`.
func NewCSMSEventListResource() list.ListResource {
	return &csmsEventListResource{ListResourceBase: framework.NewListResourceBase(csmsEventIdentity,
		"Lists every CSMS secret event of the provider's project with its identity (`project_id`, `name`). "+
			"Takes no arguments.")}
}

type csmsEventListResource struct {
	framework.ListResourceBase
}

func (l *csmsEventListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	if !l.ListConfigured(stream) {
		return
	}
	client := l.Data.Client
	produce := func(ctx context.Context, emit func(framework.Listed) bool) error {
		for ev, err := range client.AllSecretEvents(ctx, csmsEventsPageSize) {
			if err != nil {
				return err
			}
			if !emit(framework.Listed{DisplayName: ev.Name, Key: ev.Name, State: func(ctx context.Context) (any, diag.Diagnostics) {
				return flattenCSMSEvent(ctx, &ev, framework.NullWriteTimeouts())
			}}) {
				return nil
			}
		}
		return nil
	}
	l.Stream(ctx, req, stream, produce, "Cannot list CSMS events")
}
