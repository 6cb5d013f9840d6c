package csms

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// csmsSecretResource manages a CSMS secret's metadata and writes its value
// (write-only) without ever reading it back.
type csmsSecretResource struct {
	framework.IdentifiedResourceBase
}

// NewCSMSSecretResource is the constructor the provider registers.
func NewCSMSSecretResource() resource.Resource {
	return &csmsSecretResource{IdentifiedResourceBase: framework.NewIdentifiedResourceBase("csms_secret", csmsSecretIdentity)}
}

// csmsSecretIdentity: CSMS keys secrets by name within a project.
var csmsSecretIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_csms_secret",
	Key:      "name",
	KeyDesc:  "Secret name, unique in the project.",
	ValidKey: patterns.CSMSSecretName.MatchString,
	KeyRule:  csmsSecretNameRule,
}

// listedCSMSSecretState is the state of a secret found by the list resource:
// what an import starts from (deletion settings at their defaults, no value
// handle yet) filled with the listing's metadata and tags. The value is never
// listed, so configuration generated from it still needs one.
func listedCSMSSecretState(ctx context.Context, r hwc.ResourceInstance, policy framework.TagPolicy) (any, diag.Diagnostics) {
	m := csmsSecretModel{
		SecretWOVersion:       types.Int64Null(),
		RecoveryWindowDays:    types.Int64Value(csmsSecretMinRecoveryDays),
		DeleteWithoutRecovery: types.BoolValue(false),
		Timeouts:              framework.NullWriteTimeouts(),
	}
	diags := m.setFromService(ctx, &csmsSecretFound{Secret: r.Secret, Tags: tagsToMap(r.Tags)}, policy)
	return m, diags
}

func (r *csmsSecretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config csmsSecretModel
	if !r.Ready(&resp.Diagnostics, req.Plan.Get(ctx, &plan), req.Config.Get(ctx, &config)) {
		return
	}
	ctx, cancel := r.WriteContext(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	body, diags := plan.createRequest(ctx, config.value(), r.Data.EnterpriseProjectID)
	resp.Diagnostics.Append(diags...)
	// tags_all is what is sent: the provider's default tags and these, without the ignored keys.
	upsert, _, diags := tagDiff(ctx, plan.TagsAll, types.MapNull(types.StringType))
	resp.Diagnostics.Append(diags...)
	expire := r.plannedExpiry(plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	secretBatcher(r.Data).Invalidate(body.Name)
	s, err := r.create(ctx, body)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot create CSMS secret %q", body.Name), err,
			"Check the settings the error names. If the name is taken by a secret pending deletion, restore "+
				"it (hwcloud_csms_secret_restore) and import it, or choose another name.")
		return
	}
	// From here on the secret exists: whatever fails, it is saved to state, never orphaned.
	found := &csmsSecretFound{Secret: *s, Tags: map[string]string{}}
	var stepErr error
	if len(upsert) > 0 {
		if stepErr = r.Data.Client.BatchSecretTags(ctx, s.ID, hwc.TagActionCreate, upsert); stepErr == nil {
			found.Tags = tagsToMap(upsert)
		}
	}
	if stepErr == nil {
		var stage *hwc.SecretStage
		if stage, stepErr = r.Data.Client.ShowSecretStage(ctx, s.Name, hwc.StageCurrent); stepErr == nil {
			found.CurrentVersionID = stage.VersionID
		}
	}
	// CreateSecret takes no expiry (SDK CreateSecretRequestBody): the first version gets it by UpdateVersion.
	if stepErr == nil && expire != nil {
		var v *hwc.VersionMetadata
		if v, stepErr = r.Data.Client.UpdateVersion(ctx, s.Name, found.CurrentVersionID, *expire); stepErr == nil {
			found.CurrentExpireTime = v.ExpireTime
		}
	}
	r.saveState(ctx, &resp.State, &resp.Diagnostics, plan, found)
	resp.Diagnostics.Append(r.SetIdentity(ctx, resp.Identity, s.Name)...)
	resp.Diagnostics.Append(framework.MarkCreated(ctx, resp.Private)...)
	if stepErr != nil {
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("CSMS secret %q was created, but setting it up failed", s.Name),
			stepErr, "The secret is saved in the state. Run terraform apply again to finish (its tags and "+
				"expiry are applied then).")
	}
}

