package emulator

// Operation names, used for counters and fault targeting. They follow the
// official API names so a test reads like the API reference.
const (
	OpIAMListProjects         = "IAMListProjects"
	OpIAMListAuthProjects     = "IAMListAuthProjects"              // KeystoneListAuthProjects: the provider's credential check
	OpIAMListAuthDomains      = "IAMListAuthDomains"               // KeystoneListAuthDomains: GET /v3/auth/domains
	OpIAMAssumeRole           = "CreateTemporaryAccessKeyByAgency" // POST /v3.0/OS-CREDENTIAL/securitytokens, methods ["assume_role"]
	OpIAMTokenCredentials     = "CreateTemporaryAccessKeyByToken"  // the same path, methods ["token"]
	OpSTSAssumeAgency         = "AssumeAgency"                     // POST /v5/agencies/assume
	OpMetadataSecurityKey     = "MetadataSecurityKey"              // GET /openstack/latest/securitykey (metadata listener)
	OpCreateSecretEvent       = "CreateSecretEvent"
	OpShowSecretEvent         = "ShowSecretEvent"
	OpListSecretEvents        = "ListSecretEvents"
	OpUpdateSecretEvent       = "UpdateSecretEvent"
	OpDeleteSecretEvent       = "DeleteSecretEvent"
	OpListNotificationRecords = "ListNotificationRecords"
	OpCreateSecret            = "CreateSecret"
	OpShowSecret              = "ShowSecret"
	OpListSecrets             = "ListSecrets"
	OpUpdateSecret            = "UpdateSecret"
	OpDeleteSecret            = "DeleteSecret"
	OpCreateSecretVersion     = "CreateSecretVersion"
	OpListSecretVersions      = "ListSecretVersions"
	OpShowSecretVersion       = "ShowSecretVersion"
	OpUpdateVersion           = "UpdateVersion"
	OpShowSecretStage         = "ShowSecretStage"
	OpUpdateSecretStage       = "UpdateSecretStage"
	OpDeleteSecretStage       = "DeleteSecretStage"
	OpDeleteSecretTag         = "DeleteSecretTag"
	OpScheduleSecretDeletion  = "ScheduleSecretDeletion"
	OpRestoreSecret           = "RestoreSecret"
	OpCreateSecretTag         = "CreateSecretTag"
	OpBatchSecretTags         = "BatchSecretTags"
	OpListSecretTags          = "ListSecretTags"
	OpListResourceInstances   = "ListResourceInstances"  // action "filter"
	OpCountResourceInstances  = "CountResourceInstances" // action "count"
	OpCreateNotification      = "CreateNotification"
	OpUpdateNotification      = "UpdateNotification"
	OpListNotifications       = "ListNotifications"
	OpDeleteNotification      = "DeleteNotification"
)

// Operations lists every operation name, in API order.
func Operations() []string {
	return []string{
		OpIAMListProjects, OpIAMListAuthProjects, OpIAMListAuthDomains, OpIAMAssumeRole, OpIAMTokenCredentials,
		OpSTSAssumeAgency, OpMetadataSecurityKey,
		OpCreateSecretEvent, OpShowSecretEvent, OpListSecretEvents, OpUpdateSecretEvent, OpDeleteSecretEvent,
		OpListNotificationRecords,
		OpCreateSecret, OpShowSecret, OpListSecrets, OpUpdateSecret, OpDeleteSecret, OpScheduleSecretDeletion,
		OpRestoreSecret, OpCreateSecretVersion, OpListSecretVersions, OpShowSecretVersion, OpUpdateVersion, OpShowSecretStage,
		OpUpdateSecretStage, OpDeleteSecretStage,
		OpCreateSecretTag, OpBatchSecretTags, OpListSecretTags, OpDeleteSecretTag, OpListResourceInstances, OpCountResourceInstances,
		OpCreateNotification, OpUpdateNotification, OpListNotifications, OpDeleteNotification,
	}
}

func isOperation(name string) bool {
	for _, op := range Operations() {
		if op == name {
			return true
		}
	}
	return false
}
