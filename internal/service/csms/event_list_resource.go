package csms

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

// csmsEventsPageSize is the largest page ListSecretEvents serves.
const csmsEventsPageSize = 50

var (
	_ list.ListResource              = (*csmsEventListResource)(nil)
	_ list.ListResourceWithConfigure = (*csmsEventListResource)(nil)
)

// NewCSMSEventListResource lists the project's CSMS events for `terraform query`.
func NewCSMSEventListResource() list.ListResource {
	return &csmsEventListResource{ResourceBase: framework.NewResourceBase("csms_event")}
}

type csmsEventListResource struct {
	framework.ResourceBase
}

func (l *csmsEventListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every CSMS secret event of the provider's project with its identity " +
			"(`project_id`, `name`). Takes no arguments.",
	}
}

func (l *csmsEventListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	if l.Data == nil {
		stream.Results = framework.NotConfiguredList(csmsEventIdentity.TypeName)
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
	stream.Results = framework.StreamListResults(l.Data.LogContext(ctx), req, csmsEventIdentity, client.ProjectID(), produce,
		"Cannot list CSMS events")
}