func (r *csmsSecretResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state csmsSecretModel
	if !r.Ready(&resp.Diagnostics, req.State.Get(ctx, &state)) {
		return
	}
	name := state.ID.ValueString()
	ctx, ok := r.StartRead(ctx, req, resp, name)
	if !ok {
		return
	}
	client := r.Data.Client
	meta := secretBatcher(r.Data).Finder(name, func(ctx context.Context) (secretMeta, error) { return readSecretMeta(ctx, client, name) })
	found, ok := framework.ReadFound(ctx, req, resp, func(ctx context.Context) (*csmsSecretFound, error) {
		return findSecretWith(ctx, client, name, meta)
	}, "CSMS secret", map[string]any{"name": name}, fmt.Sprintf("Cannot read CSMS secret %q", name))
	if !ok {
		return
	}
	if found.Secret.State == secretStatePendingDelete {
		// Scheduled for deletion outside Terraform: it is as good as gone, and the plan should say so.
		resp.Diagnostics.AddWarning(fmt.Sprintf("CSMS secret %q is pending deletion", name),
			"The secret was scheduled for deletion outside Terraform, so it is removed from the state. To keep "+
				"it, restore it with hwcloud_csms_secret_restore (or the console) and import it again; "+
				"otherwise creating it again fails until the deletion completes or the name changes.")
		resp.State.RemoveResource(ctx)
		return
	}
	r.saveState(ctx, &resp.State, &resp.Diagnostics, state, found)
}

func (r *csmsSecretResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config csmsSecretModel
	if !r.Ready(&resp.Diagnostics, req.Plan.Get(ctx, &plan), req.State.Get(ctx, &state), req.Config.Get(ctx, &config)) {
		return
	}
	// Every path that saves state needs one; a rename is a replacement.
	resp.Diagnostics.Append(r.SetIdentity(ctx, resp.Identity, state.ID.ValueString())...)
	meta, metaChanged, diags := metadataUpdate(ctx, plan, state)
	resp.Diagnostics.Append(diags...)
	upsert, remove, diags := tagDiff(ctx, plan.TagsAll, state.TagsAll)
	resp.Diagnostics.Append(diags...)
	// A null prior version is an import: the value is already there, so it is not sent again.
	newValue := !state.SecretWOVersion.IsNull() && !plan.SecretWOVersion.Equal(state.SecretWOVersion)
	expire := r.plannedExpiry(plan, &resp.Diagnostics)
	// Without a new version, a changed expiry is set on the current one (removing one needs a new version: the plan says so).
	expiryChanged := !newValue && expire != nil && !plan.ExpiresAt.Equal(state.ExpiresAt)
	ctx, cancel := r.WriteContext(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	name := state.ID.ValueString()
	client := r.Data.Client
	secretBatcher(r.Data).Invalidate(name)
	// Each step that succeeds is reflected in what is saved, so a failure
	// half-way leaves a state that says what is really there.
	saved := state
	saved.Timeouts, saved.SecretWOVersion = plan.Timeouts, plan.SecretWOVersion
	saved.RecoveryWindowDays, saved.DeleteWithoutRecovery = plan.RecoveryWindowDays, plan.DeleteWithoutRecovery
	if newValue {
		saved.SecretWOVersion = state.SecretWOVersion
	}
	sent := false
	fail := func(what string, err error) {
		resp.Diagnostics.Append(resp.State.Set(ctx, saved)...)
		hint := "What succeeded before this step is saved in the state. Fix the cause and run terraform apply again."
		if errors.Is(err, hwc.ErrNotFound) {
			hint = "The secret was deleted outside Terraform. Run terraform apply again: the refresh notices " +
				"it is gone and plans to create it."
		}
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot %s of CSMS secret %q", what, name), err, hint)
	}

	if metaChanged {
		s, err := client.UpdateSecret(ctx, name, meta)
		if err != nil {
			fail("update the settings", err)
			return
		}
		sent = true
		saved.Description, saved.KMSKeyID = types.StringValue(s.Description), types.StringValue(s.KMSKeyID)
		saved.EventSubscriptions = plan.EventSubscriptions
	}
	if len(remove) > 0 {
		if err := client.BatchSecretTags(ctx, state.SecretID.ValueString(), hwc.TagActionDelete, remove); err != nil {
			fail("remove tags", err)
			return
		}
		sent = true
	}
	if len(upsert) > 0 {
		if err := client.BatchSecretTags(ctx, state.SecretID.ValueString(), hwc.TagActionCreate, upsert); err != nil {
			saved.Tags, saved.TagsAll = tagsWithout(ctx, state.Tags, remove), tagsWithout(ctx, state.TagsAll, remove)
			fail("set tags", err)
			return
		}
		sent = true
	}
	saved.Tags, saved.TagsAll = plan.Tags, plan.TagsAll
	if newValue {
		v, err := client.CreateSecretVersion(ctx, name, hwc.CreateSecretVersionRequest{Value: config.value(), ExpireTime: expire})
		if err != nil {
			fail("store a new value", err)
			return
		}
		sent = true
		saved.SecretWOVersion = plan.SecretWOVersion
		saved.LatestVersionID = types.StringValue(v.ID)
		saved.ExpiresAt = expiresAtValue(v.ExpireTime)
	}
	if expiryChanged {
		v, err := client.UpdateVersion(ctx, name, state.LatestVersionID.ValueString(), *expire)
		if err != nil {
			fail("set the expiry of the current version", err)
			return
		}
		sent = true
		saved.ExpiresAt = expiresAtValue(v.ExpireTime)
	}
	if sent {
		// The writes changed update_time (and the answers do not all carry it): read the metadata once.
		found, err := findCSMSSecret(ctx, client, name)
		if err != nil {
			fail("read back the changes", err)
			return
		}
		r.saveState(ctx, &resp.State, &resp.Diagnostics, saved, found)
		resp.Diagnostics.Append(framework.MarkCreated(ctx, resp.Private)...)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, saved)...)
}

