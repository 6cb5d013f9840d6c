package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework/frameworktest"
)

func TestListResources_beforeConfigure(t *testing.T) {
	t.Parallel()
	for _, newList := range newProvider("test").ListResources(context.Background()) {
		l := newList()
		stream := &list.ListResultsStream{}
		l.List(context.Background(), list.ListRequest{}, stream)
		got := frameworktest.Collect(t, stream.Results, 0)
		if len(got) != 1 || !got[0].Diagnostics.HasError() || got[0].Diagnostics[0].Summary() != "Provider not configured" {
			t.Errorf("%T: want one 'Provider not configured' error, got %v", l, got)
		}
	}
}
