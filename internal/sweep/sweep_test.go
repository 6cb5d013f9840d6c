package sweep

import (
	"bytes"
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func TestIsTestName(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		"tf_acc_ev_k3j9x0qa": true, "tf_acc.sec_ab12cd34": true, "tfacc.restore_x": true, "tfacc_missing_y": true,
		"tf-acc-logs-abcd1234": true, "审计通知_ab12cd34": true,
		"审计通知": false, "审计通知_prod": false, "prod_db": false, "my_tf_acc": false, "tf_stop_x": false, "": false,
	} {
		if got := IsTestName(name); got != want {
			t.Errorf("IsTestName(%q) = %v, want %v", name, got, want)
		}
	}
}

// world is an emulator and a client to seed and inspect it, plus the HW_*
// environment and client configuration that point the command at it.
type world struct {
	emu    *emulator.Emulator
	client *hwc.Client
	topic  string
	env    map[string]string
	url    string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	o := srv.Emulator.Options()
	client, err := hwc.New(hwc.Config{
		Region: o.Region, ProjectID: o.ProjectID, AccessKey: o.AccessKey, SecretKey: o.SecretKey,
		Endpoints: hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &world{
		emu: srv.Emulator, client: client, url: srv.URL,
		topic: emulator.TopicURN(o.Region, o.ProjectID, "hwcloud-demo"),
		env: map[string]string{
			hwc.EnvRegion: o.Region, hwc.EnvProjectID: o.ProjectID, hwc.EnvAccessKey: o.AccessKey, hwc.EnvSecretKey: o.SecretKey,
		},
	}
}

// run runs the command against the emulator.
func (w *world) run(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), args, func(k string) string { return env[k] }, &out, &errOut, func(c *hwc.Config) {
		c.Endpoints = hwc.Endpoints{CSMS: w.url, CTS: w.url, IAM: w.url}
		c.RetryBaseDelay, c.RetryMaxDelay = time.Millisecond, 10*time.Millisecond
	})
	return code, out.String(), errOut.String()
}

func (w *world) event(t *testing.T, name string) {
	t.Helper()
	if _, err := w.client.CreateSecretEvent(context.Background(), hwc.CreateSecretEventRequest{
		Name: name, EventTypes: []string{"SECRET_DELETED"}, State: "ENABLED",
		Notification: hwc.EventNotification{TargetType: "SMN", TargetID: w.topic, TargetName: "hwcloud-demo"},
	}); err != nil {
		t.Fatal(err)
	}
}

func (w *world) secret(t *testing.T, name string, events ...string) {
	t.Helper()
	if _, err := w.client.CreateSecret(context.Background(), hwc.CreateSecretRequest{
		Name: name, SecretString: "s3cret", EventSubscriptions: events,
	}); err != nil {
		t.Fatal(err)
	}
}

func (w *world) notification(t *testing.T, name string) {
	t.Helper()
	if _, err := w.client.CreateCTSNotification(context.Background(), hwc.CreateCTSNotificationRequest{
		NotificationName: name, OperationType: "complete", TopicID: w.topic,
	}); err != nil {
		t.Fatal(err)
	}
}

// seed makes test leftovers (a secret subscribed to a test event, one pending
// deletion, several prefixes, the renamed CTS name) beside objects to keep.
func (w *world) seed(t *testing.T) {
	t.Helper()
	w.event(t, "tf_acc_ev_aaaa1111")
	w.event(t, "user_event")
	w.secret(t, "tf_acc_sec_bbbb2222", "tf_acc_ev_aaaa1111")
	w.secret(t, "tfacc.restore_cccc3333")
	if _, err := w.client.ScheduleSecretDeletion(context.Background(), "tfacc.restore_cccc3333", 7); err != nil {
		t.Fatal(err)
	}
	w.secret(t, "tf-acc-logs-dddd4444")
	w.secret(t, "prod_db", "user_event")
	w.secret(t, "my_tf_acc_notes")
	w.notification(t, "tf_acc_cts_eeee5555")
	w.notification(t, "审计通知_ffff6666")
	w.notification(t, "审计通知")
	w.notification(t, "audit_prod")
}

// left returns the names of what the emulator holds, by kind.
func (w *world) left(t *testing.T) (secrets, events, notifications []string) {
	t.Helper()
	ctx := context.Background()
	for s, err := range w.client.AllSecrets(ctx, 50, "") {
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, s.Name)
	}
	for ev, err := range w.client.AllSecretEvents(ctx, 50) {
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, ev.Name)
	}
	all, err := hwc.ListAllCTSNotifications(ctx, w.client)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range all {
		notifications = append(notifications, n.NotificationName)
	}
	slices.Sort(notifications)
	return secrets, events, notifications
}

func assertLeft(t *testing.T, w *world, secrets, events, notifications []string) {
	t.Helper()
	s, e, n := w.left(t)
	if !slices.Equal(s, secrets) || !slices.Equal(e, events) || !slices.Equal(n, notifications) {
		t.Errorf("left behind:\n secrets %q\n events %q\n notifications %q\nwant:\n secrets %q\n events %q\n notifications %q",
			s, e, n, secrets, events, notifications)
	}
}