func (r *csmsSecretResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state csmsSecretModel
	if !r.Ready(&resp.Diagnostics, req.State.Get(ctx, &state)) {
		return
	}
	ctx, cancel := r.WriteContext(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	subs, d := framework.SortedStrings(ctx, state.EventSubscriptions)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	secretBatcher(r.Data).Invalidate(state.ID.ValueString())
	if err := deleteCSMSSecret(ctx, r.Data.Client, state.ID.ValueString(), len(subs) > 0,
		state.DeleteWithoutRecovery.ValueBool(), state.RecoveryWindowDays.ValueInt64()); err != nil {
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot delete CSMS secret %q", state.ID.ValueString()), err,
			"The secret still exists. Fix the cause above and run terraform destroy (or apply) again.")
	}
}

// deleteCSMSSecret unsubscribes the secret from its event first (a secret
// pending deletion still subscribes, and the event could not be deleted in
// the same run), then schedules its deletion, or deletes it at once. A secret
// that is already gone or pending deletion counts as deleted.
func deleteCSMSSecret(ctx context.Context, client *hwc.Client, name string, subscribed, immediately bool, windowDays int64) error {
	if subscribed {
		none := []string{}
		_, err := client.UpdateSecret(ctx, name, hwc.UpdateSecretRequest{EventSubscriptions: &none})
		switch {
		case errors.Is(err, hwc.ErrNotFound):
			return nil
		case err != nil && !isPendingDeletion(err):
			return fmt.Errorf("unsubscribing it from its event before the deletion: %w", err)
		}
	}
	var err error
	if immediately {
		err = client.DeleteSecret(ctx, name)
	} else {
		_, err = client.ScheduleSecretDeletion(ctx, name, int(windowDays))
	}
	if err == nil || errors.Is(err, hwc.ErrNotFound) || isPendingDeletion(err) && !immediately {
		return nil
	}
	return err
}

// isPendingDeletion recognises the refusals of a change to a secret pending deletion.
func isPendingDeletion(err error) bool {
	return hwc.IsCode(err, "CSMS.0103") || hwc.IsCode(err, "CSMS.0107")
}

