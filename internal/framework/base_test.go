package framework_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func TestReady(t *testing.T) {
	t.Parallel()
	var failed diag.Diagnostics
	failed.AddError("cannot read the plan", "detail")
	configured := framework.NewResourceBase("test")
	configured.Data = &framework.ProviderData{}

	for _, tc := range []struct {
		name      string
		base      framework.ResourceBase
		got       []diag.Diagnostics
		want      bool
		wantError string
	}{
		{name: "configured, read", base: configured, got: []diag.Diagnostics{nil, nil}, want: true},
		{name: "a read failed", base: configured, got: []diag.Diagnostics{nil, failed}, wantError: "cannot read the plan"},
		{name: "not configured", base: framework.NewResourceBase("test"), wantError: "Provider not configured"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			if got := tc.base.Ready(&diags, tc.got...); got != tc.want {
				t.Fatalf("Ready = %v, want %v (%s)", got, tc.want, frameworktest.DiagText(diags))
			}
			if text := frameworktest.DiagText(diags); tc.wantError != "" && !strings.Contains(text, tc.wantError) {
				t.Errorf("diagnostics %q lack %q", text, tc.wantError)
			}
			if tc.want && diags.HasError() {
				t.Errorf("unexpected diagnostics: %s", frameworktest.DiagText(diags))
			}
		})
	}
}

func TestListResourceBase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := framework.NewListResourceBase(nameIdentity, "Lists things.")

	var meta resource.MetadataResponse
	b.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: framework.ProviderTypeName}, &meta)
	if meta.TypeName != nameIdentity.TypeName {
		t.Errorf("type name %q, want %q", meta.TypeName, nameIdentity.TypeName)
	}
	var sch list.ListResourceSchemaResponse
	b.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &sch)
	if sch.Schema.MarkdownDescription != "Lists things." || len(sch.Schema.Attributes) != 0 {
		t.Errorf("schema %+v, want the description and no arguments", sch.Schema)
	}

	// Before Configure, List answers with the not-configured error only.
	var stream list.ListResultsStream
	if b.ListConfigured(&stream) {
		t.Fatal("ListConfigured is true before Configure")
	}
	got := frameworktest.Collect(t, stream.Results, 0)
	if len(got) != 1 || !strings.Contains(frameworktest.DiagText(got[0].Diagnostics), "Provider not configured") {
		t.Errorf("results %+v, want one not-configured error", got)
	}
}

func TestDeleteWithin(t *testing.T) {
	t.Parallel()
	b := framework.NewResourceBase("test")
	b.Data = &framework.ProviderData{}
	timeout := func(context.Context, time.Duration) (time.Duration, diag.Diagnostics) { return time.Minute, nil }
	var badTimeout diag.Diagnostics
	badTimeout.AddError("invalid timeout", "detail")
	refused := errors.New("refused")

	for _, tc := range []struct {
		name             string
		timeoutDiags     diag.Diagnostics
		err              error
		wantCalled       bool
		wantFailed       error
		wantDiagFragment string
	}{
		{name: "deleted", wantCalled: true},
		{name: "already gone", err: fmt.Errorf("show: %w", hwc.ErrNotFound), wantCalled: true},
		{name: "refused", err: refused, wantCalled: true, wantFailed: refused},
		{name: "invalid timeout", timeoutDiags: badTimeout, wantDiagFragment: "invalid timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			called := false
			var failed error
			to := timeout
			if tc.timeoutDiags != nil {
				to = func(context.Context, time.Duration) (time.Duration, diag.Diagnostics) {
					return time.Minute, tc.timeoutDiags
				}
			}
			b.DeleteWithin(context.Background(), to, &diags, func(ctx context.Context) error {
				called = true
				if _, ok := ctx.Deadline(); !ok {
					t.Error("del runs without the delete timeout")
				}
				return tc.err
			}, func(_ context.Context, err error) { failed = err })
			if called != tc.wantCalled || !errors.Is(failed, tc.wantFailed) || (tc.wantFailed == nil) != (failed == nil) {
				t.Errorf("called %v, failed %v; want %v, %v", called, failed, tc.wantCalled, tc.wantFailed)
			}
			if text := frameworktest.DiagText(diags); !strings.Contains(text, tc.wantDiagFragment) ||
				tc.wantDiagFragment == "" && diags.HasError() {
				t.Errorf("diagnostics %q, want %q", text, tc.wantDiagFragment)
			}
		})
	}
}
