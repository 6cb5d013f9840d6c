package emulator

// iamProject is the IAM project model; real responses carry these extra fields too.
type iamProject struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	DomainID    string            `json:"domain_id"`
	ParentID    string            `json:"parent_id"`
	Description string            `json:"description"`
	Enabled     bool              `json:"enabled"`
	IsDomain    bool              `json:"is_domain"`
	Links       map[string]string `json:"links"`
}

// emulatorDomainID is the fixed account (domain) id of every emulated project.
const emulatorDomainID = "d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0"

// listProjects serves GET /v3/projects?name=: the main project is named after
// the region, as in a real account.
func (e *Emulator) listProjects(c *call) (reply, error) {
	all := append([]Project{{ID: e.opts.ProjectID, Name: e.opts.Region}}, e.opts.ExtraProjects...)
	name, filtered := c.query["name"]
	out := []iamProject{}
	for _, p := range all {
		if filtered && p.Name != name[0] {
			continue
		}
		out = append(out, iamProject{
			ID: p.ID, Name: p.Name, DomainID: emulatorDomainID, ParentID: emulatorDomainID,
			Enabled: true, Links: map[string]string{"self": "/v3/projects/" + p.ID},
		})
	}
	return ok(map[string]any{
		"projects": out,
		"links":    map[string]any{"self": "/v3/projects", "previous": nil, "next": nil},
	}), nil
}
