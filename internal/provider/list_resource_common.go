package provider

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// List resources back `terraform query` (Terraform 1.14+): each lists the
// objects of one managed resource type with their identities and, when
// Terraform asks for it (-generate-config-out), their full state, from which
// Terraform writes configuration and import blocks. Older Terraform never
// calls them.

// listRetryHint ends the error of a listing that failed.
const listRetryHint = "Nothing was listed. If the error is temporary (throttling, a server error), run terraform " +
	"query again."

// listed is one object a list resource found.
type listed struct {
	displayName string
	key         string // the identity's key (name or id)
	// state builds the resource's state; only called when Terraform wants it.
	state func(ctx context.Context) (any, diag.Diagnostics)
}

// listProducer yields the objects found; it stops when emit returns false and
// returns the error that ended the listing early, if any.
type listProducer func(ctx context.Context, emit func(listed) bool) error

// streamListResults turns a producer into the results stream Terraform reads:
// identities always, state when asked, never more than Terraform's limit, and
// a failed listing as one error result naming what failed.
func streamListResults(ctx context.Context, req list.ListRequest, id projectIdentity, projectID string,
	produce listProducer, failure string) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		var sent int64
		stopped := false
		err := produce(ctx, func(o listed) bool {
			if req.Limit > 0 && sent >= req.Limit {
				stopped = true
				return false
			}
			result := req.NewListResult(ctx)
			result.DisplayName = o.displayName
			result.Diagnostics.Append(id.set(ctx, result.Identity, projectID, o.key)...)
			if req.IncludeResource {
				state, diags := o.state(ctx)
				result.Diagnostics.Append(diags...)
				result.Diagnostics.Append(result.Resource.Set(ctx, state)...)
			}
			sent++
			if !push(result) {
				stopped = true
				return false
			}
			return true
		})
		if err != nil && !stopped {
			var diags diag.Diagnostics
			addAPIError(&diags, failure, err, listRetryHint)
			push(list.ListResult{Diagnostics: diags})
		}
	}
}

// notConfiguredList is the stream of a list resource used before the provider was configured.
func notConfiguredList(typeName string) iter.Seq[list.ListResult] {
	var diags diag.Diagnostics
	requireConfigured(nil, typeName, &diags)
	return list.ListResultsStreamDiagnostics(diags)
}

// nullWriteTimeouts is the `timeouts` of a listed object: not configured.
func nullWriteTimeouts() timeouts.Value {
	return timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
		"create": types.StringType, "update": types.StringType, "delete": types.StringType,
	})}
}
