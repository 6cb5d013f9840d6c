package framework_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Credentials the client obtains after Configure (an assumed agency renewed
// during an apply) are masked in the logs of a resource's calls, like the
// configured ones.
func TestLogContextMasksObtainedCredentials(t *testing.T) {
	t.Parallel()
	renewals := 0
	creds := hwc.NewRefreshingCredentials(func(context.Context) (hwc.Credentials, error) {
		renewals++
		return hwc.Credentials{
			AccessKey: "TMPAK", SecretKey: fmt.Sprintf("obtained-secret-%d", renewals),
			SecurityToken: fmt.Sprintf("obtained-token-%d", renewals), Expires: time.Now().Add(-time.Minute),
		}, nil
	}, nil)
	client, err := hwc.New(hwc.Config{Region: "cn-north-4", ProjectID: "p", Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	d := &framework.ProviderData{Client: client, Secrets: []string{"configured-secret"}}
	var buf bytes.Buffer
	ctx := d.LogContext(tflogtest.RootLogger(context.Background(), &buf))
	for range 2 { // the first fetch, then a renewal (they are already expired)
		if _, err := creds.Credentials(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ctx = d.LogContext(ctx)
	tflog.Info(ctx, "request signed with obtained-secret-1, obtained-secret-2 and obtained-token-2",
		map[string]any{"configured": "configured-secret", "token": "obtained-token-1"})
	logged := buf.String()
	for _, secret := range []string{"configured-secret", "obtained-secret-", "obtained-token-"} {
		if strings.Contains(logged, secret) {
			t.Errorf("%q reached the log: %s", secret, logged)
		}
	}
	if renewals != 2 || !strings.Contains(logged, "request signed with ***, *** and ***") {
		t.Fatalf("%d fetches; log %s", renewals, logged)
	}
}
