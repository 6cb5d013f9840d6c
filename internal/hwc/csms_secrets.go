package hwc

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// Secret is a CSMS secret's metadata; its value is never
// returned by these calls. Times are milliseconds since the epoch;
// ScheduledDeleteTime is nil unless the secret is pending deletion.
type Secret struct {
	ID                  string   `json:"id"`
	Name                string   `json:"name"`
	State               string   `json:"state"`
	KMSKeyID            string   `json:"kms_key_id"`
	Description         string   `json:"description"`
	CreateTime          int64    `json:"create_time"`
	UpdateTime          int64    `json:"update_time"`
	ScheduledDeleteTime *int64   `json:"scheduled_delete_time"`
	SecretType          string   `json:"secret_type"`
	AutoRotation        bool     `json:"auto_rotation"`
	RotationPeriod      string   `json:"rotation_period"`
	RotationConfig      string   `json:"rotation_config"`
	RotationTime        int64    `json:"rotation_time"`
	NextRotationTime    int64    `json:"next_rotation_time"`
	EventSubscriptions  []string `json:"event_subscriptions"`
	EnterpriseProjectID string   `json:"enterprise_project_id"`
	RotationFuncURN     string   `json:"rotation_func_urn"`
}

// CreateSecretRequest is the create body: Name and one of SecretString or
// SecretBinary are required; empty optionals are not sent.
type CreateSecretRequest struct {
	Name                string   `json:"name"`
	SecretString        string   `json:"secret_string,omitempty"`
	SecretBinary        string   `json:"secret_binary,omitempty"`
	Description         string   `json:"description,omitempty"`
	KMSKeyID            string   `json:"kms_key_id,omitempty"`
	SecretType          string   `json:"secret_type,omitempty"`
	EventSubscriptions  []string `json:"event_subscriptions,omitempty"`
	EnterpriseProjectID string   `json:"enterprise_project_id,omitempty"`
}

// Tag is a secret's tag; an empty value is a valid value and is always sent.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// TagFilter selects secrets whose tag Key has one of Values; no values
// matches any value of the key.
type TagFilter struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
}

// ListResourceInstancesRequest is a tag-filtered secret query. Limit 0 and
// Offset 0 leave the service defaults (10 and 0). Tags are ANDed across keys;
// NameMatches are fuzzy name matches, ANDed.
type ListResourceInstancesRequest struct {
	Limit, Offset int
	Tags          []TagFilter
	NameMatches   []string
}

// ResourceInstance is one secret found by ListResourceInstances.
type ResourceInstance struct {
	ResourceID   string `json:"resource_id"`
	ResourceName string `json:"resource_name"`
	Secret       Secret `json:"resource_detail"`
	Tags         []Tag  `json:"tags"`
	SysTags      []Tag  `json:"sys_tags"`
}

type secretAnswer struct {
	Secret Secret `json:"secret"`
}

func (a *secretAnswer) unwrap() *Secret { return &a.Secret }

// secretCall sends body (nil: none) to v1/{project_id}/secrets/… and returns
// the secret the service answers with.
func (c *Client) secretCall(ctx context.Context, method string, body any, segments ...string) (*Secret, error) {
	return csmsCall[Secret, secretAnswer](ctx, c, method, body, append([]string{"secrets"}, segments...)...)
}

// CreateSecret creates a secret (POST /v1/{project_id}/secrets).
func (c *Client) CreateSecret(ctx context.Context, in CreateSecretRequest) (*Secret, error) {
	return c.secretCall(ctx, http.MethodPost, in)
}

// ShowSecret reads a secret's metadata by name; a missing secret is ErrNotFound.
func (c *Client) ShowSecret(ctx context.Context, name string) (*Secret, error) {
	return c.secretCall(ctx, http.MethodGet, nil, name)
}

type secretsPage struct {
	Secrets  []Secret `json:"secrets"`
	PageInfo PageInfo `json:"page_info"`
}

func (p *secretsPage) items() ([]Secret, PageInfo) { return p.Secrets, p.PageInfo }

// ListSecrets lists one page of secrets, only those subscribed to eventName
// when it is set. limit 0 and marker "" leave the service defaults.
func (c *Client) ListSecrets(ctx context.Context, limit int, marker, eventName string) ([]Secret, PageInfo, error) {
	params := pageQuery(limit, marker)
	if eventName != "" {
		params.Set("event_name", eventName)
	}
	return csmsPage[Secret, secretsPage](ctx, c, params, "secrets")
}

// DeleteSecret deletes a secret immediately, without a recovery window.
func (c *Client) DeleteSecret(ctx context.Context, name string) error {
	r, err := c.scoped(ctx, http.MethodDelete, c.endpoints.csms, "v1", "secrets", name)
	if err != nil {
		return err
	}
	r.expect = []int{http.StatusNoContent, http.StatusOK}
	return c.do(ctx, r)
}

// ScheduleSecretDeletion puts a secret in PENDING_DELETE for
// recoveryWindowDays (7 to 30, checked by the service).
func (c *Client) ScheduleSecretDeletion(ctx context.Context, name string, recoveryWindowDays int) (*Secret, error) {
	body := struct {
		RecoveryWindowInDays int `json:"recovery_window_in_days"`
	}{recoveryWindowDays}
	return c.secretCall(ctx, http.MethodPost, body, name, "scheduled-deleted-tasks", "create")
}