func (r *csmsSecretResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.ImportByKey(ctx, req, resp, "CSMS secret") {
		return
	}
	// The deletion settings start at their defaults; secret_wo_version stays
	// null until the first apply records it (without sending a value).
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("recovery_window_days"), int64(csmsSecretMinRecoveryDays))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("delete_without_recovery"), false)...)
}

// plannedExpiry is expires_at in the API's milliseconds (nil: none); the
// validator has already checked its form.
func (r *csmsSecretResource) plannedExpiry(plan csmsSecretModel, diags *diag.Diagnostics) *int64 {
	ms, err := expiresAtMillis(plan.ExpiresAt)
	if err != nil {
		diags.AddAttributeError(path.Root("expires_at"), "Invalid expiry time", err.Error())
	}
	return ms
}

// saveState writes base, refreshed with what the service reported.
func (r *csmsSecretResource) saveState(ctx context.Context, st *tfsdk.State, diags *diag.Diagnostics, base csmsSecretModel, found *csmsSecretFound) {
	diags.Append(base.setFromService(ctx, found, r.Data.TagPolicy())...)
	diags.Append(st.Set(ctx, base)...)
}

// create posts the secret; a lost answer is resolved by createWithRecovery,
// which adopts a secret with this name and these settings. The value cannot
// be compared (it is never read back), so the metadata has to do.
func (r *csmsSecretResource) create(ctx context.Context, body hwc.CreateSecretRequest) (*hwc.Secret, error) {
	client := r.Data.Client
	return framework.CreateWithRecovery(ctx, framework.CreateOp[*hwc.Secret]{
		Create: func(ctx context.Context) (*hwc.Secret, error) { return client.CreateSecret(ctx, body) },
		Lookup: func(ctx context.Context) (*hwc.Secret, bool, error) {
			s, err := client.ShowSecret(ctx, body.Name)
			if errors.Is(err, hwc.ErrNotFound) {
				return nil, false, nil
			}
			return s, err == nil, err
		},
		Matches: func(s *hwc.Secret) bool { return secretMatches(s, body) },
		Object:  fmt.Sprintf("CSMS secret %q", body.Name),
		Import:  fmt.Sprintf("terraform import hwcloud_csms_secret.<name> %s", body.Name),
		Retry:   r.Data.CreateRetry,
		// The duplicate-name code is undocumented: after an ambiguous attempt,
		// a refusal of the body accepted before means the name is taken.
		IsDuplicate: hwc.IsRefused,
	})
}

func secretMatches(s *hwc.Secret, body hwc.CreateSecretRequest) bool {
	if s.State == secretStatePendingDelete || s.Description != body.Description ||
		body.KMSKeyID != "" && s.KMSKeyID != body.KMSKeyID ||
		body.EnterpriseProjectID != "" && s.EnterpriseProjectID != body.EnterpriseProjectID ||
		len(s.EventSubscriptions) != len(body.EventSubscriptions) {
		return false
	}
	for i, ev := range body.EventSubscriptions {
		if s.EventSubscriptions[i] != ev {
			return false
		}
	}
	return true
}

// tagsWithout is m without the removed keys (what is left after a delete succeeded).
func tagsWithout(ctx context.Context, m types.Map, removed []hwc.Tag) types.Map {
	kv, _ := stringMap(ctx, m)
	for _, t := range removed {
		delete(kv, t.Key)
	}
	out, _ := types.MapValueFrom(ctx, types.StringType, kv)
	return out
}

// csmsSecretMove is the move from the official provider's type: a `moved` block's state
// becomes the model a read of the same object gives.
var csmsSecretMove = framework.OfficialMove{SourceType: "huaweicloud_csms_secret", TargetType: "hwcloud_csms_secret"}

