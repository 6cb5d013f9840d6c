package framework

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Terraform 1.8+ hands a `moved` block whose `from` is another provider's
// resource to the target resource's MoveResourceState. The resources that have
// a counterpart in the official huaweicloud provider accept its state through
// one StateMover built by officialMover: the checks every move needs live
// here, the attribute mapping of each type in its resource file.

const (
	officialProviderNamespace = "huaweicloud"
	officialProviderType      = "huaweicloud"
	// OfficialSchemaVersion is the only schema version the official types
	// have written so far (SDKv2 resources that never changed their shape).
	OfficialSchemaVersion = 0
)

// IsOfficialProvider reports whether addr names the official provider in one
// of the forms Terraform and OpenTofu send: HOST/huaweicloud/huaweicloud on any
// registry host, or the bare type name. NAMESPACE/TYPE without a host is the
// same provider written as in `required_providers`, so it is accepted too.
func IsOfficialProvider(addr string) bool {
	parts := strings.Split(addr, "/")
	switch len(parts) {
	case 1:
		return strings.EqualFold(parts[0], officialProviderType)
	case 2, 3:
		ns, typ := parts[len(parts)-2], parts[len(parts)-1]
		if len(parts) == 3 && !validRegistryHost(parts[0]) {
			return false
		}
		return strings.EqualFold(ns, officialProviderNamespace) && strings.EqualFold(typ, officialProviderType)
	}
	return false
}

// validRegistryHost accepts a host name, optionally with a port; it rejects
// what cannot be a host, so a mangled address is not taken for the official one.
func validRegistryHost(host string) bool {
	if host == "" {
		return false
	}
	for _, r := range host {
		ok := r == '.' || r == '-' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !ok {
			return false
		}
	}
	return true
}

// OfficialMove describes one official type a resource accepts.
type OfficialMove struct {
	SourceType string // e.g. huaweicloud_csms_event
	TargetType string // e.g. hwcloud_csms_event
}

// Check refuses a request that is not for this move: another provider,
// another type, a schema version it does not know, or no JSON state.
func (m OfficialMove) Check(req resource.MoveStateRequest, diags *diag.Diagnostics) bool {
	summary := fmt.Sprintf("Cannot move %s into %s", req.SourceTypeName, m.TargetType)
	if !IsOfficialProvider(req.SourceProviderAddress) {
		diags.AddError(summary, fmt.Sprintf("%s takes moved state only from the official Huawei Cloud provider "+
			"(source huaweicloud/huaweicloud, resource type %s); this state belongs to provider %q.\n\n"+
			"To adopt the object anyway, remove the moved block and import it: see the `terraform import` "+
			"section of the %s documentation.", m.TargetType, m.SourceType, req.SourceProviderAddress, m.TargetType))
		return false
	}
	if req.SourceTypeName != m.SourceType {
		diags.AddError(summary, fmt.Sprintf("%s takes moved state only from %s of the official huaweicloud "+
			"provider, not from %s. Point the moved block's `from` at a %s resource, or remove the moved "+
			"block and import the object.", m.TargetType, m.SourceType, req.SourceTypeName, m.SourceType))
		return false
	}
	if req.SourceSchemaVersion != OfficialSchemaVersion {
		diags.AddError(summary, fmt.Sprintf("The %s state has schema version %d; this provider knows only "+
			"version %d (huaweicloud up to v1.97.1). Nothing was moved. Upgrade the hwcloud provider if a newer "+
			"release knows that version, or remove the moved block and import the object instead.",
			m.SourceType, req.SourceSchemaVersion, OfficialSchemaVersion))
		return false
	}
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		diags.AddError(summary, fmt.Sprintf("Terraform sent no JSON state for the %s object (state in the "+
			"legacy flatmap format cannot be moved). Nothing was moved. Run `terraform apply -refresh-only` "+
			"with the huaweicloud provider first, so it rewrites the state, then plan the move again.",
			m.SourceType))
		return false
	}
	return true
}

// Decode parses the raw state JSON into dst. Attributes dst does not declare
// are ignored (a newer official release may add some); a value of the wrong
// type is an error that names the attribute. Values are never echoed: the
// state may hold hashes of secret values.
func (m OfficialMove) Decode(req resource.MoveStateRequest, dst any, diags *diag.Diagnostics) bool {
	dec := json.NewDecoder(bytes.NewReader(req.SourceRawState.JSON))
	err := dec.Decode(dst)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the state object")
	}
	if err == nil {
		return true
	}
	var typeErr *json.UnmarshalTypeError
	detail := "it is not valid JSON"
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		detail = fmt.Sprintf("attribute %q holds a JSON %s where %s expects %s", typeErr.Field, typeErr.Value,
			m.SourceType, jsonKind(typeErr.Type.Kind().String()))
	case errors.As(err, &typeErr):
		detail = fmt.Sprintf("it is a JSON %s, not an object of attributes", typeErr.Value)
	}
	diags.AddError(fmt.Sprintf("Cannot move %s into %s: the state does not parse", m.SourceType, m.TargetType),
		fmt.Sprintf("The %s state cannot be read: %s. Nothing was moved. Check that the state was written by "+
			"the official huaweicloud provider (run `terraform apply -refresh-only` with it to rewrite it), or "+
			"remove the moved block and import the object instead.", m.SourceType, detail))
	return false
}

// jsonKind names a Go kind the way a Terraform user thinks of the value.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "slice":
		return "a list"
	case "map", "struct":
		return "an object"
	case "int", "int64", "float64":
		return "a number"
	}
	return "another type"
}

