package csms

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

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
	state := func(_ context.Context, r hwc.ResourceInstance, _ framework.TagPolicy) (any, diag.Diagnostics) {
		return frameworktest.NameOnlyModel{Name: types.StringValue(r.Secret.Name)}, nil
	}
	l := NewCSMSSecretListResource(state)().(*csmsSecretListResource)
	l.Configure(context.Background(), resource.ConfigureRequest{ProviderData: &framework.ProviderData{Client: client}},
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
	req := frameworktest.ListRequest(csmsSecretIdentity, 0, true)
	req.Config = cfg
	stream := &list.ListResultsStream{}
	l.List(context.Background(), req, stream)
	var names []string
	for _, r := range frameworktest.Collect(t, stream.Results, 0) {
		if r.Diagnostics.HasError() {
			t.Fatal(r.Diagnostics)
		}
		project, name := frameworktest.IdentityKey(t, r, "name")
		var m frameworktest.NameOnlyModel
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

func errorsText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags.Errors() {
		b.WriteString(d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}
