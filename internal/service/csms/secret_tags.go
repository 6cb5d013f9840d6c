package csms

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// CSMS tag rules, as the tag API pages (CreateSecretTag, BatchCreateOrDeleteTags) and the SDK's TagItem
// give them: letters, separators and numbers of any script (patterns.CSMSTagKeyChars).
const (
	secretTagMaxFilterKeys   = 10
	secretTagMaxFilterValues = 10
	secretTagKeyMaxLen       = 128
	secretTagValueMaxLen     = 255
	secretNameMatchMaxLen    = 255
	secretTagSysPrefix       = "_sys_"
)

var (
	secretTagKeyCharsRegexp   = patterns.CSMSTagKeyChars
	secretTagValueCharsRegexp = patterns.CSMSTagValueChars
	secretTagOuterSpaceRegexp = regexp.MustCompile(`^(\S.*\S|\S)?$`)
	secretStateValues         = []string{"ENABLED", "DISABLED", secretStatePendingDelete, "FROZEN"}
)

// secretTagKeyValidators check one tag key of a filter.
func secretTagKeyValidators() []validator.String {
	return []validator.String{
		stringvalidator.UTF8LengthBetween(1, secretTagKeyMaxLen),
		stringvalidator.RegexMatches(secretTagKeyCharsRegexp,
			"may contain only letters, numbers, spaces (any script) and the characters _ . : = + - @"),
		stringvalidator.RegexMatches(secretTagOuterSpaceRegexp, "must not start or end with a space"),
		secretTagNoPrefix(secretTagSysPrefix),
	}
}

// secretTagValueValidators check one accepted value of a tag filter.
func secretTagValueValidators() []validator.String {
	return []validator.String{
		stringvalidator.UTF8LengthAtMost(secretTagValueMaxLen),
		stringvalidator.RegexMatches(secretTagValueCharsRegexp,
			"may contain only letters, numbers, spaces (any script) and the characters _ . : / = + - @"),
	}
}

// secretTagNoPrefix rejects strings starting with a reserved prefix.
func secretTagNoPrefix(prefix string) validator.String {
	return secretTagPrefixValidator{prefix: prefix}
}

type secretTagPrefixValidator struct{ prefix string }

func (v secretTagPrefixValidator) Description(_ context.Context) string {
	return fmt.Sprintf("must not start with %q (reserved for system tags)", v.prefix)
}

func (v secretTagPrefixValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v secretTagPrefixValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if s := req.ConfigValue.ValueString(); strings.HasPrefix(s, v.prefix) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			fmt.Sprintf("Attribute %s %s, got: %q", req.Path, v.Description(ctx), s))
	}
}

// tagsToMap never returns nil: a secret without tags has an empty map.
func tagsToMap(tags []hwc.Tag) map[string]string {
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}
