package hwc

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Project is an IAM project; in Huawei Cloud each region has one default
// project named after the region.
type Project struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	DomainID string `json:"domain_id"` // the account
	Enabled  bool   `json:"enabled"`
}

// ListProjects lists the caller's IAM projects, only those named name when
// name is not empty (GET /v3/projects?name=).
func (c *Client) ListProjects(ctx context.Context, name string) ([]Project, error) {
	var query url.Values
	if name != "" {
		query = url.Values{"name": {name}}
	}
	return c.listProjects(ctx, "/v3/projects", query)
}

// ListAuthProjects lists the projects the caller may access
// (GET /v3/auth/projects, KeystoneListAuthProjects in Huawei's SDK).
//
// It is the call that proves credentials (CheckCredentials) because any IAM
// user may make it: Huawei's page "Listing Projects Accessible to an IAM
// User" (IAM API reference, iam_06_0003; read 2026-12-06 in its intl/en-us and
// eu editions, the my-kualalumpur-1 copy dated 2022-08-16) says under
// Authorization Information "You do not need to obtain permissions to call
// this API" and describes X-Auth-Token as "IAM user token (no special
// permission requirements)"; it can be called on the global and the
// regional IAM endpoints. GET /v3/projects (KeystoneListProjects), the
// project lookup, is the alternative, but its page lists no such promise.
// The SDK calls it signed with AK/SK like any other IAM call.
func (c *Client) ListAuthProjects(ctx context.Context) ([]Project, error) {
	return c.listProjects(ctx, "/v3/auth/projects", nil)
}

// CheckCredentials proves that IAM accepts the client's credentials with one
// read any IAM user may make (ListAuthProjects). The error is the call's:
// IsUnauthorized for credentials IAM refused, IsNetworkFailure for an IAM
// that could not be reached (after the usual retries).
func (c *Client) CheckCredentials(ctx context.Context) error {
	_, err := c.ListAuthProjects(ctx)
	return err
}

// listProjects runs an IAM project list on the configured endpoint, falling
// back to the global endpoint when a derived regional host cannot be reached.
func (c *Client) listProjects(ctx context.Context, path string, query url.Values) ([]Project, error) {
	projects, err := c.listProjectsAt(ctx, c.endpoints.iam, path, query)
	if err != nil && c.endpoints.iamDerived && notSent(err) {
		// Not every region has its own IAM host; the global one serves them all.
		tflog.SubsystemDebug(ctx, LogSubsystem, "regional IAM unreachable, trying the global endpoint",
			map[string]any{"error": err.Error()})
		projects, globalErr := c.listProjectsAt(ctx, c.endpoints.globalIAM, path, query)
		if globalErr != nil {
			return nil, fmt.Errorf("regional IAM: %w; global IAM: %w", err, globalErr)
		}
		return projects, nil
	}
	return projects, err
}

func (c *Client) listProjectsAt(ctx context.Context, base *url.URL, path string, query url.Values) ([]Project, error) {
	var out projectList
	err := c.do(ctx, request{
		method: http.MethodGet, base: base, path: path, params: query, out: &out,
	})
	if err != nil {
		return nil, err
	}
	return out.Projects, nil
}

// projectList is the body of both project lists: {"projects": [...], "links": {...}}.
type projectList struct {
	Projects []Project `json:"projects"`
}

// ResolveProjectID looks up the project named after the region and keeps its
// id for every later call. It asks IAM only once however many goroutines call
// it, and returns the known id without asking when there already is one.
func (c *Client) ResolveProjectID(ctx context.Context) (string, error) {
	c.resolveMu.Lock()
	defer c.resolveMu.Unlock()
	if id := c.ProjectID(); id != "" {
		return id, nil
	}
	region := c.cfg.Region
	if region == "" {
		return "", fmt.Errorf("hwc: the project id is not configured and cannot be looked up without a region")
	}
	projects, err := c.ListProjects(ctx, region)
	if err != nil {
		return "", fmt.Errorf("looking up the project of region %q in IAM: %w", region, err)
	}
	var matches []Project
	for _, p := range projects {
		if p.Name == region { // IAM filters by name already; this guards against a service that does not
			matches = append(matches, p)
		}
	}
	switch {
	case len(matches) == 0:
		return "", fmt.Errorf("IAM has no project named %q (0 found): check the region, or set the project id explicitly", region)
	case len(matches) > 1:
		return "", fmt.Errorf("IAM has %d projects named %q: set the project id explicitly", len(matches), region)
	case matches[0].ID == "":
		return "", fmt.Errorf("IAM returned the project %q without an id", region)
	}
	c.setProjectID(matches[0].ID)
	return matches[0].ID, nil
}
