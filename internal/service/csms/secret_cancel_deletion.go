package csms

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// cancelSecretDeletion calls RestoreSecret. A failure that may nevertheless have been
// applied (lost response, 5xx) is settled by reading the secret back; a
// "not pending deletion" answer means someone else restored it first.
//
// adopt is what the user runs to settle an outcome that stays unknown. It
// reports whether this call cancelled the deletion (false: someone else did).
func cancelSecretDeletion(ctx context.Context, d *framework.ProviderData, name, adopt string) (*hwc.Secret, bool, error) {
	client := d.Client
	secretBatcher(d).Invalidate(name)
	secret, err := framework.CreateWithRecovery(ctx, framework.CreateOp[*hwc.Secret]{
		Create: func(ctx context.Context) (*hwc.Secret, error) { return client.RestoreSecret(ctx, name) },
		Lookup: func(ctx context.Context) (*hwc.Secret, bool, error) {
			s, err := client.ShowSecret(ctx, name)
			if err != nil {
				return nil, false, err
			}
			return s, s.State != secretStatePendingDelete, nil
		},
		Matches: func(*hwc.Secret) bool { return true },
		Object:  fmt.Sprintf("the restore of CSMS secret %q", name),
		Import:  adopt,
		Retry:   d.CreateRetry,
		// "Not pending deletion" after a lost answer: that attempt restored it.
		IsDuplicate: func(err error) bool { return hwc.IsCode(err, "CSMS.0108") },
	})
	if err == nil {
		return secret, true, nil
	}
	if !hwc.IsCode(err, "CSMS.0108") {
		return nil, false, err
	}
	s, showErr := client.ShowSecret(ctx, name)
	if showErr != nil {
		return nil, false, fmt.Errorf("%w; reading the secret back also failed: %w", err, showErr)
	}
	if s.State == secretStatePendingDelete {
		return nil, false, err
	}
	tflog.Info(ctx, "the secret's deletion was cancelled by someone else first", map[string]any{"secret_name": name})
	return s, false, nil
}
