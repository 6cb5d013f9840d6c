package csms

import (
	"context"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// What the external tests (package csms_test, which may import the
// provider) reach inside the package.
const (
	SecretsTypeName = "hwcloud_csms_secrets"
	SecretsPageSize = hwc.ResourceInstancesMaxPage
)

var BenchSecretsWire = benchSecretsWire

// QueryAllSecrets runs the data source's query without a filter.
func QueryAllSecrets(ctx context.Context, client *hwc.Client) ([]hwc.ResourceInstance, error) {
	return querySecrets(ctx, client, secretsQuery{})
}