// officialCSMSSecret is huaweicloud_csms_secret as the official provider
// stores it: id = "<secret_id>/<name>", `status` for the state, create_time
// as "2006-01-02 15:04:05 UTC". Its secret_text and secret_binary hold a SHA-1
// of the value: they are deliberately not declared here, so they are never
// even decoded, let alone carried into a state that promises no trace of the
// value.
type officialCSMSSecret struct {
	ID                  string            `json:"id"`
	Name                string            `json:"name"`
	SecretID            string            `json:"secret_id"`
	Description         string            `json:"description"`
	KMSKeyID            string            `json:"kms_key_id"`
	SecretType          string            `json:"secret_type"`
	EnterpriseProjectID string            `json:"enterprise_project_id"`
	EventSubscriptions  []string          `json:"event_subscriptions"`
	Tags                map[string]string `json:"tags"`
	Status              string            `json:"status"`
	CreateTime          string            `json:"create_time"`
	Region              string            `json:"region"`
	// ExpireTime is the current version's expiry in ms; 0 is none.
	ExpireTime int64 `json:"expire_time"`
}

func (r *csmsSecretResource) MoveState(context.Context) []resource.StateMover {
	return framework.MoveFrom(csmsSecretMove, r.stateFromOfficial)
}

func (r *csmsSecretResource) stateFromOfficial(ctx context.Context, src *officialCSMSSecret, resp *resource.MoveStateResponse) any {
	secret, tags, ok := src.secret(&resp.Diagnostics)
	if !ok {
		return nil
	}
	csmsSecretMove.RecordRegion(ctx, resp.TargetPrivate, fmt.Sprintf("CSMS secret %q", secret.Name), src.Region,
		&resp.Diagnostics)
	// The Terraform-side settings start at their schema defaults, so a
	// configuration that leaves them out plans no change. secret_wo_version = 1
	// stands for the value the secret holds now: no value is sent until the
	// configuration changes it.
	m := csmsSecretModel{
		SecretWOVersion:       types.Int64Value(1),
		RecoveryWindowDays:    types.Int64Value(csmsSecretMinRecoveryDays),
		DeleteWithoutRecovery: types.BoolValue(false),
		Timeouts:              framework.MovedTimeouts(nil, &resp.Diagnostics),
	}
	// latest_version_id and updated_at are not in the official state: the
	// refresh after the move reads them. Its expire_time becomes expires_at.
	var expire *int64
	if src.ExpireTime > 0 {
		expire = &src.ExpireTime
	}
	resp.Diagnostics.Append(m.setFromService(ctx, &csmsSecretFound{Secret: *secret, Tags: tags, CurrentExpireTime: expire}, r.Data.TagPolicy())...)
	return m
}

// officialCreateTimeLayout is how the official provider prints create_time.
const officialCreateTimeLayout = "2006-01-02 15:04:05 MST"

// secret is the official state in wire form, as ShowSecret would return it,
// with the user tags. What the official state lacks (update time, the
// SYSCURRENT version) stays zero for the refresh after the move to read.
func (src officialCSMSSecret) secret(diags *diag.Diagnostics) (*hwc.Secret, map[string]string, bool) {
	// id is "<secret_id>/<name>": either half stands in for a missing attribute.
	idSecret, idName, _ := strings.Cut(src.ID, "/")
	name, secretID := src.Name, src.SecretID
	if name == "" {
		name = idName
	}
	if secretID == "" {
		secretID = idSecret
	}
	if !csmsSecretMove.RequireText("name", name, diags) {
		return nil, nil, false
	}
	if !patterns.CSMSSecretName.MatchString(name) {
		diags.AddError(fmt.Sprintf("Cannot move %s into %s: name", csmsSecretMove.SourceType, csmsSecretMove.TargetType),
			fmt.Sprintf("The secret's name %q is not a valid CSMS secret name (%s). Nothing was moved.",
				name, csmsSecretNameRule))
		return nil, nil, false
	}
	s := &hwc.Secret{
		ID:                  secretID,
		Name:                name,
		State:               src.Status,
		KMSKeyID:            src.KMSKeyID,
		Description:         src.Description,
		SecretType:          src.SecretType,
		EnterpriseProjectID: src.EnterpriseProjectID,
		EventSubscriptions:  src.EventSubscriptions,
	}
	if t, err := time.Parse(officialCreateTimeLayout, src.CreateTime); err == nil {
		s.CreateTime = t.UnixMilli()
	}
	tags := src.Tags
	if tags == nil {
		tags = map[string]string{}
	}
	return s, tags, true
}
