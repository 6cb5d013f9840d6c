package cts

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

var _ resource.ResourceWithMoveState = (*ctsNotificationResource)(nil)

var ctsNotificationMove = framework.OfficialMove{SourceType: "huaweicloud_cts_notification", TargetType: "hwcloud_cts_notification"}

// officialCTSNotification is huaweicloud_cts_notification as the official
// provider stores it: blocks as lists, `id` equal to the name, the service's
// id in notification_id, the topic in smn_topic.
type officialCTSNotification struct {
	ID             string                      `json:"id"`
	Name           string                      `json:"name"`
	NotificationID string                      `json:"notification_id"`
	OperationType  string                      `json:"operation_type"`
	Operations     []officialCTSOp             `json:"operations"`
	OperationUsers []officialCTSUsers          `json:"operation_users"`
	Filter         []officialCTSFilter         `json:"filter"`
	SMNTopic       string                      `json:"smn_topic"`
	Enabled        *bool                       `json:"enabled"`
	Status         string                      `json:"status"`
	AgencyName     string                      `json:"agency_name"`
	CreatedAt      string                      `json:"created_at"`
	Region         string                      `json:"region"`
	Timeouts       *framework.OfficialTimeouts `json:"timeouts"`
}

type officialCTSOp struct {
	Service    string   `json:"service"`
	Resource   string   `json:"resource"`
	TraceNames []string `json:"trace_names"`
}

type officialCTSUsers struct {
	Group string   `json:"group"`
	Users []string `json:"users"`
}

type officialCTSFilter struct {
	Condition string   `json:"condition"`
	Rule      []string `json:"rule"`
}

func (r *ctsNotificationResource) MoveState(context.Context) []resource.StateMover {
	return framework.MoveFrom(ctsNotificationMove, r.stateFromOfficial)
}

func (r *ctsNotificationResource) stateFromOfficial(ctx context.Context, src *officialCTSNotification, resp *resource.MoveStateResponse) any {
	n, ok := src.notification(&resp.Diagnostics)
	if !ok {
		return nil
	}
	ctsNotificationMove.RecordRegion(ctx, resp.TargetPrivate, fmt.Sprintf("CTS notification %q", n.NotificationName), src.Region, &resp.Diagnostics)
	// The state takes the shape a read of the same notification gives;
	// notification_type and project_id are not in the official state and stay
	// null until the refresh that follows the move reads them.
	state, diags := flattenCTSNotification(ctx, n, ctsNotificationModel{Timeouts: framework.MovedTimeouts(src.Timeouts, &resp.Diagnostics)})
	resp.Diagnostics.Append(diags...)
	return state
}

// notification is the official state in wire form, as the CTS list call
// would return it.
func (src officialCTSNotification) notification(diags *diag.Diagnostics) (*hwc.CTSNotification, bool) {
	name := src.Name
	if name == "" {
		name = src.ID // id is the name in the official state
	}
	if !ctsNotificationMove.RequireText("name", name, diags) ||
		!ctsNotificationMove.RequireText("notification_id", src.NotificationID, diags) {
		return nil, false
	}
	status, ok := src.status()
	if !ok {
		diags.AddError(fmt.Sprintf("Cannot move %s into %s: status", ctsNotificationMove.SourceType,
			ctsNotificationMove.TargetType), fmt.Sprintf("The state of CTS notification %q has status = %q; it "+
			"must be %q or %q. Nothing was moved. Run `terraform apply -refresh-only` with the huaweicloud provider "+
			"so it reads the notification again, or remove the moved block and import the notification.", name,
			src.Status, ctsStatusEnabled, ctsStatusDisabled))
		return nil, false
	}
	n := &hwc.CTSNotification{
		NotificationName: name,
		NotificationID:   src.NotificationID,
		OperationType:    src.OperationType,
		TopicID:          src.SMNTopic,
		Status:           status,
		AgencyName:       src.AgencyName,
		CreateTime:       rfc3339ToMillis(src.CreatedAt),
	}
	for _, op := range src.Operations {
		n.Operations = append(n.Operations, hwc.CTSOperation{
			ServiceType: op.Service, ResourceType: op.Resource, TraceNames: op.TraceNames,
		})
	}
	for _, g := range src.OperationUsers {
		n.NotifyUserList = append(n.NotifyUserList, hwc.CTSNotifyUsers{UserGroup: g.Group, UserList: g.Users})
	}
	// The official provider stores "no filter" as [] or as a blank entry
	// ({condition = "", rule = []}); a filter without rules filters nothing.
	if len(src.Filter) > 0 && len(src.Filter[0].Rule) > 0 {
		f := src.Filter[0]
		n.Filter = &hwc.CTSFilter{Condition: f.Condition, IsSupportFilter: true, Rule: f.Rule}
	}
	return n, true
}

// status is what the service last reported; enabled (the argument) stands in
// when the official provider did not store a status.
func (src officialCTSNotification) status() (string, bool) {
	switch src.Status {
	case ctsStatusEnabled, ctsStatusDisabled:
		return src.Status, true
	case "":
		if src.Enabled != nil && !*src.Enabled {
			return ctsStatusDisabled, true
		}
		return ctsStatusEnabled, true
	}
	return "", false
}

// rfc3339ToMillis is the inverse of millisToRFC3339; a value that does not
// parse is 0 (null), which the refresh after the move fills in.
func rfc3339ToMillis(s string) int64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return 0
	}
	return t.UnixMilli()
}
