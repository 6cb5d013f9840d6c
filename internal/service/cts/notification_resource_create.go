package cts

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// create posts the notification. createWithRecovery resolves a lost answer
// by looking the name up: the object is adopted when it is exactly what was
// sent, so a retry neither orphans nor duplicates it.
func (r *ctsNotificationResource) create(ctx context.Context, want ctsSettings) (*hwc.CTSNotification, error) {
	var searchTypes []string // both
	if t := notificationTypeOf(want.TopicID); t != "" {
		searchTypes = []string{t}
	}
	lookup := func(ctx context.Context) (*hwc.CTSNotification, bool, error) {
		found, err := hwc.FindCTSNotificationsByName(ctx, r.Data.Client, want.Name, searchTypes...)
		if err != nil || len(found) == 0 {
			return nil, false, err
		}
		return &found[0], true, nil // names are unique in a project
	}
	return framework.CreateWithRecovery(ctx, framework.CreateOp[*hwc.CTSNotification]{
		Create: func(ctx context.Context) (*hwc.CTSNotification, error) {
			return r.Data.Client.CreateCTSNotification(ctx, want.createRequest())
		},
		Lookup:      lookup,
		Matches:     want.matches,
		Object:      fmt.Sprintf("CTS notification %q", want.Name),
		Import:      ctsNotificationImportCommand(want.Name),
		Retry:       r.Data.CreateRetry,
		IsDuplicate: func(err error) bool { return hwc.IsCode(err, ctsErrNameExists) },
	})
}

// CTS error codes with a specific explanation (documented, all HTTP 400).
const (
	ctsErrInvalidOperations = "CTS.0401"
	ctsErrNameExists        = "CTS.0400"
	ctsErrTopicMissing      = "CTS.0402"
	ctsErrStateSetting      = "CTS.0404"
	ctsErrQuota             = "CTS.0407"
)

// addCTSNotificationError reports a failed create or update: what happened
// (prefix), the API's answer, and what to do about it.
func addCTSNotificationError(diags *diag.Diagnostics, summary string, err error, want ctsSettings, prefix string) {
	var hint string
	switch {
	case hwc.IsCode(err, ctsErrNameExists):
		summary = fmt.Sprintf("CTS notification %q already exists", want.Name)
		hint = fmt.Sprintf("A CTS key-event notification named %q already exists in this project. To manage it "+
			"with Terraform, import it:\n\n  %s\n\nor choose another name.", want.Name,
			ctsNotificationImportCommand(want.Name))
	case hwc.IsCode(err, ctsErrTopicMissing):
		hint = fmt.Sprintf("The SMN topic %s does not exist in this project. Create the topic (or correct "+
			"topic_id), then run terraform apply again.", want.TopicID)
	case hwc.IsCode(err, ctsErrStateSetting):
		hint = fmt.Sprintf("The service could not send to topic_id %s. Check that the SMN topic or FunctionGraph "+
			"function exists and that CTS may use it (agency_name = \"cts_admin_trust\" lets the service create "+
			"the agency it needs), then run terraform apply again.", want.TopicID)
	case hwc.IsCode(err, ctsErrQuota):
		hint = "The project's quota of CTS key-event notifications is used up. Delete notifications that are no " +
			"longer needed, or ask Huawei Cloud for a higher quota, then run terraform apply again."
	case hwc.IsCode(err, ctsErrInvalidOperations):
		hint = "The service rejected operations: check each service_type, resource_type and trace_names against " +
			"the services and operations CTS supports, then run terraform apply again."
	default:
		hint = "Fix the cause above and run terraform apply again. If it was temporary (throttling, a server " +
			"error), just run it again: a notification that was created anyway is found by name and adopted, " +
			"never duplicated."
	}
	framework.AddAPIError(diags, summary, err, prefix+hint)
}
