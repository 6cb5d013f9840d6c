package officialprovider

import (
	"context"
	"crypto/sha1" //nolint:gosec // the official provider's own choice, reproduced for its state shape
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// csmsSecret is huaweicloud_csms_secret: id = "<secret_id>/<name>", and
// secret_text / secret_binary hold the SHA-1 hex of the current value, read
// back on every refresh. The official provider turns the configured value
// into its hash at plan time, which only its legacy SDK may do; the stand-in
// therefore takes existing secrets by import only, and its read writes the
// hash exactly as the official one does.
type csmsSecret struct{ base }

type csmsSecretModel struct {
	ID                  types.String `tfsdk:"id"`
	Region              types.String `tfsdk:"region"`
	Name                types.String `tfsdk:"name"`
	SecretText          types.String `tfsdk:"secret_text"`
	SecretBinary        types.String `tfsdk:"secret_binary"`
	ExpireTime          types.Int64  `tfsdk:"expire_time"`
	KMSKeyID            types.String `tfsdk:"kms_key_id"`
	Description         types.String `tfsdk:"description"`
	SecretType          types.String `tfsdk:"secret_type"`
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	EventSubscriptions  types.Set    `tfsdk:"event_subscriptions"`
	Tags                types.Map    `tfsdk:"tags"`
	SecretID            types.String `tfsdk:"secret_id"`
	LatestVersion       types.String `tfsdk:"latest_version"`
	VersionStages       types.List   `tfsdk:"version_stages"`
	Status              types.String `tfsdk:"status"`
	CreateTime          types.String `tfsdk:"create_time"`
}

func (r *csmsSecret) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optional := func() schema.StringAttribute { return schema.StringAttribute{Optional: true, Computed: true} }
	computed := func() schema.StringAttribute { return schema.StringAttribute{Computed: true} }
	hash := schema.StringAttribute{Optional: true, Computed: true, Sensitive: true}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":                    computed(),
		"region":                optional(),
		"name":                  schema.StringAttribute{Required: true},
		"secret_text":           hash,
		"secret_binary":         hash,
		"expire_time":           schema.Int64Attribute{Optional: true, Computed: true},
		"kms_key_id":            optional(),
		"description":           optional(),
		"secret_type":           optional(),
		"enterprise_project_id": optional(),
		"event_subscriptions":   schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType},
		"tags":                  schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType},
		"secret_id":             computed(),
		"latest_version":        computed(),
		"version_stages":        schema.ListAttribute{Computed: true, ElementType: types.StringType},
		"status":                computed(),
		"create_time":           computed(),
	}}
}

func (r *csmsSecret) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("Not supported by the stand-in",
		"The huaweicloud_csms_secret stand-in takes existing secrets by import only.")
}

func (r *csmsSecret) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

func (r *csmsSecret) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m csmsSecretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	id, name, ok := strings.Cut(m.ID.ValueString(), "/")
	if !ok {
		resp.Diagnostics.AddError("invalid ID", "want '<secret_id>/<name>'")
		return
	}
	c := r.conf.client
	s, err := c.ShowSecret(ctx, name)
	if errors.Is(err, hwc.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("error retrieving CSMS secret", err.Error())
		return
	}
	stage, err := c.ShowSecretStage(ctx, name, hwc.StageCurrent)
	if err != nil {
		resp.Diagnostics.AddError("error retrieving CSMS secret versions", err.Error())
		return
	}
	version, err := c.ShowSecretVersion(ctx, name, stage.VersionID)
	if err != nil {
		resp.Diagnostics.AddError("error retrieving CSMS secret version", err.Error())
		return
	}
	tags, _, err := c.ListSecretTags(ctx, id)
	if err != nil {
		resp.Diagnostics.AddError("error retrieving CSMS secret tags", err.Error())
		return
	}
	tagMap := map[string]string{}
	for _, t := range tags {
		tagMap[t.Key] = t.Value
	}
	diags := &resp.Diagnostics
	m.Region = r.regionOr(m.Region)
	m.Name = types.StringValue(s.Name)
	m.SecretID = types.StringValue(s.ID)
	m.KMSKeyID = types.StringValue(s.KMSKeyID)
	m.Description = types.StringValue(s.Description)
	m.Status = types.StringValue(s.State)
	m.CreateTime = types.StringValue(time.UnixMilli(s.CreateTime).UTC().Format("2006-01-02 15:04:05 MST"))
	m.SecretType = types.StringValue(s.SecretType)
	m.EnterpriseProjectID = types.StringValue(s.EnterpriseProjectID)
	subs, d := types.SetValueFrom(ctx, types.StringType, nonNil(s.EventSubscriptions))
	diags.Append(d...)
	m.EventSubscriptions = subs
	m.SecretText = hashOf(version.Value.String)
	m.SecretBinary = hashOf(version.Value.Binary)
	m.ExpireTime = types.Int64Value(0)
	if e := version.Metadata.ExpireTime; e != nil {
		m.ExpireTime = types.Int64Value(*e)
	}
	m.LatestVersion = types.StringValue(version.Metadata.ID)
	m.VersionStages = listOf(ctx, version.Metadata.VersionStages, diags)
	tagValue, d := types.MapValueFrom(ctx, types.StringType, tagMap)
	diags.Append(d...)
	m.Tags = tagValue
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// hashOf is the official HashAndHexEncode; an empty value stays empty.
func hashOf(v string) types.String {
	if v == "" {
		return types.StringValue("")
	}
	sum := sha1.Sum([]byte(v)) //nolint:gosec // see the import
	return types.StringValue(hex.EncodeToString(sum[:]))
}

func (r *csmsSecret) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
