package hwc

import (
	"context"
	"fmt"
	"net/http"
)

// Stages the service manages: the newest version holds StageCurrent unless
// told otherwise, and the version it leaves keeps StagePrevious.
const (
	StageCurrent  = "SYSCURRENT"
	StagePrevious = "SYSPREVIOUS"
)

// UpdateSecretRequest changes a secret's metadata; nil fields are not sent.
// A non-nil, empty EventSubscriptions unsubscribes the secret.
type UpdateSecretRequest struct {
	KMSKeyID           *string   `json:"kms_key_id,omitempty"`
	Description        *string   `json:"description,omitempty"`
	EventSubscriptions *[]string `json:"event_subscriptions,omitempty"`
}

// SecretValue is a secret's content: exactly one of String (text) and
// Binary (base64 of the bytes) is set. It prints as a mask, so a value that
// ends up in a format string or a log field does not leak.
type SecretValue struct {
	String string `json:"secret_string,omitempty"`
	Binary string `json:"secret_binary,omitempty"`
}

// Format masks the value whatever the verb (%v, %+v, %#v, %s).
func (SecretValue) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// CreateSecretVersionRequest stores a new value. Without VersionStages the
// new version takes StageCurrent. ExpireTime (ms, nil: none) is when the
// version expires (SECRET_VERSION_EXPIRED).
type CreateSecretVersionRequest struct {
	Value         SecretValue
	VersionStages []string
	ExpireTime    *int64
}

// VersionMetadata describes a version without its value. Times are ms.
type VersionMetadata struct {
	ID            string   `json:"id"`
	CreateTime    int64    `json:"create_time"`
	ExpireTime    *int64   `json:"expire_time"`
	KMSKeyID      string   `json:"kms_key_id"`
	SecretName    string   `json:"secret_name"`
	VersionStages []string `json:"version_stages"`
}

type versionMetadataAnswer struct {
	VersionMetadata VersionMetadata `json:"version_metadata"`
}

func (a *versionMetadataAnswer) unwrap() *VersionMetadata { return &a.VersionMetadata }

// SecretVersion is a version with its value.
type SecretVersion struct {
	Metadata VersionMetadata
	Value    SecretValue
}

// SecretStage is where a stage label points.
type SecretStage struct {
	Name       string `json:"name"`
	VersionID  string `json:"version_id"`
	SecretName string `json:"secret_name"`
	UpdateTime int64  `json:"update_time"`
}

type stageAnswer struct {
	Stage SecretStage `json:"stage"`
}

func (a *stageAnswer) unwrap() *SecretStage { return &a.Stage }

// UpdateSecret changes metadata (PUT /v1/{project_id}/secrets/{name}); the
// value is changed with CreateSecretVersion.
func (c *Client) UpdateSecret(ctx context.Context, name string, in UpdateSecretRequest) (*Secret, error) {
	return c.secretCall(ctx, http.MethodPut, in, name)
}

// CreateSecretVersion stores a new value of a secret. Being a POST, it is not
// retried when its answer is lost: that could store the value twice.
func (c *Client) CreateSecretVersion(ctx context.Context, secretName string, in CreateSecretVersionRequest) (*VersionMetadata, error) {
	body := struct {
		SecretString  string   `json:"secret_string,omitempty"`
		SecretBinary  string   `json:"secret_binary,omitempty"`
		VersionStages []string `json:"version_stages,omitempty"`
		ExpireTime    *int64   `json:"expire_time,omitempty"`
	}{in.Value.String, in.Value.Binary, in.VersionStages, in.ExpireTime}
	return csmsCall[VersionMetadata, versionMetadataAnswer](ctx, c, http.MethodPost, body, "secrets", secretName, "versions")
}

// UpdateVersion sets when a version expires (PUT
// /v1/{project_id}/secrets/{name}/versions/{version_id} {"expire_time"}, ms).
// The API has no way to remove an expiry: expire_time is its only field,
// mandatory in the current pages and the SDK.
func (c *Client) UpdateVersion(ctx context.Context, secretName, versionID string, expireTime int64) (*VersionMetadata, error) {
	body := struct {
		ExpireTime int64 `json:"expire_time"`
	}{expireTime}
	return csmsCall[VersionMetadata, versionMetadataAnswer](ctx, c, http.MethodPut, body, "secrets", secretName, "versions", versionID)
}

type versionsPage struct {
	Versions []VersionMetadata `json:"version_metadatas"`
	PageInfo PageInfo          `json:"page_info"`
}

func (p *versionsPage) items() ([]VersionMetadata, PageInfo) { return p.Versions, p.PageInfo }

// ListSecretVersions lists one page of version metadata (never values);
// marker is the last version id of the previous page ("" = from the start).
func (c *Client) ListSecretVersions(ctx context.Context, secretName string, limit int, marker string) ([]VersionMetadata, PageInfo, error) {
	return csmsPage[VersionMetadata, versionsPage](ctx, c, pageQuery(limit, marker), "secrets", secretName, "versions")
}

// ShowSecretVersion reads one version with its value: the only call that
// returns a value, and the one that needs decrypt rights.
func (c *Client) ShowSecretVersion(ctx context.Context, secretName, versionID string) (*SecretVersion, error) {
	r, err := c.scoped(ctx, http.MethodGet, c.endpoints.csms, "v1", "secrets", secretName, "versions", versionID)
	if err != nil {
		return nil, err
	}
	var out struct {
		Version struct {
			Metadata VersionMetadata `json:"version_metadata"`
			SecretValue
		} `json:"version"`
	}
	r.out = &out
	if err := c.do(ctx, r); err != nil {
		return nil, err
	}
	return &SecretVersion{Metadata: out.Version.Metadata, Value: out.Version.SecretValue}, nil
}

// ShowSecretStage tells which version a stage labels.
func (c *Client) ShowSecretStage(ctx context.Context, secretName, stage string) (*SecretStage, error) {
	return csmsCall[SecretStage, stageAnswer](ctx, c, http.MethodGet, nil, "secrets", secretName, "stages", stage)
}

// UpdateSecretStage points a stage at a version.
func (c *Client) UpdateSecretStage(ctx context.Context, secretName, stage, versionID string) (*SecretStage, error) {
	body := struct {
		VersionID string `json:"version_id"`
	}{versionID}
	return csmsCall[SecretStage, stageAnswer](ctx, c, http.MethodPut, body, "secrets", secretName, "stages", stage)
}

// DeleteSecretTag removes one tag by key (secret by id, as every tag call).
func (c *Client) DeleteSecretTag(ctx context.Context, secretID, key string) error {
	r, err := c.scoped(ctx, http.MethodDelete, c.endpoints.csms, "v1", "csms", secretID, "tags", key)
	if err != nil {
		return err
	}
	r.expect = []int{http.StatusNoContent, http.StatusOK}
	return c.do(ctx, r)
}
