// Package sweep deletes what a failed live acceptance run (make testacc-live)
// left behind in a real Huawei Cloud project: the CSMS secrets, CSMS events
// and CTS notifications whose names the acceptance tests make
// (acctest.RandomName with a tf_acc, tfacc or tf-acc prefix). It works
// through internal/hwc only; cmd/hwcloud-sweep is its command (make sweep).
package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// testNamePrefixes start every name the acceptance tests give what they
// create: "tf_acc_ev", "tf_acc.sec", "tfacc.restore", "tfacc_missing", …, and
// "tf-acc-logs" (the logging test's secret, with hyphens).
var testNamePrefixes = []string{"tf_acc", "tfacc", "tf-acc"}

// renamedTestNotification is the name the CTS rename test gives a tf_acc_cts
// notification (RandomName("审计通知"): a CJK name). A user may well name a
// notification 审计通知 ("audit notification"), so only RandomName's exact
// shape, an underscore and eight lower-case letters or digits, is swept.
var renamedTestNotification = regexp.MustCompile(`^审计通知_[a-z0-9]{8}$`)

// IsTestName reports whether name is one the acceptance tests make.
func IsTestName(name string) bool {
	for _, p := range testNamePrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return renamedTestNotification.MatchString(name)
}

// Kinds of the objects swept.
const (
	KindSecret       = "CSMS secret"
	KindEvent        = "CSMS event"
	KindNotification = "CTS notification"
)

// Object is one leftover: its kind, name and, for a CTS notification, id.
type Object struct {
	Kind, Name, ID string
}

func (o Object) String() string {
	if o.ID != "" {
		return fmt.Sprintf("%s %s (id %s)", o.Kind, o.Name, o.ID)
	}
	return o.Kind + " " + o.Name
}

// Options of a sweep.
type Options struct {
	// DryRun lists what would be deleted and deletes nothing.
	DryRun bool
	// Out receives one line per object (nil: nothing is printed).
	Out io.Writer
}

// csmsPageSize is the largest page the CSMS lists serve.
const csmsPageSize = 50

// Sweep deletes every object with a test name, in the order that lets each
// deletion succeed: secrets first (a secret that subscribes to an event keeps
// the event from being deleted), then events, then CTS notifications. Each
// kind is listed in full before any of it is deleted, so deleting does not
// disturb the paging. A failed listing or deletion is reported and the sweep
// goes on; every failure comes back joined. The result is what was deleted
// (in a dry run: what would have been).
func Sweep(ctx context.Context, c *hwc.Client, opts Options) ([]Object, error) {
	out := opts.Out
	if out == nil {
		out = io.Discard
	}
	var done []Object
	var errs []error
	for _, kind := range []struct {
		find   func(context.Context, *hwc.Client) ([]leftover, error)
		delete func(context.Context, *hwc.Client, leftover) error
		name   string
	}{
		{findSecrets, deleteSecret, KindSecret},
		{findEvents, deleteEvent, KindEvent},
		{findNotifications, deleteNotification, KindNotification},
	} {
		found, err := kind.find(ctx, c)
		if err != nil {
			errs = append(errs, fmt.Errorf("listing %ss: %w", kind.name, err))
			_, _ = fmt.Fprintf(out, "FAILED to list %ss: %v\n", kind.name, err)
		}
		for _, l := range found {
			if opts.DryRun {
				_, _ = fmt.Fprintf(out, "would delete %s\n", l.Object)
				done = append(done, l.Object)
				continue
			}
			if err := kind.delete(ctx, c, l); err != nil {
				errs = append(errs, fmt.Errorf("deleting %s: %w", l.Object, err))
				_, _ = fmt.Fprintf(out, "FAILED to delete %s: %v\n", l.Object, err)
				continue
			}
			_, _ = fmt.Fprintf(out, "deleted %s\n", l.Object)
			done = append(done, l.Object)
		}
	}
	return done, errors.Join(errs...)
}

// leftover is an object to delete, with the state its deletion depends on.
type leftover struct {
	Object
	pendingDelete bool // a secret scheduled for deletion
}

func findSecrets(ctx context.Context, c *hwc.Client) ([]leftover, error) {
	var out []leftover
	for s, err := range c.AllSecrets(ctx, csmsPageSize, "") {
		if err != nil {
			return out, err
		}
		if IsTestName(s.Name) {
			out = append(out, leftover{Object: Object{Kind: KindSecret, Name: s.Name}, pendingDelete: s.State == "PENDING_DELETE"})
		}
	}
	return out, nil
}

// deleteSecret deletes a secret at once, without a recovery window. The
// emulator also deletes a secret pending deletion that way; whether the real
// service does is not documented, so a refusal of one is answered (a guess)
// by cancelling its deletion and deleting it again.
func deleteSecret(ctx context.Context, c *hwc.Client, l leftover) error {
	err := c.DeleteSecret(ctx, l.Name)
	switch {
	case err == nil, hwc.IsNotFound(err):
		return nil
	case !l.pendingDelete || !hwc.IsRefused(err):
		return err
	}
	if _, rerr := c.RestoreSecret(ctx, l.Name); rerr != nil {
		return errors.Join(err, fmt.Errorf("cancelling its scheduled deletion: %w", rerr))
	}
	return ignoreNotFound(c.DeleteSecret(ctx, l.Name))
}

func findEvents(ctx context.Context, c *hwc.Client) ([]leftover, error) {
	var out []leftover
	for ev, err := range c.AllSecretEvents(ctx, csmsPageSize) {
		if err != nil {
			return out, err
		}
		if IsTestName(ev.Name) {
			out = append(out, leftover{Object: Object{Kind: KindEvent, Name: ev.Name}})
		}
	}
	return out, nil
}

// deleteEvent fails while a secret the sweep kept (no test name) still
// subscribes to the event: that secret is not ours to change.
func deleteEvent(ctx context.Context, c *hwc.Client, l leftover) error {
	return ignoreNotFound(c.DeleteSecretEvent(ctx, l.Name))
}

func findNotifications(ctx context.Context, c *hwc.Client) ([]leftover, error) {
	all, err := hwc.ListAllCTSNotifications(ctx, c)
	var out []leftover
	for _, n := range all {
		if IsTestName(n.NotificationName) {
			out = append(out, leftover{Object: Object{Kind: KindNotification, Name: n.NotificationName, ID: n.NotificationID}})
		}
	}
	return out, err
}

// deleteNotification deletes one notification per call, so that one failure
// names its notification.
func deleteNotification(ctx context.Context, c *hwc.Client, l leftover) error {
	return ignoreNotFound(c.DeleteCTSNotifications(ctx, l.ID))
}

// ignoreNotFound: what is already gone needs no sweeping.
func ignoreNotFound(err error) error {
	if hwc.IsNotFound(err) {
		return nil
	}
	return err
}
