package provider

// csmsSecretIdentity: CSMS keys secrets by name within a project. The list
// resource of hwcloud_csms_secret reports it; the managed resource's
// IdentitySchema returns csmsSecretIdentity.schema().
var csmsSecretIdentity = projectIdentity{
	typeName: "hwcloud_csms_secret",
	key:      "name",
	keyDesc:  "Secret name, unique in the project.",
	validKey: csmsSecretNameRegexp.MatchString,
	keyRule:  "1 to 64 letters, digits, '_', '-' or '.'",
}