func TestSweepDeletesOnlyTestNames(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.seed(t)

	code, out, errOut := w.run(t, w.env)
	if code != ExitSwept {
		t.Fatalf("exit %d, stderr:\n%s\nstdout:\n%s", code, errOut, out)
	}
	assertLeft(t, w, []string{"my_tf_acc_notes", "prod_db"}, []string{"user_event"}, []string{"audit_prod", "审计通知"})

	// It says what it deleted, secrets before the event they subscribed to.
	for _, want := range []string{
		"deleted CSMS secret tf_acc_sec_bbbb2222", "deleted CSMS secret tfacc.restore_cccc3333",
		"deleted CSMS secret tf-acc-logs-dddd4444", "deleted CSMS event tf_acc_ev_aaaa1111",
		"deleted CTS notification tf_acc_cts_eeee5555 (id ", "deleted CTS notification 审计通知_ffff6666 (id ",
		"deleted 6 objects",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "secret tf_acc_sec_bbbb2222") > strings.Index(out, "event tf_acc_ev_aaaa1111") {
		t.Errorf("the event was deleted before the secret subscribed to it:\n%s", out)
	}

	// A second run finds nothing.
	if code, out, _ := w.run(t, w.env); code != ExitSwept || !strings.Contains(out, "deleted 0 objects") {
		t.Errorf("second run: exit %d:\n%s", code, out)
	}
}

func TestSweepDryRunDeletesNothing(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.seed(t)
	before := [3][]string{}
	before[0], before[1], before[2] = w.left(t)
	w.emu.ResetCounts()

	code, out, errOut := w.run(t, w.env, "-dry-run")
	if code != ExitSwept {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	assertLeft(t, w, before[0], before[1], before[2])
	for op, n := range w.emu.Counts() {
		if strings.HasPrefix(op, "Delete") && n > 0 {
			t.Errorf("a dry run called %s %d times", op, n)
		}
	}
	for _, want := range []string{"dry run", "would delete CSMS secret tf_acc_sec_bbbb2222", "would delete CSMS event tf_acc_ev_aaaa1111",
		"would delete CTS notification 审计通知_ffff6666", "would delete 6 objects"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "prod_db") || strings.Contains(out, "user_event") || strings.Contains(out, "audit_prod") {
		t.Errorf("the dry run lists objects without a test name:\n%s", out)
	}
}

func TestSweepRefusesWithoutLiveCredentials(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.seed(t)
	w.emu.ResetCounts()
	for name, drop := range map[string][]string{
		"no region":         {hwc.EnvRegion},
		"no secret key":     {hwc.EnvSecretKey},
		"no credentials":    {hwc.EnvAccessKey, hwc.EnvSecretKey},
		"empty environment": slices.Collect(maps.Keys(w.env)),
	} {
		env := map[string]string{}
		for k, v := range w.env {
			if !slices.Contains(drop, k) {
				env[k] = v
			}
		}
		code, out, errOut := w.run(t, env)
		if code != ExitUsage || !strings.Contains(errOut, "refusing to run") || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and a refusal", name, code, out, errOut, ExitUsage)
		}
	}
	if counts := w.emu.Counts(); len(counts) != 0 {
		t.Errorf("a refused sweep made calls: %v", counts)
	}
}

func TestSweepAcceptsATokenAlone(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.secret(t, "tf_acc_sec_token")
	env := map[string]string{
		hwc.EnvRegion: w.env[hwc.EnvRegion], hwc.EnvProjectID: w.env[hwc.EnvProjectID],
		hwc.EnvAuthToken: w.emu.Options().AuthToken,
	}
	if code, out, errOut := w.run(t, env); code != ExitSwept || !strings.Contains(out, "deleted 1 objects") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestSweepReportsAnEventAKeptSecretHoldsAndSweepsTheRest(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.event(t, "tf_acc_ev_held")
	w.secret(t, "prod_db", "tf_acc_ev_held")
	w.notification(t, "tf_acc_cts_gone")

	code, out, errOut := w.run(t, w.env)
	if code != ExitFailed || !strings.Contains(errOut, "deleting CSMS event tf_acc_ev_held") {
		t.Fatalf("exit %d, stderr:\n%s\nwant exit %d naming the held event", code, errOut, ExitFailed)
	}
	if !strings.Contains(out, "FAILED to delete CSMS event tf_acc_ev_held") {
		t.Errorf("output does not report the failure:\n%s", out)
	}
	assertLeft(t, w, []string{"prod_db"}, []string{"tf_acc_ev_held"}, nil)
}

// A service that refuses to delete a secret pending deletion at once (the
// emulator does not refuse; the real service may): the sweep cancels the
// deletion and deletes again.
func TestDeleteSecretCancelsAScheduledDeletionTheServiceRefusesToCut(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		calls []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, r.Method+" "+r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodDelete && len(calls) == 1:
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"error_code":"CSMS.0108","error_msg":"the secret is pending deletion"}`)
		case r.Method == http.MethodPost:
			_, _ = io.WriteString(w, `{"secret":{"name":"tfacc_pending_x","state":"ENABLED"}}`)
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	t.Cleanup(srv.Close)
	client, err := hwc.New(hwc.Config{Region: "cn-north-4", ProjectID: "p1", AccessKey: "ak", SecretKey: "sk",
		Endpoints: hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	l := leftover{Object: Object{Kind: KindSecret, Name: "tfacc_pending_x"}, pendingDelete: true}
	if err := deleteSecret(context.Background(), client, l); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"DELETE /v1/p1/secrets/tfacc_pending_x",
		"POST /v1/p1/secrets/tfacc_pending_x/scheduled-deleted-tasks/cancel",
		"DELETE /v1/p1/secrets/tfacc_pending_x",
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(calls, want) {
		t.Errorf("calls = %q, want %q", calls, want)
	}
}
