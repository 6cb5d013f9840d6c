package framework

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// IdentityProjectAttr is the identity attribute every resource here shares:
// objects are scoped to a project, and the provider talks to exactly one.
const IdentityProjectAttr = "project_id"

// ProjectIdentity is a resource identity of two strings, the project and the
// key that names the object in it (Terraform 1.12+ stores it next to the
// state and accepts it in `import` blocks). Older Terraform never asks for it;
// the framework still wants it set after every create, read and update.
type ProjectIdentity struct {
	TypeName string // resource type, for messages
	Key      string // identity attribute naming the object, e.g. "name"
	KeyDesc  string
	// ValidKey checks an imported key's shape before any API call; keyRule says what is valid.
	ValidKey func(string) bool
	KeyRule  string
}

func (p ProjectIdentity) Schema() identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		IdentityProjectAttr: identityschema.StringAttribute{
			OptionalForImport: true,
			Description: "Project the object belongs to. Must be the provider's project; defaults to it " +
				"when omitted in an `import` block.",
		},
		p.Key: identityschema.StringAttribute{
			RequiredForImport: true,
			Description:       p.KeyDesc,
		},
	}}
}

// Set records the identity; dst is nil only when Terraform has no identity support.
func (p ProjectIdentity) Set(ctx context.Context, dst *tfsdk.ResourceIdentity, projectID, key string) diag.Diagnostics {
	if dst == nil {
		return nil
	}
	var diags diag.Diagnostics
	diags.Append(dst.SetAttribute(ctx, path.Root(IdentityProjectAttr), projectID)...)
	diags.Append(dst.SetAttribute(ctx, path.Root(p.Key), key)...)
	return diags
}

// ImportKey returns the key an import asks for: the import ID, or the key of
// an `import` block's identity after checking its project is the provider's.
// ok is false when an error diagnostic was added.
func (p ProjectIdentity) ImportKey(ctx context.Context, d *ProviderData, req resource.ImportStateRequest, diags *diag.Diagnostics) (key string, ok bool) {
	if req.ID != "" || req.Identity == nil {
		return req.ID, true
	}
	var projectID, k types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(IdentityProjectAttr), &projectID)...)
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(p.Key), &k)...)
	if diags.HasError() || !RequireConfigured(d, p.TypeName, diags) {
		return "", false
	}
	if !p.ValidKey(k.ValueString()) {
		diags.AddAttributeError(path.Root(p.Key), "Invalid import identity",
			fmt.Sprintf("The identity's %s must be %s, got %q.", p.Key, p.KeyRule, k.ValueString()))
		return "", false
	}
	if want := d.Client.ProjectID(); !projectID.IsNull() && projectID.ValueString() != want {
		diags.AddAttributeError(path.Root(IdentityProjectAttr), "Import identity is for another project",
			fmt.Sprintf("The identity names project %q, but this provider manages project %q, so %s %q cannot "+
				"be imported through it. Import it with a provider configured for project %q (an aliased "+
				"provider block with project_id set, selected by the import block's provider argument), or "+
				"correct the identity's project_id.", projectID.ValueString(), want, p.TypeName, k.ValueString(),
				projectID.ValueString()))
		return "", false
	}
	return k.ValueString(), true
}

// IdentifiedResourceBase is the base of a resource with a project identity:
// ResourceBase, the identity schema the framework asks for, and the identity
// its CRUD records and its import reads.
type IdentifiedResourceBase struct {
	ResourceBase
	Identity ProjectIdentity
}

// NewIdentifiedResourceBase starts the base of resource name with identity id.
func NewIdentifiedResourceBase(name string, id ProjectIdentity) IdentifiedResourceBase {
	return IdentifiedResourceBase{ResourceBase: NewResourceBase(name), Identity: id}
}

func (b *IdentifiedResourceBase) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = b.Identity.Schema()
}

// SetIdentity records the identity of the object named key in the provider's project.
func (b *IdentifiedResourceBase) SetIdentity(ctx context.Context, dst *tfsdk.ResourceIdentity, key string) diag.Diagnostics {
	return b.Identity.Set(ctx, dst, b.Data.Client.ProjectID(), key)
}

// ImportKey is the key an import asks for (see ProjectIdentity.ImportKey).
func (b *IdentifiedResourceBase) ImportKey(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (string, bool) {
	return b.Identity.ImportKey(ctx, b.Data, req, diags)
}

// ImportByKey is the ImportState of a resource whose import ID is its
// identity's key, which is also its id (what names the type in the error,
// e.g. "CSMS event"): the key is checked before any API call. It reports
// whether the state was started.
func (b *IdentifiedResourceBase) ImportByKey(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, what string) bool {
	key, ok := b.ImportKey(ctx, req, &resp.Diagnostics)
	if !ok {
		return false
	}
	if !b.Identity.ValidKey(key) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Import a %s by its %s (%s), got %q.", what, b.Identity.Key, b.Identity.KeyRule, key))
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), key)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(b.Identity.Key), key)...)
	return true
}

// StartRead begins the Read of the object named key: it checks the region of
// an object moved in from the official provider, then records the identity
// (the framework wants one even when Read removes the resource). The context
// it returns carries the client's logging scope; ok is false when the read
// ends there.
func (b *IdentifiedResourceBase) StartRead(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, key string) (context.Context, bool) {
	if !CheckMovedRegion(ctx, b.Data, req.Private, resp.Private, b.TypeName(), &resp.Diagnostics) {
		return ctx, false
	}
	ctx = b.Data.LogContext(ctx)
	resp.Diagnostics.Append(b.SetIdentity(ctx, resp.Identity, key)...)
	return ctx, true
}

// ReadFound finds the object a Read refreshes, with the grace a fresh create
// gets (FindWithCreateGrace). An object that no longer exists leaves the
// state, logged as what (e.g. "CSMS event") with fields; another failure is an
// error with summary. ok says whether the read goes on with the object.
func ReadFound[T any](ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, find func(context.Context) (T, error),
	what string, fields map[string]any, summary string) (found T, ok bool) {
	found, err := FindWithCreateGrace(ctx, req.Private, resp.Private, find)
	if errors.Is(err, hwc.ErrNotFound) {
		tflog.Warn(ctx, what+" no longer exists; removing it from state", fields)
		resp.State.RemoveResource(ctx)
		return found, false
	}
	if err != nil {
		AddAPIError(&resp.Diagnostics, summary, err,
			"Nothing was changed. If the error is temporary (throttling, a server error), run the command again.")
		return found, false
	}
	return found, true
}
