package hwc

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const versionJSON = `{"id":"v2","create_time":1581507580000,"expire_time":null,"kms_key_id":"k1",` +
	`"secret_name":"db","version_stages":["SYSCURRENT"]}`

var wantVersion = VersionMetadata{ID: "v2", CreateTime: 1581507580000, KMSKeyID: "k1", SecretName: "db",
	VersionStages: []string{"SYSCURRENT"}}

func TestSecretVersionWireFormat(t *testing.T) {
	t.Parallel()
	empty := []string{}
	runWireCases(t, map[string]wireCase{
		"update sends only what is set": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateSecret(ctx, "db", UpdateSecretRequest{Description: ptr("d")})
			},
			method: "PUT", path: "/v1/p0123/secrets/db", body: `{"description":"d"}`,
			status: 200, respond: `{"secret":` + secretJSON + `}`, want: wantSecret,
		},
		"update unsubscribes with an empty list": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateSecret(ctx, "db", UpdateSecretRequest{EventSubscriptions: &empty, KMSKeyID: ptr("k")})
			},
			method: "PUT", path: "/v1/p0123/secrets/db", body: `{"kms_key_id":"k","event_subscriptions":[]}`,
			status: 200, respond: `{"secret":` + secretJSON + `}`, want: wantSecret,
		},
		"create version": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateSecretVersion(ctx, "db", CreateSecretVersionRequest{Value: SecretValue{String: "v"}})
			},
			method: "POST", path: "/v1/p0123/secrets/db/versions", body: `{"secret_string":"v"}`,
			status: 200, respond: `{"version_metadata":` + versionJSON + `}`, want: &wantVersion,
		},
		"create binary version with stages": {
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateSecretVersion(ctx, "db", CreateSecretVersionRequest{Value: SecretValue{Binary: "YQ=="},
					VersionStages: []string{"blue"}})
			},
			method: "POST", path: "/v1/p0123/secrets/db/versions", body: `{"secret_binary":"YQ==","version_stages":["blue"]}`,
			status: 200, respond: `{"version_metadata":` + versionJSON + `}`, want: &wantVersion,
		},
		"list versions": {
			call: func(ctx context.Context, c *Client) (any, error) {
				v, page, err := c.ListSecretVersions(ctx, "db", 2, "v1")
				return []any{v, page}, err
			},
			method: "GET", path: "/v1/p0123/secrets/db/versions", query: "limit=2&marker=v1",
			status: 200, respond: `{"version_metadatas":[` + versionJSON + `],"page_info":{"next_marker":"v2","current_count":1}}`,
			want: []any{[]VersionMetadata{wantVersion}, PageInfo{NextMarker: "v2", CurrentCount: 1}},
		},
		"show version": {
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ShowSecretVersion(ctx, "db", "v2") },
			method: "GET", path: "/v1/p0123/secrets/db/versions/v2",
			status: 200, respond: `{"version":{"version_metadata":` + versionJSON + `,"secret_string":"value"}}`,
			want: &SecretVersion{Metadata: wantVersion, Value: SecretValue{String: "value"}},
		},
		"show stage": {
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ShowSecretStage(ctx, "db", "SYSCURRENT") },
			method: "GET", path: "/v1/p0123/secrets/db/stages/SYSCURRENT",
			status: 200, respond: `{"stage":{"name":"SYSCURRENT","version_id":"v2","secret_name":"db","update_time":5}}`,
			want: &SecretStage{Name: "SYSCURRENT", VersionID: "v2", SecretName: "db", UpdateTime: 5},
		},
		"update stage": {
			call:   func(ctx context.Context, c *Client) (any, error) { return c.UpdateSecretStage(ctx, "db", "blue", "v1") },
			method: "PUT", path: "/v1/p0123/secrets/db/stages/blue", body: `{"version_id":"v1"}`,
			status: 200, respond: `{"stage":{"name":"blue","version_id":"v1","secret_name":"db","update_time":5}}`,
			want: &SecretStage{Name: "blue", VersionID: "v1", SecretName: "db", UpdateTime: 5},
		},
		"delete tag escapes the key": {
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteSecretTag(ctx, "id1", "a b/c") },
			method: "DELETE", path: "/v1/p0123/csms/id1/tags/a%20b%2Fc",
			status: 204, want: nil,
		},
	})
}

// A value is masked however it is printed, and neither the request nor the
// response body of a value call shows it in a trace log.
func TestSecretValueNeverLogged(t *testing.T) {
	t.Parallel()
	const marker = "value-marker-6f1d2a"
	v := SecretValue{String: marker}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, SecretVersion{Value: v}); strings.Contains(got, marker) {
			t.Errorf("%s prints the value: %s", verb, got)
		}
	}
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.Method == http.MethodPost {
			reply(w, 200, `{"version_metadata":`+versionJSON+`}`)
			return
		}
		reply(w, 200, `{"version":{"version_metadata":`+versionJSON+`,"secret_string":"`+marker+`"}}`)
	})
	c := newTestClient(t, rec.URL, nil)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	ctx = tflog.NewSubsystem(ctx, LogSubsystem)
	if _, err := c.CreateSecretVersion(ctx, "db", CreateSecretVersionRequest{Value: v}); err != nil {
		t.Fatal(err)
	}
	got, err := c.ShowSecretVersion(ctx, "db", "v2")
	if err != nil || got.Value.String != marker {
		t.Fatalf("show: %v %v", got, err)
	}
	if !strings.Contains(logs.String(), "/versions/v2") || !strings.Contains(logs.String(), "API response") {
		t.Fatalf("trace logs were not captured: %s", logs.String())
	}
	if strings.Contains(logs.String(), marker) {
		t.Fatalf("the value reached the log: %s", logs.String())
	}
}
