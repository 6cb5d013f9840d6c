package bench

import (
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/devenv"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/emulator"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
)

// Cloud is a running emulator plus a client for seeding and paging.
type Cloud struct {
	Server *emulator.Server
	Client *hwc.Client
	opts   emulator.Options
}

// StartCloud starts an emulator on a loopback port.
func StartCloud(opts emulator.Options) (*Cloud, error) {
	srv, err := emulator.Start(opts)
	if err != nil {
		return nil, err
	}
	eff := srv.Emulator.Options()
	client, err := hwc.New(hwc.Config{
		Region: eff.Region, ProjectID: eff.ProjectID, AccessKey: eff.AccessKey, SecretKey: eff.SecretKey,
		Endpoints:  hwc.Endpoints{CSMS: srv.URL, CTS: srv.URL, IAM: srv.URL},
		MaxRetries: 5, UserAgent: "hwcloud-bench",
	})
	if err != nil {
		_ = srv.Close()
		return nil, err
	}
	return &Cloud{Server: srv, Client: client, opts: eff}, nil
}

// Close stops the emulator.
func (c *Cloud) Close() error { return c.Server.Close() }

// Emulator is the in-process emulator (counters, faults, seeding).
func (c *Cloud) Emulator() *emulator.Emulator { return c.Server.Emulator }

// TopicURN is an SMN topic the emulator has by default.
func (c *Cloud) TopicURN() string {
	return emulator.TopicURN(c.opts.Region, c.opts.ProjectID, "hwcloud-demo")
}

// ProviderConfig is the terraform block and provider block for this emulator.
// The project id is given and the credential check is skipped, so no IAM call
// is made and every counted call belongs to the measured work; the start-up
// benchmark counts the check (CheckedProviderConfig).
func (c *Cloud) ProviderConfig() string {
	return devenv.RequiredProviders + "\n" + c.provider().With("skip_credentials_validation = true").HCL()
}

// CheckedProviderConfig is ProviderConfig with the credential check the
// provider makes by default, and without the project id when lookup is set
// (the project lookup is then the check).
func (c *Cloud) CheckedProviderConfig(lookup bool) string {
	p := c.provider()
	if lookup {
		p.ProjectID = ""
	}
	return devenv.RequiredProviders + "\n" + p.HCL()
}

func (c *Cloud) provider() devenv.Provider {
	p := devenv.EmulatorProvider(c.opts.Region, c.Server.URL)
	p.ProjectID, p.AccessKey, p.SecretKey = c.opts.ProjectID, c.opts.AccessKey, c.opts.SecretKey
	return p
}
