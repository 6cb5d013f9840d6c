package provider

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// stubData is provider data whose client sends every service to h, for unit
// tests that script the API's answers.
func stubData(t *testing.T, h http.Handler) *providerData {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	client, err := hwc.New(hwc.Config{
		Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef", AuthToken: "stub-token",
		Endpoints: hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &providerData{client: client, region: "cn-north-4"}
}
