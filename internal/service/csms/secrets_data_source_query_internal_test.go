package csms

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

func TestSecretAPIHint_KeptGrowingSaysTryAgain(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("listing secrets: %w", hwc.ErrListKeptGrowing)
	if hint := secretAPIHint(err, "ListResourceInstances", "x"); !strings.Contains(hint, "Try again") {
		t.Fatalf("hint %q does not tell the user to try again", hint)
	}
}
