package csms

import (
	"context"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// csmsSecretModel is the state of hwcloud_csms_secret. The write-only values
// are part of the configuration only: in plan and state they are always null.
type csmsSecretModel struct {
	ID                    types.String   `tfsdk:"id"`
	Name                  types.String   `tfsdk:"name"`
	Description           types.String   `tfsdk:"description"`
	KMSKeyID              types.String   `tfsdk:"kms_key_id"`
	SecretType            types.String   `tfsdk:"secret_type"`
	Tags                  types.Map      `tfsdk:"tags"`
	TagsAll               types.Map      `tfsdk:"tags_all"`
	EventSubscriptions    types.Set      `tfsdk:"event_subscriptions"`
	EnterpriseProjectID   types.String   `tfsdk:"enterprise_project_id"`
	SecretStringWO        types.String   `tfsdk:"secret_string_wo"`
	SecretBinaryWO        types.String   `tfsdk:"secret_binary_wo"`
	SecretWOVersion       types.Int64    `tfsdk:"secret_wo_version"`
	RecoveryWindowDays    types.Int64    `tfsdk:"recovery_window_days"`
	DeleteWithoutRecovery types.Bool     `tfsdk:"delete_without_recovery"`
	SecretID              types.String   `tfsdk:"secret_id"`
	State                 types.String   `tfsdk:"state"`
	LatestVersionID       types.String   `tfsdk:"latest_version_id"`
	ExpiresAt             types.String   `tfsdk:"expires_at"`
	CreatedAt             types.String   `tfsdk:"created_at"`
	UpdatedAt             types.String   `tfsdk:"updated_at"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
}

// csmsSecretFound is everything a refresh learns about a secret, without its
// value: the metadata, the user tags, the version SYSCURRENT labels and when
// that version expires (ms, nil: never).
type csmsSecretFound struct {
	Secret            hwc.Secret
	Tags              map[string]string
	CurrentVersionID  string
	CurrentExpireTime *int64
}

// findCSMSSecret reads a secret by name in three metadata calls (ShowSecret,
// ListSecretTags, and ListSecretVersions for the current version and its
// expiry); it never asks for a value, so planning needs no decrypt rights. A missing secret is hwc.ErrNotFound; a secret
// pending deletion is returned as it is (its State says so).
func findCSMSSecret(ctx context.Context, client *hwc.Client, name string) (*csmsSecretFound, error) {
	return findSecretWith(ctx, client, name, func(ctx context.Context) (secretMeta, error) {
		return readSecretMeta(ctx, client, name)
	})
}

// currentVersion finds the version that holds SYSCURRENT, with its expiry,
// in the version metadata list: one call for a secret's usual handful of
// versions, where ShowSecretStage would name the version without its expiry.
// A list without SYSCURRENT (a stage moved meanwhile) asks ShowSecretStage and
// reports no expiry, which the next refresh reads.
func currentVersion(ctx context.Context, client *hwc.Client, name string) (id string, expire *int64, err error) {
	for v, err := range client.AllSecretVersions(ctx, name, 0) {
		if err != nil {
			return "", nil, err
		}
		if slices.Contains(v.VersionStages, hwc.StageCurrent) {
			return v.ID, v.ExpireTime, nil
		}
	}
	stage, err := client.ShowSecretStage(ctx, name, hwc.StageCurrent)
	if err != nil {
		return "", nil, err
	}
	return stage.VersionID, nil, nil
}

// expiresAtMillis converts expires_at (RFC 3339, whole seconds) to the API's
// milliseconds; null is nil.
func expiresAtMillis(v types.String) (*int64, error) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v.ValueString())
	if err != nil {
		return nil, err
	}
	ms := t.Truncate(time.Second).UnixMilli()
	return &ms, nil
}

// expiresAtValue is the API's expire_time as expires_at: RFC 3339 in UTC,
// whole seconds (a sub-second part is dropped, so it never causes a diff);
// nil or 0 (the official provider's "none") is null.
func expiresAtValue(ms *int64) types.String {
	if ms == nil || *ms <= 0 {
		return types.StringNull()
	}
	return framework.MillisToRFC3339(*ms)
}

// setFromService fills every attribute the service knows from f; the
// Terraform-side settings (write-only version, deletion settings, timeouts)
// are kept as they are. The reported tags are split by the provider's tag
// policy (framework.TagPolicy.Split): tags_all is every tag but the ignored
// ones, tags what m.Tags had configured plus whatever is not a default as
// the defaults say.
func (m *csmsSecretModel) setFromService(ctx context.Context, f *csmsSecretFound, policy framework.TagPolicy) diag.Diagnostics {
	var diags diag.Diagnostics
	configured, d := stringMap(ctx, m.Tags)
	diags.Append(d...)
	s := f.Secret
	m.ID = types.StringValue(s.Name)
	m.Name = types.StringValue(s.Name)
	m.Description = types.StringValue(s.Description)
	m.KMSKeyID = types.StringValue(s.KMSKeyID)
	m.SecretType = types.StringValue(s.SecretType)
	m.EnterpriseProjectID = types.StringValue(s.EnterpriseProjectID)
	m.SecretID = types.StringValue(s.ID)
	m.State = types.StringValue(s.State)
	m.LatestVersionID = types.StringValue(f.CurrentVersionID)
	if f.CurrentVersionID == "" {
		m.LatestVersionID = types.StringNull()
	}
	m.ExpiresAt = expiresAtValue(f.CurrentExpireTime)
	m.CreatedAt = framework.MillisToRFC3339(s.CreateTime)
	m.UpdatedAt = framework.MillisToRFC3339(s.UpdateTime)
	m.SecretStringWO = types.StringNull()
	m.SecretBinaryWO = types.StringNull()

	tags, all := policy.Split(f.Tags, configured)
	tagsValue, d := types.MapValueFrom(ctx, types.StringType, tags)
	diags.Append(d...)
	m.Tags = tagsValue
	allValue, d := types.MapValueFrom(ctx, types.StringType, all)
	diags.Append(d...)
	m.TagsAll = allValue
	subs := s.EventSubscriptions
	if subs == nil {
		subs = []string{}
	}
	events, d := types.SetValueFrom(ctx, types.StringType, subs)
	diags.Append(d...)
	m.EventSubscriptions = events
	return diags
}

// value is the configured write-only value, as the API takes it.
func (m csmsSecretModel) value() hwc.SecretValue {
	return hwc.SecretValue{String: m.SecretStringWO.ValueString(), Binary: m.SecretBinaryWO.ValueString()}
}

// createRequest is the CreateSecret body. An enterprise project the plan does
// not know (not configured) is defaultEP, the provider's ("": the service's default).
func (m csmsSecretModel) createRequest(ctx context.Context, value hwc.SecretValue, defaultEP string) (hwc.CreateSecretRequest, diag.Diagnostics) {
	subs, diags := framework.SortedStrings(ctx, m.EventSubscriptions)
	ep := defaultEP
	if !m.EnterpriseProjectID.IsNull() && !m.EnterpriseProjectID.IsUnknown() {
		ep = m.EnterpriseProjectID.ValueString()
	}
	return hwc.CreateSecretRequest{
		Name:                m.Name.ValueString(),
		SecretString:        value.String,
		SecretBinary:        value.Binary,
		Description:         m.Description.ValueString(),
		KMSKeyID:            m.KMSKeyID.ValueString(), // empty while unknown: the service picks its default
		SecretType:          m.SecretType.ValueString(),
		EventSubscriptions:  subs,
		EnterpriseProjectID: ep,
	}, diags
}

// metadataUpdate is the UpdateSecret body for what differs between plan and
// state; changed is false when nothing does.
func metadataUpdate(ctx context.Context, plan, state csmsSecretModel) (body hwc.UpdateSecretRequest, changed bool, diags diag.Diagnostics) {
	if !plan.Description.Equal(state.Description) {
		body.Description, changed = plan.Description.ValueStringPointer(), true
	}
	if !plan.KMSKeyID.IsUnknown() && !plan.KMSKeyID.Equal(state.KMSKeyID) {
		body.KMSKeyID, changed = plan.KMSKeyID.ValueStringPointer(), true
	}
	if !plan.EventSubscriptions.Equal(state.EventSubscriptions) {
		subs, d := framework.SortedStrings(ctx, plan.EventSubscriptions)
		diags.Append(d...)
		if subs == nil {
			subs = []string{}
		}
		body.EventSubscriptions, changed = &subs, true
	}
	return body, changed, diags
}

// tagDiff splits the move from state tags to plan tags (tags_all: what is
// sent, ignored keys already left out) into the tags to (over)write and the
// keys to delete, both sorted by key.
func tagDiff(ctx context.Context, plan, state types.Map) (upsert, remove []hwc.Tag, diags diag.Diagnostics) {
	want, d := stringMap(ctx, plan)
	diags.Append(d...)
	have, d := stringMap(ctx, state)
	diags.Append(d...)
	for k, v := range want {
		if old, ok := have[k]; !ok || old != v {
			upsert = append(upsert, hwc.Tag{Key: k, Value: v})
		}
	}
	for k, v := range have {
		if _, ok := want[k]; !ok {
			remove = append(remove, hwc.Tag{Key: k, Value: v})
		}
	}
	byKey := func(a, b hwc.Tag) int {
		if a.Key < b.Key {
			return -1
		}
		if a.Key > b.Key {
			return 1
		}
		return 0
	}
	slices.SortFunc(upsert, byKey)
	slices.SortFunc(remove, byKey)
	return upsert, remove, diags
}

func stringMap(ctx context.Context, v types.Map) (map[string]string, diag.Diagnostics) {
	out := map[string]string{}
	if v.IsNull() || v.IsUnknown() {
		return out, nil
	}
	diags := v.ElementsAs(ctx, &out, false)
	return out, diags
}
