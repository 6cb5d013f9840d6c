package hwc

// Public hosts of the three services. CSMS is served from the KMS host (there
// is no csms. host). Most regions follow one pattern,
// https://{service}.{region}.myhuaweicloud.com; the regions that do not are
// listed in regionHosts, taken from the region tables of Huawei's SDK for KMS,
// CTS and IAM. This is the one place that knows hosts: add a region here when
// Huawei's tables gain one that breaks the pattern.

// usualDomain is the domain of every region not listed in regionHosts.
const usualDomain = "myhuaweicloud.com"

// regionHosts are the regions whose hosts break the usual pattern.
var regionHosts = map[string]Endpoints{
	// The European site lives under its own domain.
	"eu-west-101": {
		CSMS: "https://kms.eu-west-101.myhuaweicloud.eu",
		CTS:  "https://cts.eu-west-101.myhuaweicloud.eu",
		IAM:  "https://iam.eu-west-101.myhuaweicloud.eu",
		STS:  "https://sts.eu-west-101.myhuaweicloud.eu",
	},
}

// DefaultEndpoints derives the public endpoints of a region: the listed hosts
// of a region in regionHosts, else the usual pattern.
func DefaultEndpoints(region string) Endpoints {
	if ep, listed := regionHosts[region]; listed {
		return ep
	}
	return Endpoints{
		CSMS: "https://kms." + region + "." + usualDomain,
		CTS:  "https://cts." + region + "." + usualDomain,
		IAM:  "https://iam." + region + "." + usualDomain,
		// STS (IAM v5 agencies/assume), host as in the SDK's region tables.
		STS: "https://sts." + region + "." + usualDomain,
	}
}

// hasListedHosts reports whether the region's hosts come from regionHosts.
func hasListedHosts(region string) bool {
	_, listed := regionHosts[region]
	return listed
}

// GlobalIAMEndpoint serves IAM for regions without a regional IAM host.
const GlobalIAMEndpoint = "https://iam." + usualDomain
