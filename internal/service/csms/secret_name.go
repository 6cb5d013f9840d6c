package csms

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// The secret name rule, shared by every type that names a secret.

const (
	// csmsSecretNameRule is patterns.CSMSSecretName in words, for messages;
	// csmsSecretNameRuleMarkdown for attribute descriptions.
	csmsSecretNameRule         = "1 to 64 letters, digits, '.', '_' or '-'"
	csmsSecretNameRuleMarkdown = "1 to 64 letters, digits, `.`, `_` or `-`"
)

// csmsSecretNameValidator holds a name to the rule CreateSecret enforces;
// every other call names a secret created under it, so references too.
func csmsSecretNameValidator() validator.String {
	return stringvalidator.RegexMatches(patterns.CSMSSecretName, "must be "+csmsSecretNameRule)
}
