package csms

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func TestCSMSSecretRestoreResource_SchemaModelParity(t *testing.T) {
	t.Parallel()
	s := frameworktest.ResourceSchema(t, NewCSMSSecretRestoreResource())
	if diags := s.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatal(diags)
	}
	if got, want := frameworktest.SortedKeys(s.Attributes), frameworktest.TFSDKTags(csmsSecretRestoreModel{}); !slices.Equal(got, want) {
		t.Errorf("schema attributes %v, model fields %v", got, want)
	}
	name := s.Attributes["secret_name"].(schema.StringAttribute)
	for v, ok := range map[string]bool{"db-password": true, "a_b-C9": true, strings.Repeat("s", 64): true, "a.b": true, "svc.db.token": true,
		"": false, strings.Repeat("s", 65): false, "a/b": false, "a b": false, "秘密": false} {
		valid := true
		for _, val := range name.StringValidators() {
			resp := &validator.StringResponse{}
			val.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("secret_name"),
				ConfigValue: types.StringValue(v)}, resp)
			valid = valid && !resp.Diagnostics.HasError()
		}
		if valid != ok {
			t.Errorf("secret_name %q valid=%v, want %v", v, valid, ok)
		}
	}
	if !strings.Contains(s.MarkdownDescription, "never deletes the secret") {
		t.Error("the description must say prominently that destroy never deletes the secret")
	}
}

// restoreStub answers ShowSecret and RestoreSecret from scripted replies, one
// per call, and records the order of calls.
type restoreStub struct {
	mu      sync.Mutex
	show    []stubReply
	restore []stubReply
	calls   []string
}

type stubReply struct {
	status int
	body   string
}

func secretJSON(state string) string {
	return fmt.Sprintf(`{"secret":{"id":"sid-1","name":"db","state":%q,"create_time":1581507580000,"update_time":1581507580000}}`, state)
}

func csmsError(code string) string {
	return fmt.Sprintf(`{"error_code":%q,"error_msg":"scripted"}`, code)
}

func (s *restoreStub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var queue *[]stubReply
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/secrets/db"):
		s.calls, queue = append(s.calls, "show"), &s.show
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/secrets/db/scheduled-deleted-tasks/cancel"):
		s.calls, queue = append(s.calls, "restore"), &s.restore
	default:
		http.Error(w, "unexpected "+r.Method+" "+r.URL.Path, http.StatusTeapot)
		return
	}
	if len(*queue) == 0 {
		http.Error(w, "no scripted reply left", http.StatusTeapot)
		return
	}
	reply := (*queue)[0]
	*queue = (*queue)[1:]
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", "req-stub")
	w.WriteHeader(reply.status)
	_, _ = w.Write([]byte(reply.body))
}

func stubRestoreResource(t *testing.T, stub *restoreStub) *csmsSecretRestoreResource {
	t.Helper()
	r := NewCSMSSecretRestoreResource().(*csmsSecretRestoreResource)
	r.Data = frameworktest.StubData(t, stub)
	return r
}

