package csms

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/tfmsgpack"
)

// The protocol server answers hwcloud_csms_secrets with the state written as
// MessagePack straight from the secrets found. Building the tftypes.Value
// first (secretsStateValue) and letting terraform-plugin-go encode it costs
// a tree of about 30 values per secret and an encoder that grows its buffer
// by doubling: for 10,000 secrets about 170 MB of allocations and most of
// the provider's peak memory. secretsStateValue stays the reference this
// encoding is tested against, and the framework's Read still uses it.

// secretItemWriters writes each attribute of one element of secrets, by name;
// they mirror secretItemValue.
var secretItemWriters = map[string]func(e *secretsEncoder, r *hwc.ResourceInstance){
	"id":                    func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.String(r.ID()) },
	"name":                  func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.String(r.Name()) },
	"state":                 func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.String(r.Secret.State) },
	"description":           func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.String(r.Secret.Description) },
	"kms_key_id":            func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.String(r.Secret.KMSKeyID) },
	"secret_type":           func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.String(r.Secret.SecretType) },
	"created_at":            func(e *secretsEncoder, r *hwc.ResourceInstance) { e.millisTime(r.Secret.CreateTime) },
	"updated_at":            func(e *secretsEncoder, r *hwc.ResourceInstance) { e.millisTime(r.Secret.UpdateTime) },
	"auto_rotation":         func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.Bool(r.Secret.AutoRotation) },
	"rotation_period":       func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.String(r.Secret.RotationPeriod) },
	"next_rotation_time":    func(e *secretsEncoder, r *hwc.ResourceInstance) { e.millisTime(r.Secret.NextRotationTime) },
	"event_subscriptions":   func(e *secretsEncoder, r *hwc.ResourceInstance) { e.stringList(r.Secret.EventSubscriptions) },
	"enterprise_project_id": func(e *secretsEncoder, r *hwc.ResourceInstance) { e.w.String(r.Secret.EnterpriseProjectID) },
	"tags":                  func(e *secretsEncoder, r *hwc.ResourceInstance) { e.tags(r.Tags) },
	"sys_tags":              func(e *secretsEncoder, r *hwc.ResourceInstance) { e.tags(r.SysTags) },
	"scheduled_delete_time": func(e *secretsEncoder, r *hwc.ResourceInstance) {
		if r.Secret.ScheduledDeleteTime == nil {
			e.w.Null()
			return
		}
		e.millisTime(*r.Secret.ScheduledDeleteTime)
	},
}

// secretItemField is one attribute of a secrets element and its writer.
type secretItemField struct {
	name  string
	write func(e *secretsEncoder, r *hwc.ResourceInstance)
}

// secretsEncoder writes one state; scratch is reused to sort each tag list.
type secretsEncoder struct {
	w       *tfmsgpack.Writer
	scratch []hwc.Tag
}

// encodeSecretsState is secretsStateValue encoded as Terraform receives it.
// Attributes other than the results are copied from config, as given.
func encodeSecretsState(st secretsStateTypes, config tftypes.Value, found []hwc.ResourceInstance) ([]byte, error) {
	var args map[string]tftypes.Value
	if err := config.As(&args); err != nil {
		return nil, fmt.Errorf("reading the configuration: %w", err)
	}
	fields, err := secretItemFields(st.item)
	if err != nil {
		return nil, err
	}
	// Each part of the state, in the sorted order objects are written in.
	names := slices.Sorted(maps.Keys(st.state.AttributeTypes))
	parts := make([]func(e *secretsEncoder), len(names))
	for i, name := range names {
		switch name {
		case "secrets":
			parts[i] = func(e *secretsEncoder) { e.secrets(fields, found) }
		case "ids":
			parts[i] = func(e *secretsEncoder) { e.stringsOf(found, hwc.ResourceInstance.ID) }
		case "names":
			parts[i] = func(e *secretsEncoder) { e.stringsOf(found, hwc.ResourceInstance.Name) }
		case "total_count":
			parts[i] = func(e *secretsEncoder) { e.w.Int(int64(len(found))) }
		default:
			arg, ok := args[name]
			if !ok {
				return nil, fmt.Errorf("the configuration has no %q", name)
			}
			encoded, err := tfprotov6.NewDynamicValue(st.state.AttributeTypes[name], arg)
			if err != nil {
				return nil, fmt.Errorf("encoding %s: %w", name, err)
			}
			parts[i] = func(e *secretsEncoder) { e.w.Raw(encoded.MsgPack) }
		}
	}
	return tfmsgpack.Encode(func(w *tfmsgpack.Writer) {
		e := secretsEncoder{w: w}
		w.MapLen(len(names))
		for i, name := range names {
			w.String(name)
			parts[i](&e)
		}
	}), nil
}

// secretItemFields are the writers for the attributes of itemType, sorted by
// name; the schema and secretItemWriters must name the same attributes.
func secretItemFields(itemType tftypes.Object) ([]secretItemField, error) {
	if len(itemType.AttributeTypes) != len(secretItemWriters) {
		return nil, fmt.Errorf("a secrets element has %d attributes, the encoder writes %d",
			len(itemType.AttributeTypes), len(secretItemWriters))
	}
	var fields []secretItemField
	for _, name := range slices.Sorted(maps.Keys(itemType.AttributeTypes)) {
		write, ok := secretItemWriters[name]
		if !ok {
			return nil, fmt.Errorf("the encoder has no writer for secrets attribute %q", name)
		}
		fields = append(fields, secretItemField{name: name, write: write})
	}
	return fields, nil
}

func (e *secretsEncoder) secrets(fields []secretItemField, found []hwc.ResourceInstance) {
	e.w.ArrayLen(len(found))
	for i := range found {
		e.w.MapLen(len(fields))
		for _, f := range fields {
			e.w.String(f.name)
			f.write(e, &found[i])
		}
	}
}

func (e *secretsEncoder) stringsOf(found []hwc.ResourceInstance, of func(hwc.ResourceInstance) string) {
	e.w.ArrayLen(len(found))
	for _, r := range found {
		e.w.String(of(r))
	}
}

func (e *secretsEncoder) stringList(list []string) {
	e.w.ArrayLen(len(list))
	for _, s := range list {
		e.w.String(s)
	}
}

// tags writes a map sorted by key. A repeated key keeps its last value, as
// tagsValue's map does.
func (e *secretsEncoder) tags(tags []hwc.Tag) {
	e.scratch = append(e.scratch[:0], tags...)
	slices.SortStableFunc(e.scratch, func(a, b hwc.Tag) int { return strings.Compare(a.Key, b.Key) })
	unique := e.scratch[:0]
	for i, t := range e.scratch {
		if i+1 < len(e.scratch) && e.scratch[i+1].Key == t.Key {
			continue
		}
		unique = append(unique, t)
	}
	e.w.MapLen(len(unique))
	for _, t := range unique {
		e.w.String(t.Key)
		e.w.String(t.Value)
	}
}

// millisTime is millisToRFC3339Value written directly; 0 is null.
func (e *secretsEncoder) millisTime(ms int64) {
	if ms == 0 {
		e.w.Null()
		return
	}
	var buf [64]byte
	e.w.StringBytes(time.UnixMilli(ms).UTC().AppendFormat(buf[:0], time.RFC3339))
}
