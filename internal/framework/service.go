package framework

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ServiceTypes is what a service package registers with the provider: the
// constructors of its types, by kind.
type ServiceTypes struct {
	Resources          []func() resource.Resource
	DataSources        []func() datasource.DataSource
	EphemeralResources []func() ephemeral.EphemeralResource
	// ListResources serve `terraform query` (Terraform 1.14+); each shares the
	// name of the managed resource whose objects it lists.
	ListResources []func() list.ListResource
	// Actions are invoked by Terraform 1.14+ (`-invoke`, `action_trigger`).
	Actions []func() action.Action
}
