package provider

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// nameOnlySchema stands in for a managed resource's schema in these tests.
var nameOnlySchema = rschema.Schema{Attributes: map[string]rschema.Attribute{
	"name": rschema.StringAttribute{Required: true},
}}

type nameOnlyModel struct {
	Name types.String `tfsdk:"name"`
}

func listRequest(id projectIdentity, limit int64, includeResource bool) list.ListRequest {
	return list.ListRequest{
		Limit: limit, IncludeResource: includeResource,
		ResourceSchema: nameOnlySchema, ResourceIdentitySchema: id.schema(),
	}
}

// produceNames emits the names, then fails with err (nil: no failure).
func produceNames(names []string, err error) listProducer {
	return func(_ context.Context, emit func(listed) bool) error {
		for _, n := range names {
			state := func(context.Context) (any, diag.Diagnostics) { return nameOnlyModel{types.StringValue(n)}, nil }
			if !emit(listed{displayName: "display " + n, key: n, state: state}) {
				return nil
			}
		}
		return err
	}
}

// collect reads a stream like Terraform: at most stopAfter results (0: all).
func collect(t *testing.T, stream func(func(list.ListResult) bool), stopAfter int) []list.ListResult {
	t.Helper()
	var out []list.ListResult
	stream(func(r list.ListResult) bool {
		out = append(out, r)
		return stopAfter == 0 || len(out) < stopAfter
	})
	return out
}

func identityKey(t *testing.T, r list.ListResult, key string) (project, value string) {
	t.Helper()
	var p, v types.String
	if d := r.Identity.GetAttribute(context.Background(), path.Root(identityProjectAttr), &p); d.HasError() {
		t.Fatal(d)
	}
	if d := r.Identity.GetAttribute(context.Background(), path.Root(key), &v); d.HasError() {
		t.Fatal(d)
	}
	return p.ValueString(), v.ValueString()
}

func TestStreamListResults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	names := []string{"a", "b", "c"}
	failure := errors.New("boom")

	t.Run("identities, display names and state when asked", func(t *testing.T) {
		t.Parallel()
		got := collect(t, streamListResults(ctx, listRequest(csmsEventIdentity, 0, true), csmsEventIdentity, "p1",
			produceNames(names, nil), "Cannot list"), 0)
		if len(got) != 3 {
			t.Fatalf("%d results, want 3", len(got))
		}
		for i, r := range got {
			if r.Diagnostics.HasError() {
				t.Fatal(r.Diagnostics)
			}
			if p, v := identityKey(t, r, "name"); p != "p1" || v != names[i] {
				t.Errorf("result %d identity (%s, %s), want (p1, %s)", i, p, v, names[i])
			}
			var m nameOnlyModel
			if d := r.Resource.Get(ctx, &m); d.HasError() || m.Name.ValueString() != names[i] {
				t.Errorf("result %d state %v %v", i, m, d)
			}
			if r.DisplayName != "display "+names[i] {
				t.Errorf("result %d display name %q", i, r.DisplayName)
			}
		}
	})
	t.Run("no state unless asked", func(t *testing.T) {
		t.Parallel()
		got := collect(t, streamListResults(ctx, listRequest(csmsEventIdentity, 0, false), csmsEventIdentity, "p1",
			produceNames(names, nil), "Cannot list"), 0)
		if len(got) != 3 || !got[0].Resource.Raw.IsNull() {
			t.Fatalf("want 3 results without state, got %d (first state %v)", len(got), got[0].Resource.Raw)
		}
	})
	t.Run("Terraform's limit", func(t *testing.T) {
		t.Parallel()
		got := collect(t, streamListResults(ctx, listRequest(csmsEventIdentity, 2, false), csmsEventIdentity, "p1",
			produceNames(names, failure), "Cannot list"), 0)
		if len(got) != 2 || got[1].Diagnostics.HasError() {
			t.Fatalf("want exactly 2 results and no error past the limit, got %d: %v", len(got), got)
		}
	})
	t.Run("Terraform stops reading", func(t *testing.T) {
		t.Parallel()
		got := collect(t, streamListResults(ctx, listRequest(csmsEventIdentity, 0, false), csmsEventIdentity, "p1",
			produceNames(names, failure), "Cannot list"), 1)
		if len(got) != 1 {
			t.Fatalf("want 1 result, got %d", len(got))
		}
	})
	t.Run("a failed listing ends with an error result", func(t *testing.T) {
		t.Parallel()
		got := collect(t, streamListResults(ctx, listRequest(csmsEventIdentity, 0, false), csmsEventIdentity, "p1",
			produceNames(names[:1], failure), "Cannot list events"), 0)
		if len(got) != 2 || !got[1].Diagnostics.HasError() {
			t.Fatalf("want one result then an error, got %v", got)
		}
		d := got[1].Diagnostics[0]
		if d.Summary() != "Cannot list events" || !strings.Contains(d.Detail(), "boom") {
			t.Errorf("error %q: %q", d.Summary(), d.Detail())
		}
	})
}

