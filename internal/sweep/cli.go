package sweep

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Exit statuses of the command.
const (
	ExitSwept  = 0 // everything found was deleted (or listed, with -dry-run)
	ExitFailed = 1 // a listing or a deletion failed; the rest was swept
	ExitUsage  = 2 // bad flags, or no live credentials: nothing was done
)

// Main is the hwcloud-sweep command. It reads the account from getenv (the
// HW_* variables of make testacc-live) and refuses to run without a region
// and credentials; configure, when not nil, adjusts the client configuration
// read from them (tests point it at an emulator). It returns the exit status.
func Main(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, configure func(*hwc.Config)) int {
	fs := flag.NewFlagSet("hwcloud-sweep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dryRun := fs.Bool("dry-run", false, "list what would be deleted, delete nothing")
	fs.Usage = func() {
		_, _ = fmt.Fprint(stderr, "usage: hwcloud-sweep [-dry-run]\n\n"+
			"Deletes the CSMS secrets, CSMS events and CTS notifications that failed live acceptance runs\n"+
			"left behind (names starting with tf_acc, tfacc or tf-acc), in the account the HW_* environment\n"+
			"names: HW_REGION_NAME and HW_ACCESS_KEY with HW_SECRET_KEY, or HW_AUTH_TOKEN (HW_PROJECT_ID\n"+
			"and HW_SECURITY_TOKEN optional).\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	if fs.NArg() > 0 {
		_, _ = fmt.Fprintf(stderr, "hwcloud-sweep: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return ExitUsage
	}
	client, err := hwc.NewFromEnv(ctx, getenv, func(c *hwc.Config) {
		c.MaxRetries, c.UserAgent = 5, "hwcloud-sweep"
		if configure != nil {
			configure(c)
		}
	})
	if errors.Is(err, hwc.ErrNoLiveCredentials) {
		_, _ = fmt.Fprintf(stderr, "hwcloud-sweep: refusing to run: %v\n", err)
		return ExitUsage
	}
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "hwcloud-sweep: %v\n", err)
		return ExitFailed
	}

	mode := "sweeping"
	if *dryRun {
		mode = "dry run, deleting nothing:"
	}
	_, _ = fmt.Fprintf(stdout, "hwcloud-sweep: %s region %s, project %s\n", mode, getenv(hwc.EnvRegion), client.ProjectID())
	swept, err := Sweep(ctx, client, Options{DryRun: *dryRun, Out: stdout})
	verb := "deleted"
	if *dryRun {
		verb = "would delete"
	}
	_, _ = fmt.Fprintf(stdout, "hwcloud-sweep: %s %d objects\n", verb, len(swept))
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "hwcloud-sweep: %v\n", err)
		return ExitFailed
	}
	return ExitSwept
}
