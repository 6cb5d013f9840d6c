package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// identityProjectAttr is the identity attribute every resource here shares:
// objects are scoped to a project, and the provider talks to exactly one.
const identityProjectAttr = "project_id"

// projectIdentity is a resource identity of two strings, the project and the
// key that names the object in it (Terraform 1.12+ stores it next to the
// state and accepts it in `import` blocks). Older Terraform never asks for it;
// the framework still wants it set after every create, read and update.
type projectIdentity struct {
	typeName string // resource type, for messages
	key      string // identity attribute naming the object, e.g. "name"
	keyDesc  string
	// validKey checks an imported key's shape before any API call; keyRule says what is valid.
	validKey func(string) bool
	keyRule  string
}

func (p projectIdentity) schema() identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		identityProjectAttr: identityschema.StringAttribute{
			OptionalForImport: true,
			Description: "Project the object belongs to. Must be the provider's project; defaults to it " +
				"when omitted in an `import` block.",
		},
		p.key: identityschema.StringAttribute{
			RequiredForImport: true,
			Description:       p.keyDesc,
		},
	}}
}

// set records the identity; dst is nil only when Terraform has no identity support.
func (p projectIdentity) set(ctx context.Context, dst *tfsdk.ResourceIdentity, projectID, key string) diag.Diagnostics {
	if dst == nil {
		return nil
	}
	var diags diag.Diagnostics
	diags.Append(dst.SetAttribute(ctx, path.Root(identityProjectAttr), projectID)...)
	diags.Append(dst.SetAttribute(ctx, path.Root(p.key), key)...)
	return diags
}

// importKey returns the key an import asks for: the import ID, or the key of
// an `import` block's identity after checking its project is the provider's.
// ok is false when an error diagnostic was added.
func (p projectIdentity) importKey(ctx context.Context, d *providerData, req resource.ImportStateRequest, diags *diag.Diagnostics) (key string, ok bool) {
	if req.ID != "" || req.Identity == nil {
		return req.ID, true
	}
	var projectID, k types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(identityProjectAttr), &projectID)...)
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(p.key), &k)...)
	if diags.HasError() || !requireConfigured(d, p.typeName, diags) {
		return "", false
	}
	if !p.validKey(k.ValueString()) {
		diags.AddAttributeError(path.Root(p.key), "Invalid import identity",
			fmt.Sprintf("The identity's %s must be %s, got %q.", p.key, p.keyRule, k.ValueString()))
		return "", false
	}
	if want := d.client.ProjectID(); !projectID.IsNull() && projectID.ValueString() != want {
		diags.AddAttributeError(path.Root(identityProjectAttr), "Import identity is for another project",
			fmt.Sprintf("The identity names project %q, but this provider manages project %q, so %s %q cannot "+
				"be imported through it. Import it with a provider configured for project %q (an aliased "+
				"provider block with project_id set, selected by the import block's provider argument), or "+
				"correct the identity's project_id.", projectID.ValueString(), want, p.typeName, k.ValueString(),
				projectID.ValueString()))
		return "", false
	}
	return k.ValueString(), true
}
