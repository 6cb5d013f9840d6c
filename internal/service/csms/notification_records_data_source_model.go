package csms

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

var sincePath = path.Root("since")

type csmsNotificationRecordsModel struct {
	EventName  types.String                  `tfsdk:"event_name"`
	SecretName types.String                  `tfsdk:"secret_name"`
	EventType  types.String                  `tfsdk:"event_type"`
	Since      types.String                  `tfsdk:"since"`
	Records    []csmsNotificationRecordModel `tfsdk:"records"`
}

type csmsNotificationRecordModel struct {
	EventName  types.String `tfsdk:"event_name"`
	EventType  types.String `tfsdk:"event_type"`
	SecretName types.String `tfsdk:"secret_name"`
	SecretType types.String `tfsdk:"secret_type"`
	TargetID   types.String `tfsdk:"target_id"`
	TargetName types.String `tfsdk:"target_name"`
	Content    types.String `tfsdk:"content"`
	Status     types.String `tfsdk:"status"`
	CreatedAt  types.String `tfsdk:"created_at"`
}

// recordFilter is the configured filters; empty fields match everything.
type recordFilter struct {
	eventName, secretName, eventType string
	sinceMS                          int64
	hasSince                         bool
}

func (m csmsNotificationRecordsModel) filter() (recordFilter, error) {
	f := recordFilter{eventName: m.EventName.ValueString(), secretName: m.SecretName.ValueString(), eventType: m.EventType.ValueString()}
	if !m.Since.IsNull() && !m.Since.IsUnknown() {
		t, err := time.Parse(time.RFC3339, m.Since.ValueString())
		if err != nil {
			return f, err
		}
		f.sinceMS, f.hasSince = t.UnixMilli(), true
	}
	return f, nil
}

func (f recordFilter) matches(r hwc.NotificationRecord) bool {
	return (f.eventName == "" || r.EventName == f.eventName) &&
		(f.secretName == "" || r.SecretName == f.secretName) &&
		(f.eventType == "" || r.TriggerEventType == f.eventType) &&
		(!f.hasSince || r.CreateTime >= f.sinceMS)
}

func recordModel(r hwc.NotificationRecord) csmsNotificationRecordModel {
	return csmsNotificationRecordModel{
		EventName:  types.StringValue(r.EventName),
		EventType:  types.StringValue(r.TriggerEventType),
		SecretName: types.StringValue(r.SecretName),
		SecretType: types.StringValue(r.SecretType),
		TargetID:   types.StringValue(r.NotificationTargetID),
		TargetName: types.StringValue(r.NotificationTargetName),
		Content:    types.StringValue(r.NotificationContent),
		Status:     types.StringValue(r.NotificationStatus),
		CreatedAt:  framework.MillisToRFC3339(r.CreateTime),
	}
}