// RestoreSecret cancels a scheduled deletion; the service refuses (CSMS.0108)
// unless the secret is PENDING_DELETE.
func (c *Client) RestoreSecret(ctx context.Context, name string) (*Secret, error) {
	return c.secretCall(ctx, http.MethodPost, nil, name, "scheduled-deleted-tasks", "cancel")
}

// CreateSecretTag adds (or overwrites) one tag. Tag calls take the secret's
// id, not its name.
func (c *Client) CreateSecretTag(ctx context.Context, secretID string, tag Tag) error {
	r, err := c.scoped(ctx, http.MethodPost, c.endpoints.csms, "v1", "csms", secretID, "tags")
	if err != nil {
		return err
	}
	r.body = struct {
		Tag Tag `json:"tag"`
	}{tag}
	r.expect = []int{http.StatusNoContent, http.StatusOK}
	return c.do(ctx, r)
}

// Actions of BatchSecretTags.
const (
	TagActionCreate = "create"
	TagActionDelete = "delete"
)

// BatchSecretTags adds or deletes several tags of a secret (by id) at once;
// action is TagActionCreate or TagActionDelete.
func (c *Client) BatchSecretTags(ctx context.Context, secretID, action string, tags []Tag) error {
	if action != TagActionCreate && action != TagActionDelete {
		return fmt.Errorf("hwc: tag action must be %q or %q, got %q", TagActionCreate, TagActionDelete, action)
	}
	r, err := c.scoped(ctx, http.MethodPost, c.endpoints.csms, "v1", "csms", secretID, "tags", "action")
	if err != nil {
		return err
	}
	if tags == nil {
		tags = []Tag{}
	}
	r.body = struct {
		Action string `json:"action"`
		Tags   []Tag  `json:"tags"`
	}{action, tags}
	r.expect = []int{http.StatusNoContent, http.StatusOK}
	return c.do(ctx, r)
}

// ListSecretTags returns a secret's user tags and system tags.
func (c *Client) ListSecretTags(ctx context.Context, secretID string) (tags, sysTags []Tag, err error) {
	r, err := c.scoped(ctx, http.MethodGet, c.endpoints.csms, "v1", "csms", secretID, "tags")
	if err != nil {
		return nil, nil, err
	}
	var out struct {
		Tags    []Tag `json:"tags"`
		SysTags []Tag `json:"sys_tags"`
	}
	r.out = &out
	if err := c.do(ctx, r); err != nil {
		return nil, nil, err
	}
	return out.Tags, out.SysTags, nil
}

// resourceInstancesBody is the wire form of a resource-instance query: limit
// and offset travel as JSON strings, as the official model has them.
type resourceInstancesBody struct {
	Action  string      `json:"action"`
	Limit   string      `json:"limit,omitempty"`
	Offset  string      `json:"offset,omitempty"`
	Tags    []TagFilter `json:"tags,omitempty"`
	Matches []nameMatch `json:"matches,omitempty"`
}

type nameMatch struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

func newResourceInstancesBody(action string, tags []TagFilter, names []string) resourceInstancesBody {
	b := resourceInstancesBody{Action: action}
	for _, t := range tags {
		if t.Values == nil {
			t.Values = []string{} // "any value" is an empty list, not null
		}
		b.Tags = append(b.Tags, t)
	}
	for _, n := range names {
		b.Matches = append(b.Matches, nameMatch{Key: "resource_name", Value: n})
	}
	return b
}

// ListResourceInstances runs a tag-filtered query (action "filter") and
// returns one page plus the total number of matches.
func (c *Client) ListResourceInstances(ctx context.Context, in ListResourceInstancesRequest) (resources []ResourceInstance, totalCount int, err error) {
	body := newResourceInstancesBody("filter", in.Tags, in.NameMatches)
	if in.Limit > 0 {
		body.Limit = strconv.Itoa(in.Limit)
	}
	if in.Offset > 0 {
		body.Offset = strconv.Itoa(in.Offset)
	}
	out, err := c.resourceInstances(ctx, body)
	if err != nil {
		return nil, 0, err
	}
	return out.Resources, out.TotalCount, nil
}

// CountResourceInstances counts the secrets a query matches (action "count").
func (c *Client) CountResourceInstances(ctx context.Context, tags []TagFilter, nameMatches []string) (int, error) {
	out, err := c.resourceInstances(ctx, newResourceInstancesBody("count", tags, nameMatches))
	if err != nil {
		return 0, err
	}
	return out.TotalCount, nil
}

type resourceInstancesResult struct {
	Resources  []ResourceInstance `json:"resources"`
	TotalCount int                `json:"total_count"`
}

func (c *Client) resourceInstances(ctx context.Context, body resourceInstancesBody) (resourceInstancesResult, error) {
	var out resourceInstancesResult
	r, err := c.scoped(ctx, http.MethodPost, c.endpoints.csms, "v1", "csms", "resource_instances", "action")
	if err != nil {
		return out, err
	}
	r.body, r.out, r.readOnly = body, &out, true
	err = c.do(ctx, r)
	return out, err
}
