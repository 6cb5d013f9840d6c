package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
)

// NewProtocol6Server is the provider's protocol server: the framework's,
// except that ReadDataSource of a data source that implements
// framework.DataSourceWithDirectRead (hwcloud_csms_secrets) is answered by
// its DirectRead. Schemas, validation, configuration and every other call
// stay with the framework. main, the acceptance harness and the benchmarks
// all serve this.
func NewProtocol6Server(version string, opts ...Option) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p := newProvider(version, opts...)
		server, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		fw, ok := server.(frameworkProtocol6)
		if !ok {
			return nil, fmt.Errorf("the framework's protocol server (%T) lacks list, action or state-store support", server)
		}
		return &protocol6Server{frameworkProtocol6: fw, provider: p, directReads: directReaders(p)}, nil
	}
}

// ServeProtocol6 serves NewProtocol6Server(version, opts...) as a plugin
// under address, as main does (and the acceptance harness when Terraform
// starts the test binary as its plugin); debug serves for a debugger.
func ServeProtocol6(address, version string, debug bool, opts ...Option) error {
	server, err := NewProtocol6Server(version, opts...)()
	if err != nil {
		return err
	}
	var serveOpts []tf6server.ServeOpt
	if debug {
		serveOpts = append(serveOpts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer { return server }, serveOpts...)
}

// frameworkProtocol6 is every protocol interface the framework's server
// implements: tf6server finds list resources, actions and state stores by
// type assertion, so the wrapper must embed them all, not only ProviderServer.
type frameworkProtocol6 interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

type protocol6Server struct {
	frameworkProtocol6 // the framework's server: everything not overridden here
	provider           *hwcloudProvider
	// directReads are the data sources read outside the framework, by type name.
	directReads map[string]framework.DataSourceWithDirectRead
}

// directReaders finds the data sources that read themselves.
func directReaders(p *hwcloudProvider) map[string]framework.DataSourceWithDirectRead {
	ctx := context.Background()
	out := map[string]framework.DataSourceWithDirectRead{}
	for _, newDataSource := range p.DataSources(ctx) {
		ds := newDataSource()
		direct, ok := ds.(framework.DataSourceWithDirectRead)
		if !ok {
			continue
		}
		var resp datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: framework.ProviderTypeName}, &resp)
		out[resp.TypeName] = direct
	}
	return out
}

func (s *protocol6Server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	// A deferred configuration (deferral.go) is the framework's to answer:
	// it defers the read as it does for every type.
	if direct, ok := s.directReads[req.TypeName]; ok && !s.provider.deferred.Load() {
		return direct.DirectRead(ctx, s.provider.configured.Load(), req), nil
	}
	return s.frameworkProtocol6.ReadDataSource(ctx, req)
}
