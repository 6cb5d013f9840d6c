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
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ListProjects lists the caller's IAM projects, only those named name when
// name is not empty (GET /v3/projects?name=).
func (c *Client) ListProjects(ctx context.Context, name string) ([]Project, error) {
	projects, err := c.listProjectsAt(ctx, c.endpoints.iam, name)
	if err != nil && c.endpoints.iamDerived && notSent(err) {
		// Not every region has its own IAM host; the global one serves them all.
		tflog.SubsystemDebug(ctx, LogSubsystem, "regional IAM unreachable, trying the global endpoint",
			map[string]any{"error": err.Error()})
		projects, globalErr := c.listProjectsAt(ctx, c.endpoints.globalIAM, name)
		if globalErr != nil {
			return nil, fmt.Errorf("regional IAM: %w; global IAM: %w", err, globalErr)
		}
		return projects, nil
	}
	return projects, err
}

func (c *Client) listProjectsAt(ctx context.Context, base *url.URL, name string) ([]Project, error) {
	var query url.Values
	if name != "" {
		query = url.Values{"name": {name}}
	}
	var out struct {
		Projects []Project `json:"projects"`
	}
	err := c.do(ctx, request{
		method: http.MethodGet, base: base, path: "/v3/projects", params: query, out: &out,
	})
	if err != nil {
		return nil, err
	}
	return out.Projects, nil
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
