package framework

import (
	"context"
	"iter"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
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

// Listed is one object a list resource found.
type Listed struct {
	DisplayName string
	Key         string // the identity's key (name or id)
	// State builds the resource's State; only called when Terraform wants it.
	State func(ctx context.Context) (any, diag.Diagnostics)
}

// ListProducer yields the objects found; it stops when emit returns false and
// returns the error that ended the listing early, if any.
type ListProducer func(ctx context.Context, emit func(Listed) bool) error

// StreamListResults turns a producer into the results stream Terraform reads:
// identities always, state when asked, never more than Terraform's limit, and
// a failed listing as one error result naming what failed.
func StreamListResults(ctx context.Context, req list.ListRequest, id ProjectIdentity, projectID string,
	produce ListProducer, failure string) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		var sent int64
		stopped := false
		err := produce(ctx, func(o Listed) bool {
			if req.Limit > 0 && sent >= req.Limit {
				stopped = true
				return false
			}
			result := req.NewListResult(ctx)
			result.DisplayName = o.DisplayName
			result.Diagnostics.Append(id.Set(ctx, result.Identity, projectID, o.Key)...)
			if req.IncludeResource {
				state, diags := o.State(ctx)
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
			AddAPIError(&diags, failure, err, listRetryHint)
			push(list.ListResult{Diagnostics: diags})
		}
	}
}

// ListResourceBase is the base of list resources: ResourceBase, the identity
// of the listed type (which names the list resource and every result) and the
// description of its schema. A list resource that takes arguments declares its
// own ListResourceConfigSchema.
type ListResourceBase struct {
	ResourceBase
	Identity    ProjectIdentity
	Description string
}

// NewListResourceBase starts the base of the list resource of id's type.
func NewListResourceBase(id ProjectIdentity, description string) ListResourceBase {
	name := strings.TrimPrefix(id.TypeName, ProviderTypeName+"_")
	return ListResourceBase{ResourceBase: NewResourceBase(name), Identity: id, Description: description}
}

// ListResourceConfigSchema is the schema of a list resource without arguments.
func (b *ListResourceBase) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{MarkdownDescription: b.Description}
}

// ListConfigured guards List: false, with the stream set to the error, while
// the provider has not been configured.
func (b *ListResourceBase) ListConfigured(stream *list.ListResultsStream) bool {
	if b.Data == nil {
		stream.Results = NotConfiguredList(b.Identity.TypeName)
		return false
	}
	return true
}

// Stream sets the stream to what produce lists in the provider's project
// (StreamListResults); failure names a listing that fails.
func (b *ListResourceBase) Stream(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, produce ListProducer, failure string) {
	stream.Results = StreamListResults(b.Data.LogContext(ctx), req, b.Identity, b.Data.Client.ProjectID(), produce, failure)
}

// NotConfiguredList is the stream of a list resource used before the provider was configured.
func NotConfiguredList(typeName string) iter.Seq[list.ListResult] {
	var diags diag.Diagnostics
	RequireConfigured(nil, typeName, &diags)
	return list.ListResultsStreamDiagnostics(diags)
}

// NullWriteTimeouts is the `timeouts` of a listed object: not configured.
func NullWriteTimeouts() timeouts.Value {
	return timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)}
}
