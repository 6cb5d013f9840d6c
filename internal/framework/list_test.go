package framework_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
)

// nameIdentity is an identity keyed by name, like most of the provider's.
var nameIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_test", Key: "name", KeyDesc: "Name.", ValidKey: func(string) bool { return true }, KeyRule: "any",
}

// produceNames emits the names, then fails with err (nil: no failure).
func produceNames(names []string, err error) framework.ListProducer {
	return func(_ context.Context, emit func(framework.Listed) bool) error {
		for _, n := range names {
			state := func(context.Context) (any, diag.Diagnostics) {
				return frameworktest.NameOnlyModel{Name: types.StringValue(n)}, nil
			}
			if !emit(framework.Listed{DisplayName: "display " + n, Key: n, State: state}) {
				return nil
			}
		}
		return err
	}
}

// collect reads a stream like Terraform: at most stopAfter results (0: all).
func TestStreamListResults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	names := []string{"a", "b", "c"}
	failure := errors.New("boom")

	t.Run("identities, display names and state when asked", func(t *testing.T) {
		t.Parallel()
		got := frameworktest.Collect(t, framework.StreamListResults(ctx, frameworktest.ListRequest(nameIdentity, 0, true), nameIdentity, "p1",
			produceNames(names, nil), "Cannot list"), 0)
		if len(got) != 3 {
			t.Fatalf("%d results, want 3", len(got))
		}
		for i, r := range got {
			if r.Diagnostics.HasError() {
				t.Fatal(r.Diagnostics)
			}
			if p, v := frameworktest.IdentityKey(t, r, "name"); p != "p1" || v != names[i] {
				t.Errorf("result %d identity (%s, %s), want (p1, %s)", i, p, v, names[i])
			}
			var m frameworktest.NameOnlyModel
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
		got := frameworktest.Collect(t, framework.StreamListResults(ctx, frameworktest.ListRequest(nameIdentity, 0, false), nameIdentity, "p1",
			produceNames(names, nil), "Cannot list"), 0)
		if len(got) != 3 || !got[0].Resource.Raw.IsNull() {
			t.Fatalf("want 3 results without state, got %d (first state %v)", len(got), got[0].Resource.Raw)
		}
	})
	t.Run("Terraform's limit", func(t *testing.T) {
		t.Parallel()
		got := frameworktest.Collect(t, framework.StreamListResults(ctx, frameworktest.ListRequest(nameIdentity, 2, false), nameIdentity, "p1",
			produceNames(names, failure), "Cannot list"), 0)
		if len(got) != 2 || got[1].Diagnostics.HasError() {
			t.Fatalf("want exactly 2 results and no error past the limit, got %d: %v", len(got), got)
		}
	})
	t.Run("Terraform stops reading", func(t *testing.T) {
		t.Parallel()
		got := frameworktest.Collect(t, framework.StreamListResults(ctx, frameworktest.ListRequest(nameIdentity, 0, false), nameIdentity, "p1",
			produceNames(names, failure), "Cannot list"), 1)
		if len(got) != 1 {
			t.Fatalf("want 1 result, got %d", len(got))
		}
	})
	t.Run("a failed listing ends with an error result", func(t *testing.T) {
		t.Parallel()
		got := frameworktest.Collect(t, framework.StreamListResults(ctx, frameworktest.ListRequest(nameIdentity, 0, false), nameIdentity, "p1",
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
