package framework

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// MillisToRFC3339 turns the API's millisecond timestamps into RFC 3339 UTC; 0 is null.
func MillisToRFC3339(ms int64) types.String {
	if ms == 0 {
		return types.StringNull()
	}
	return types.StringValue(time.UnixMilli(ms).UTC().Format(time.RFC3339))
}

// AddAPIError reports a failed call with what was attempted and the API's own
// code, message and request id (carried by hwc.APIError's message).
func AddAPIError(diags *diag.Diagnostics, summary string, err error, hint string) {
	detail := err.Error()
	var apiErr *hwc.APIError
	if errors.As(err, &apiErr) && apiErr.RequestID == "" {
		detail += " (no request id returned)"
	}
	if hint != "" {
		detail = fmt.Sprintf("%s\n\n%s", detail, hint)
	}
	diags.AddError(summary, detail)
}

// SortedStrings reads a set of strings, sorted so that requests and
// comparisons do not depend on the set's order; nil while it is null or
// unknown.
func SortedStrings(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	if set.IsNull() || set.IsUnknown() {
		return nil, nil
	}
	var out []string
	diags := set.ElementsAs(ctx, &out, false)
	slices.Sort(out)
	return out, diags
}
