package csms

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// The data source's result is built as a tftypes.Value directly, not through
// the model struct and tfsdk.State.Set: the framework's reflection costs
// about 20 µs per secret (it re-checks every struct tag of every element)
// and several times the memory, which dominates a plan over thousands of
// secrets. setResults stays as the reference this is tested against. The
// framework's Read uses this value; the protocol server goes one step further
// and writes the same value's wire encoding directly (encodeSecretsState).

// secretsStateTypes are the Terraform types of the data source's state and of
// one element of its secrets list, taken from the schema so they cannot drift.
type secretsStateTypes struct {
	state tftypes.Object
	item  tftypes.Object
}

func secretsStateTypesOf(schemaType tftypes.Type) (secretsStateTypes, error) {
	state, ok := schemaType.(tftypes.Object)
	if !ok {
		return secretsStateTypes{}, fmt.Errorf("state type %s is not an object", schemaType)
	}
	list, ok := state.AttributeTypes["secrets"].(tftypes.List)
	if !ok {
		return secretsStateTypes{}, fmt.Errorf("secrets type %s is not a list", state.AttributeTypes["secrets"])
	}
	item, ok := list.ElementType.(tftypes.Object)
	if !ok {
		return secretsStateTypes{}, fmt.Errorf("secrets element type %s is not an object", list.ElementType)
	}
	return secretsStateTypes{state: state, item: item}, nil
}

var (
	tfStringList = tftypes.List{ElementType: tftypes.String}
	tfStringMap  = tftypes.Map{ElementType: tftypes.String}
	tfNullString = tftypes.NewValue(tftypes.String, nil)
)

// secretsStateValue is the whole state: the configured arguments as given
// (config holds tags, name_match and state) and the results of found.
func secretsStateValue(st secretsStateTypes, config tftypes.Value, found []hwc.ResourceInstance) (tftypes.Value, error) {
	var args map[string]tftypes.Value
	if err := config.As(&args); err != nil {
		return tftypes.Value{}, fmt.Errorf("reading the configuration: %w", err)
	}
	items := make([]tftypes.Value, len(found))
	ids := make([]tftypes.Value, len(found))
	names := make([]tftypes.Value, len(found))
	for i, r := range found {
		id, name := tftypes.NewValue(tftypes.String, r.ID()), tftypes.NewValue(tftypes.String, r.Name())
		items[i], ids[i], names[i] = secretItemValue(st.item, r, id, name), id, name
	}
	return tftypes.NewValue(st.state, map[string]tftypes.Value{
		"tags":        args["tags"],
		"name_match":  args["name_match"],
		"state":       args["state"],
		"secrets":     tftypes.NewValue(st.state.AttributeTypes["secrets"], items),
		"ids":         tftypes.NewValue(tfStringList, ids),
		"names":       tftypes.NewValue(tfStringList, names),
		"total_count": tftypes.NewValue(tftypes.Number, int64(len(found))),
	}), nil
}

// secretItemValue is one element of secrets; it mirrors flattenSecretItem.
func secretItemValue(itemType tftypes.Object, r hwc.ResourceInstance, id, name tftypes.Value) tftypes.Value {
	s := r.Secret
	scheduledDelete := tfNullString
	if s.ScheduledDeleteTime != nil {
		scheduledDelete = millisToRFC3339Value(*s.ScheduledDeleteTime)
	}
	subscriptions := make([]tftypes.Value, len(s.EventSubscriptions))
	for i, e := range s.EventSubscriptions {
		subscriptions[i] = tftypes.NewValue(tftypes.String, e)
	}
	return tftypes.NewValue(itemType, map[string]tftypes.Value{
		"id":                    id,
		"name":                  name,
		"state":                 tftypes.NewValue(tftypes.String, s.State),
		"description":           tftypes.NewValue(tftypes.String, s.Description),
		"kms_key_id":            tftypes.NewValue(tftypes.String, s.KMSKeyID),
		"secret_type":           tftypes.NewValue(tftypes.String, s.SecretType),
		"created_at":            millisToRFC3339Value(s.CreateTime),
		"updated_at":            millisToRFC3339Value(s.UpdateTime),
		"scheduled_delete_time": scheduledDelete,
		"auto_rotation":         tftypes.NewValue(tftypes.Bool, s.AutoRotation),
		"rotation_period":       tftypes.NewValue(tftypes.String, s.RotationPeriod),
		"next_rotation_time":    millisToRFC3339Value(s.NextRotationTime),
		"event_subscriptions":   tftypes.NewValue(tfStringList, subscriptions),
		"enterprise_project_id": tftypes.NewValue(tftypes.String, s.EnterpriseProjectID),
		"tags":                  tagsValue(r.Tags),
		"sys_tags":              tagsValue(r.SysTags),
	})
}

// tagsValue never returns null: a secret without tags has an empty map.
func tagsValue(tags []hwc.Tag) tftypes.Value {
	m := make(map[string]tftypes.Value, len(tags))
	for _, t := range tags {
		m[t.Key] = tftypes.NewValue(tftypes.String, t.Value)
	}
	return tftypes.NewValue(tfStringMap, m)
}

// millisToRFC3339Value is millisToRFC3339 as a tftypes.Value; 0 is null.
func millisToRFC3339Value(ms int64) tftypes.Value {
	if ms == 0 {
		return tfNullString
	}
	return tftypes.NewValue(tftypes.String, time.UnixMilli(ms).UTC().Format(time.RFC3339))
}