func TestCSMSSecretRestore_CancelDeletion(t *testing.T) {
	t.Parallel()
	ok := func(state string) stubReply { return stubReply{200, secretJSON(state)} }
	fail := func(status int, code string) stubReply { return stubReply{status, csmsError(code)} }
	cases := []struct {
		name         string
		show         []stubReply
		restore      []stubReply
		wantRestored bool
		wantErr      string
		wantCalls    []string
	}{
		{
			name: "restored", restore: []stubReply{ok("ENABLED")},
			wantRestored: true, wantCalls: []string{"restore"},
		},
		{
			name:    "someone else restored it first",
			restore: []stubReply{fail(400, "CSMS.0108")}, show: []stubReply{ok("ENABLED")},
			wantCalls: []string{"restore", "show"},
		},
		{
			name:    "refused while still pending is an error",
			restore: []stubReply{fail(400, "CSMS.0108")}, show: []stubReply{ok("PENDING_DELETE")},
			wantErr: "CSMS.0108", wantCalls: []string{"restore", "show"},
		},
		{
			name:    "5xx but applied is adopted",
			restore: []stubReply{fail(500, "CSMS.0500")}, show: []stubReply{ok("ENABLED")},
			wantRestored: true, wantCalls: []string{"restore", "show"},
		},
		{
			name:    "5xx not applied is tried again",
			restore: []stubReply{fail(500, "CSMS.0500"), ok("ENABLED")}, show: []stubReply{ok("PENDING_DELETE")},
			wantRestored: true, wantCalls: []string{"restore", "show", "restore"},
		},
		{
			name:    "secret deleted meanwhile",
			restore: []stubReply{fail(400, "CSMS.0005")},
			wantErr: "CSMS.0005", wantCalls: []string{"restore"},
		},
		{
			name:    "other client error is returned as is",
			restore: []stubReply{fail(400, "CSMS.0002")},
			wantErr: "CSMS.0002", wantCalls: []string{"restore"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			stub := &restoreStub{show: tc.show, restore: tc.restore}
			r := stubRestoreResource(t, stub)
			secret, restored, err := cancelSecretDeletion(context.Background(), r.Data, "db", "adopt")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %s", err, tc.wantErr)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if secret == nil || secret.ID != "sid-1" || secret.State == secretStatePendingDelete {
					t.Fatalf("secret %+v", secret)
				}
			}
			if restored != tc.wantRestored {
				t.Errorf("restored %v, want %v", restored, tc.wantRestored)
			}
			if !slices.Equal(stub.calls, tc.wantCalls) {
				t.Errorf("calls %v, want %v", stub.calls, tc.wantCalls)
			}
		})
	}
}

func TestCSMSSecretRestore_MissingSecretDiagnostic(t *testing.T) {
	t.Parallel()
	r := stubRestoreResource(t, &restoreStub{})
	var diags diag.Diagnostics
	r.addShowError(&diags, "db", &hwc.APIError{StatusCode: 404, Code: "CSMS.0106", Message: "not found", RequestID: "r1"})
	if len(diags) != 1 || !diags.HasError() {
		t.Fatalf("want one error diagnostic, got %v", diags)
	}
	d := diags[0]
	if d.Summary() != "CSMS secret does not exist" || !strings.Contains(d.Detail(), `Secret "db" does not exist`) ||
		!strings.Contains(d.Detail(), "r1") {
		t.Fatalf("diagnostic %q: %q", d.Summary(), d.Detail())
	}
}

const officialTaskType = "huaweicloud_csms_scheduled_delete_secret_task"

func TestCSMSSecretRestoreMoveFromOfficial(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, officialTaskType)[0] // action = cancel, region null
	var got csmsSecretRestoreModel
	frameworktest.RequireMoved(t, frameworktest.RunMove(t, &csmsSecretRestoreResource{}, frameworktest.MoveRequest(officialTaskType, src)), &got)
	if got.SecretName.ValueString() != "fx-pending" {
		t.Errorf("secret_name = %s", got.SecretName)
	}
	// The refresh reads secret_id and state; restored is false as after an import.
	if !got.SecretID.IsNull() || !got.State.IsNull() || got.Restored.ValueBool() || !got.RestoredAt.IsNull() {
		t.Errorf("secret_id/state/restored/restored_at = %s/%s/%s/%s", got.SecretID, got.State, got.Restored, got.RestoredAt)
	}
}

func TestCSMSSecretRestoreMoveRefusals(t *testing.T) {
	t.Parallel()
	src := frameworktest.OfficialInstances(t, officialTaskType)[0]
	for name, c := range map[string]struct {
		patch     map[string]any
		fragments []string
	}{
		"a scheduled deletion": {map[string]any{"action": "create"}, []string{
			`action = "create"`, "opposite", "removed {", "destroy = false", "terraform state rm",
			`secret_name = "fx-pending"`,
		}},
		"unknown action":      {map[string]any{"action": "pause"}, []string{`action = "pause"`, "terraform import"}},
		"no secret name":      {map[string]any{"secret_name": ""}, []string{"secret_name is empty"}},
		"invalid name":        {map[string]any{"secret_name": "a/b"}, []string{`"a/b"`, "not a valid"}},
		"action not a string": {map[string]any{"action": 1}, []string{`"action"`}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := frameworktest.RunMove(t, &csmsSecretRestoreResource{}, frameworktest.MoveRequest(officialTaskType, frameworktest.PatchJSON(t, src, c.patch)))
			frameworktest.RequireRefused(t, resp, c.fragments...)
		})
	}
}
