package csms

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// csmsNotificationRecordsDataSource lists the notifications CSMS sent for
// secret events (ListNotificationRecords), so a configuration or a
// `terraform test` can assert that an alert went out.
type csmsNotificationRecordsDataSource struct {
	framework.DataSourceBase
}

// NewCSMSNotificationRecordsDataSource is the constructor the provider registers.
func NewCSMSNotificationRecordsDataSource() datasource.DataSource {
	return &csmsNotificationRecordsDataSource{DataSourceBase: framework.NewDataSourceBase("csms_notification_records")}
}

func (d *csmsNotificationRecordsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the notifications CSMS sent for secret events (`hwcloud_csms_event`), newest " +
			"first, so that a configuration or a `terraform test` can check that an alert was sent. The service " +
			"keeps them for three months. Every filter is optional and applied by the provider (the API takes " +
			"none); with none set, every record is listed. The list is read in full, page by page, on every read.",
		Attributes: map[string]schema.Attribute{
			"event_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only the records of this event: 1–64 letters, digits, `_` or `-`.",
				Validators: []validator.String{stringvalidator.RegexMatches(patterns.CSMSEventName,
					"must be an event name: 1-64 characters of letters, digits, _ or -")},
			},
			"secret_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only the records of this secret: " + csmsSecretNameRuleMarkdown + ".",
				Validators:          []validator.String{csmsSecretNameValidator()},
			},
			"event_type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Keep only the records of this event type: one of `SECRET_VERSION_CREATED`, " +
					"`SECRET_VERSION_EXPIRED`, `SECRET_ROTATED`, `SECRET_DELETED`, `SECRET_ROTATED_FAILED`.",
				Validators: []validator.String{stringvalidator.OneOf(csmsEventTypes...)}, // the event types, as the SDK Record model lists them
			},
			"since": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Keep only the records created at or after this time, RFC 3339 (for example " +
					"`2026-01-02T03:04:05Z`; an offset is allowed).",
				Validators: []validator.String{rfc3339Time{}},
			},
			"records": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching records, newest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"event_name":  computed("Name of the event that notified."),
					"event_type":  computed("The event type that triggered it (`trigger_event_type`), e.g. `SECRET_VERSION_CREATED`."),
					"secret_name": computed("Name of the secret it is about."),
					"secret_type": computed("Type of that secret: `COMMON`, `RDS-FG` or `GaussDB-FG`."),
					"target_id":   computed("ID of the notification target, e.g. an SMN topic URN. (The record names no target type.)"),
					"target_name": computed("Name of the notification target."),
					"content":     computed("The notification's content."),
					"status":      computed("`SUCCESS`, `FAIL`, or `INVALID` (the target is not a valid topic)."),
					"created_at":  computed("When the notification was sent, RFC 3339 in UTC."),
				}},
			},
		},
	}
}

func (d *csmsNotificationRecordsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m csmsNotificationRecordsModel
	if !d.Ready(&resp.Diagnostics, req.Config.Get(ctx, &m)) {
		return
	}
	f, err := m.filter()
	if err != nil {
		resp.Diagnostics.AddAttributeError(sincePath, "Invalid time", err.Error())
		return
	}
	ctx = d.Data.LogContext(ctx)
	var found []csmsNotificationRecordModel
	var created []int64
	for rec, err := range d.Data.Client.AllNotificationRecords(ctx, 0) {
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Cannot list CSMS notification records", err,
				secretAPIHint(err, "ListNotificationRecords", "Check the provider's region and project."))
			return
		}
		if f.matches(rec) {
			found = append(found, recordModel(rec))
			created = append(created, rec.CreateTime)
		}
	}
	m.Records = newestFirst(found, created)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// newestFirst orders records by creation time, newest first; records of the
// same millisecond keep the service's order.
func newestFirst(recs []csmsNotificationRecordModel, created []int64) []csmsNotificationRecordModel {
	idx := make([]int, len(recs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case created[a] > created[b]:
			return -1
		case created[a] < created[b]:
			return 1
		}
		return 0
	})
	out := make([]csmsNotificationRecordModel, 0, len(recs))
	for _, i := range idx {
		out = append(out, recs[i])
	}
	return out
}

// rfc3339Time checks an RFC 3339 time (any offset, fractions allowed).
type rfc3339Time struct{}

func (rfc3339Time) Description(context.Context) string {
	return "must be an RFC 3339 time, such as 2026-01-02T03:04:05Z"
}

func (v rfc3339Time) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v rfc3339Time) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid time",
			fmt.Sprintf("Attribute %s %s; got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}
