package cts

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// validateCTSNotificationConfig checks the rules that span attributes. A value
// that is unknown at plan time (e.g. a topic URN from another resource) is
// skipped: it is not missing, just not known yet.
func validateCTSNotificationConfig(ctx context.Context, cfg ctsNotificationModel, diags *diag.Diagnostics) {
	if !cfg.OperationType.IsUnknown() && !cfg.OperationType.IsNull() {
		switch cfg.OperationType.ValueString() {
		case ctsOperationComplete:
			// No source says the service refuses this pairing: a warning.
			if !cfg.Operations.IsNull() && !cfg.Operations.IsUnknown() {
				diags.AddAttributeWarning(path.Root("operations"), "operations with operation_type complete",
					"operation_type = \"complete\" notifies about every operation, so operations have no effect and "+
						"the service may ignore them. Remove operations, or set operation_type = \"customized\" "+
						"to notify about the listed ones only.")
			}
		case ctsOperationCustomized:
			if cfg.Operations.IsNull() {
				diags.AddAttributeError(path.Root("operations"), "operations required with operation_type customized",
					"operation_type = \"customized\" notifies about the listed operations only, so operations must "+
						"list at least one. Add operations, or set operation_type = \"complete\".")
			}
		}
	}

	enabled := cfg.Enabled.IsNull() || (!cfg.Enabled.IsUnknown() && cfg.Enabled.ValueBool())
	if enabled && cfg.TopicID.IsNull() {
		diags.AddAttributeError(path.Root("topic_id"), "topic_id required when enabled",
			"An enabled notification (enabled defaults to true) needs somewhere to send to: set topic_id to an "+
				"SMN topic URN or a FunctionGraph function URN, or set enabled = false.")
	}

	if n := countServiceTypes(cfg.Operations); n > ctsMaxServices {
		diags.AddAttributeError(path.Root("operations"), "Too many services",
			fmt.Sprintf("operations name %d distinct service types; the service allows at most %d.", n, ctsMaxServices))
	}
	if n := countSetElements(ctx, cfg.Operations, "trace_names"); n > ctsMaxTraceNames {
		diags.AddAttributeError(path.Root("operations"), "Too many trace names",
			fmt.Sprintf("operations list %d trace names in all; the service allows at most %d.", n, ctsMaxTraceNames))
	}
	if n := countSetElements(ctx, cfg.NotifyUsers, "users"); n > ctsMaxUsers {
		diags.AddAttributeError(path.Root("notify_users"), "Too many users",
			fmt.Sprintf("notify_users name %d users in all; the service allows at most %d (in at most %d groups).",
				n, ctsMaxUsers, ctsMaxUserGroups))
	}
}

// countServiceTypes counts the distinct known service_type values of list:
// the limit is 100 services, and several entries may name one service.
func countServiceTypes(list types.List) int {
	if list.IsNull() || list.IsUnknown() {
		return 0
	}
	seen := map[string]bool{}
	for _, elem := range list.Elements() {
		obj, ok := elem.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		if st, ok := obj.Attributes()["service_type"].(types.String); ok && !st.IsNull() && !st.IsUnknown() {
			seen[st.ValueString()] = true
		}
	}
	return len(seen)
}

// countSetElements adds up the known elements of the set attribute attrName
// in every known object of list. Unknown parts can only add to the count, so
// a known total over the limit is already an error.
func countSetElements(_ context.Context, list types.List, attrName string) int {
	if list.IsNull() || list.IsUnknown() {
		return 0
	}
	total := 0
	for _, elem := range list.Elements() {
		obj, ok := elem.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		set, ok := obj.Attributes()[attrName].(types.Set)
		if !ok || set.IsNull() || set.IsUnknown() {
			continue
		}
		total += len(set.Elements())
	}
	return total
}
