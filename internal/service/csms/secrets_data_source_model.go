package csms

import (
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

type csmsSecretsDataSourceModel struct {
	Tags       map[string][]string   `tfsdk:"tags"`
	NameMatch  types.String          `tfsdk:"name_match"`
	State      types.String          `tfsdk:"state"`
	Secrets    []csmsSecretItemModel `tfsdk:"secrets"`
	IDs        []string              `tfsdk:"ids"`
	Names      []string              `tfsdk:"names"`
	TotalCount types.Int64           `tfsdk:"total_count"`
}

type csmsSecretItemModel struct {
	ID                  types.String      `tfsdk:"id"`
	Name                types.String      `tfsdk:"name"`
	State               types.String      `tfsdk:"state"`
	Description         types.String      `tfsdk:"description"`
	KMSKeyID            types.String      `tfsdk:"kms_key_id"`
	SecretType          types.String      `tfsdk:"secret_type"`
	CreatedAt           types.String      `tfsdk:"created_at"`
	UpdatedAt           types.String      `tfsdk:"updated_at"`
	ScheduledDeleteTime types.String      `tfsdk:"scheduled_delete_time"`
	AutoRotation        types.Bool        `tfsdk:"auto_rotation"`
	RotationPeriod      types.String      `tfsdk:"rotation_period"`
	NextRotationTime    types.String      `tfsdk:"next_rotation_time"`
	EventSubscriptions  []string          `tfsdk:"event_subscriptions"`
	EnterpriseProjectID types.String      `tfsdk:"enterprise_project_id"`
	Tags                map[string]string `tfsdk:"tags"`
	SysTags             map[string]string `tfsdk:"sys_tags"`
}

// query turns the configuration into the API search. Tag keys are sorted so
// the request is the same on every run; an empty value list is sent as [] (any value).
func (m csmsSecretsDataSourceModel) query() secretsQuery {
	q := secretsQuery{NameMatch: m.NameMatch.ValueString(), State: m.State.ValueString()}
	keys := make([]string, 0, len(m.Tags))
	for k := range m.Tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		q.Tags = append(q.Tags, hwc.TagFilter{Key: k, Values: append([]string{}, m.Tags[k]...)})
	}
	return q
}