// RequireText reports an attribute the move cannot do without.
func (m OfficialMove) RequireText(attr, value string, diags *diag.Diagnostics) bool {
	if strings.TrimSpace(value) != "" {
		return true
	}
	diags.AddError(fmt.Sprintf("Cannot move %s into %s: %s is empty", m.SourceType, m.TargetType, attr),
		fmt.Sprintf("The %s state has no %s, so the object cannot be identified. Nothing was moved. Run "+
			"`terraform apply -refresh-only` with the huaweicloud provider so it reads the object again, or "+
			"remove the moved block and import the object instead.", m.SourceType, attr))
	return false
}

// MovedRegionKey holds, in the private state of a moved object, the region
// the official state named, until the first read checks it.
const MovedRegionKey = "moved_from_official"

// movedRegion is what the mover records and the first read checks.
type movedRegion struct {
	SourceType string `json:"source_type"`
	Object     string `json:"object"` // e.g. CSMS event "x", for the error message
	Region     string `json:"region"`
}

// RecordRegion keeps the official state's region for the first read.
// Terraform moves state before it configures any provider, so the provider's
// region is not known here; the refresh right after the move runs with it and
// refuses the move there, before anything is saved. A null region (the
// official provider's default) cannot be checked: the refresh reads the
// object in this provider's region.
func (m OfficialMove) RecordRegion(ctx context.Context, private PrivateSetter, object, region string, diags *diag.Diagnostics) {
	if region == "" {
		return
	}
	value, err := json.Marshal(movedRegion{SourceType: m.SourceType, Object: object, Region: region})
	if err != nil {
		diags.AddError("Cannot record the region of the moved object", err.Error())
		return
	}
	diags.Append(private.SetKey(ctx, MovedRegionKey, value)...)
}

// CheckMovedRegion is the first read's half of recordRegion: false, with an
// error naming the attribute and the fix, when the moved object is in another
// region than the provider's. Once the region is confirmed the record goes.
func CheckMovedRegion(ctx context.Context, data *ProviderData, get PrivateGetter, set PrivateSetter, targetType string, diags *diag.Diagnostics) bool {
	raw, d := get.GetKey(ctx, MovedRegionKey)
	diags.Append(d...)
	if d.HasError() {
		return false
	}
	if len(raw) == 0 {
		return true
	}
	var moved movedRegion
	if err := json.Unmarshal(raw, &moved); err != nil {
		diags.AddError("Unreadable private state", fmt.Sprintf("The record of a move into %s cannot be read (%s). "+
			"This is a bug in the provider; please report it.", targetType, err))
		return false
	}
	if moved.Region == data.Region {
		d := set.SetKey(ctx, MovedRegionKey, nil)
		diags.Append(d...)
		return !d.HasError()
	}
	summary := fmt.Sprintf("Cannot move %s into %s: region", moved.SourceType, targetType)
	fix := fmt.Sprintf("Declare one hwcloud provider configuration per region and point the moved resource at "+
		"the one for %[1]s:\n\n"+
		"  provider \"hwcloud\" {\n    alias  = %[2]q\n    region = %[1]q\n  }\n\n"+
		"  resource %[3]q \"...\" {\n    provider = hwcloud.%[2]s\n    ...\n  }", moved.Region,
		strings.ReplaceAll(moved.Region, "-", "_"), targetType)
	if data.Region == "" {
		diags.AddError(summary, fmt.Sprintf("The %s state of %s has region = %q, but this hwcloud provider has no "+
			"region set (only endpoints), so it cannot tell whether the object is in reach. Nothing was moved: "+
			"set region = %q in the provider configuration.\n\n%s", moved.SourceType, moved.Object, moved.Region,
			moved.Region, fix))
		return false
	}
	diags.AddError(summary, fmt.Sprintf("The %s state of %s has region = %q, but this hwcloud provider "+
		"configuration manages region %q: the object would be looked for in the wrong region. Nothing was "+
		"moved.\n\n%s", moved.SourceType, moved.Object, moved.Region, data.Region, fix))
	return false
}

// OfficialTimeouts is the official provider's `timeouts` block (SDKv2), null when unset.
type OfficialTimeouts struct {
	Create *string `json:"create"`
	Update *string `json:"update"`
	Delete *string `json:"delete"`
}

// timeoutsAttrTypes are the attributes of every resource's `timeouts`.
var timeoutsAttrTypes = map[string]attr.Type{
	"create": types.StringType,
	"update": types.StringType,
	"delete": types.StringType,
}

// MovedTimeouts carries the official timeouts over: they mean the same here,
// and a configuration that keeps them then plans no change.
func MovedTimeouts(t *OfficialTimeouts, diags *diag.Diagnostics) timeouts.Value {
	if t == nil || t.Create == nil && t.Update == nil && t.Delete == nil {
		return timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)}
	}
	obj, d := types.ObjectValue(timeoutsAttrTypes, map[string]attr.Value{
		"create": types.StringPointerValue(t.Create),
		"update": types.StringPointerValue(t.Update),
		"delete": types.StringPointerValue(t.Delete),
	})
	diags.Append(d...)
	return timeouts.Value{Object: obj}
}

// MoveFrom is the one state mover of a resource that accepts m's official
// type: it checks the request, decodes the official state into an S and hands
// it to convert, whose result (nil, or anything after an error, is dropped)
// becomes the target state. convert records the region (RecordRegion) and
// reports what it cannot move.
func MoveFrom[S any](m OfficialMove, convert func(ctx context.Context, src *S, resp *resource.MoveStateResponse) any) []resource.StateMover {
	return []resource.StateMover{{StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		var src S
		if !m.Check(req, &resp.Diagnostics) || !m.Decode(req, &src, &resp.Diagnostics) {
			return
		}
		state := convert(ctx, &src, resp)
		if state == nil || resp.Diagnostics.HasError() {
			return
		}
		resp.Diagnostics.Append(resp.TargetState.Set(ctx, state)...)
	}}}
}