// secretListFixture serves a secrets list resource from a fresh emulator.
func secretListFixture(t *testing.T, secrets ...emulator.SeedSecret) *csmsSecretListResource {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	if err := srv.Emulator.Seed(emulator.Seed{Secrets: secrets}); err != nil {
		t.Fatal(err)
	}
	o := srv.Emulator.Options()
	client, err := hwc.New(hwc.Config{Region: o.Region, ProjectID: o.ProjectID, AccessKey: o.AccessKey,
		SecretKey: o.SecretKey, Endpoints: hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	state := func(_ context.Context, r hwc.ResourceInstance) (any, diag.Diagnostics) {
		return nameOnlyModel{types.StringValue(r.Secret.Name)}, nil
	}
	l := NewCSMSSecretListResource(state)().(*csmsSecretListResource)
	l.Configure(context.Background(), resource.ConfigureRequest{ProviderData: &providerData{client: client}},
		&resource.ConfigureResponse{})
	return l
}

// secretListConfig is the list block's configuration: tags (nil: unset) and name_match ("": unset).
func secretListConfig(t *testing.T, l *csmsSecretListResource, tags map[string][]string, nameMatch string) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	resp := &list.ListResourceSchemaResponse{}
	l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, resp)
	listOfStrings := tftypes.List{ElementType: tftypes.String}
	tagsValue := tftypes.NewValue(tftypes.Map{ElementType: listOfStrings}, nil)
	if tags != nil {
		m := map[string]tftypes.Value{}
		for k, vs := range tags {
			var elems []tftypes.Value
			for _, v := range vs {
				elems = append(elems, tftypes.NewValue(tftypes.String, v))
			}
			m[k] = tftypes.NewValue(listOfStrings, elems)
		}
		tagsValue = tftypes.NewValue(tftypes.Map{ElementType: listOfStrings}, m)
	}
	nameValue := tftypes.NewValue(tftypes.String, nil)
	if nameMatch != "" {
		nameValue = tftypes.NewValue(tftypes.String, nameMatch)
	}
	return tfsdk.Config{Schema: resp.Schema, Raw: tftypes.NewValue(resp.Schema.Type().TerraformType(ctx),
		map[string]tftypes.Value{"tags": tagsValue, "name_match": nameValue})}
}

func listedSecretNames(t *testing.T, l *csmsSecretListResource, cfg tfsdk.Config) []string {
	t.Helper()
	req := listRequest(csmsSecretIdentity, 0, true)
	req.Config = cfg
	stream := &list.ListResultsStream{}
	l.List(context.Background(), req, stream)
	var names []string
	for _, r := range collect(t, stream.Results, 0) {
		if r.Diagnostics.HasError() {
			t.Fatal(r.Diagnostics)
		}
		project, name := identityKey(t, r, "name")
		var m nameOnlyModel
		if d := r.Resource.Get(context.Background(), &m); d.HasError() || m.Name.ValueString() != name ||
			r.DisplayName != name || project != emulator.DefaultProjectID {
			t.Errorf("result for %s: state %v, display name %q, project %q", name, m, r.DisplayName, project)
		}
		names = append(names, name)
	}
	return names
}

func TestCSMSSecretListResource_filters(t *testing.T) {
	t.Parallel()
	l := secretListFixture(t,
		emulator.SeedSecret{Name: "db-prod", Tags: map[string]string{"env": "prod", "team": "db"}},
		emulator.SeedSecret{Name: "db-dev", Tags: map[string]string{"env": "dev"}},
		emulator.SeedSecret{Name: "api-prod", Tags: map[string]string{"env": "prod"}, State: "PENDING_DELETE"},
		emulator.SeedSecret{Name: "untagged"},
	)
	cases := []struct {
		name      string
		tags      map[string][]string
		nameMatch string
		want      []string
	}{
		{"everything, by name", nil, "", []string{"api-prod", "db-dev", "db-prod", "untagged"}},
		{"one tag value", map[string][]string{"env": {"prod"}}, "", []string{"api-prod", "db-prod"}},
		{"any value of a key", map[string][]string{"env": {}}, "", []string{"api-prod", "db-dev", "db-prod"}},
		{"keys are ANDed", map[string][]string{"env": {"prod", "dev"}, "team": {}}, "", []string{"db-prod"}},
		{"name match with tags", map[string][]string{"env": {}}, "db", []string{"db-dev", "db-prod"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := listedSecretNames(t, l, secretListConfig(t, l, tc.tags, tc.nameMatch)); !slices.Equal(got, tc.want) {
				t.Errorf("listed %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCSMSSecretListResource_validation(t *testing.T) {
	t.Parallel()
	l := secretListFixture(t)
	cases := []struct {
		name      string
		tags      map[string][]string
		nameMatch string
		wantErr   string // "" = valid
	}{
		{"valid", map[string][]string{"env": {"prod"}}, "db", ""},
		{"system tag key", map[string][]string{"_sys_enterprise_project_id": {}}, "", "reserved for system tags"},
		{"repeated value", map[string][]string{"env": {"a", "a"}}, "", "duplicate"},
		{"name match too long", nil, strings.Repeat("x", 256), "length"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp := &list.ValidateConfigResponse{}
			l.ValidateListResourceConfig(context.Background(),
				list.ValidateConfigRequest{Config: secretListConfig(t, l, tc.tags, tc.nameMatch)}, resp)
			switch {
			case tc.wantErr == "" && resp.Diagnostics.HasError():
				t.Errorf("unexpected error: %v", resp.Diagnostics)
			case tc.wantErr != "" && !strings.Contains(strings.ToLower(errorsText(resp.Diagnostics)), tc.wantErr):
				t.Errorf("want an error mentioning %q, got %v", tc.wantErr, resp.Diagnostics)
			}
		})
	}
}

func TestListResources_beforeConfigure(t *testing.T) {
	t.Parallel()
	for _, l := range []list.ListResource{NewCSMSEventListResource(), NewCTSNotificationListResource(),
		NewCSMSSecretListResource(nil)()} {
		stream := &list.ListResultsStream{}
		l.List(context.Background(), listRequest(csmsEventIdentity, 0, false), stream)
		got := collect(t, stream.Results, 0)
		if len(got) != 1 || !got[0].Diagnostics.HasError() || got[0].Diagnostics[0].Summary() != "Provider not configured" {
			t.Errorf("%T: want one 'Provider not configured' error, got %v", l, got)
		}
	}
}

func errorsText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags.Errors() {
		b.WriteString(d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}
