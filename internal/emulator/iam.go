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
	name, filtered := c.query["name"]
	return e.projectList("/v3/projects", func(p Project) bool { return !filtered || p.Name == name[0] }), nil
}

// listAuthProjects serves GET /v3/auth/projects, the projects the caller may
// access ("Listing Projects Accessible to an IAM User"): every project of the
// account here, since the emulator has one user. It takes no parameters and
// needs no permission; a wrong key gets the gateway's 401 APIG.0301 from
// authenticate before this runs, like every call.
func (e *Emulator) listAuthProjects(*call) (reply, error) {
	return e.projectList("/v3/auth/projects", func(Project) bool { return true }), nil
}

// emulatorDomainName is the account name of the emulator's domain (design:
// any name does; it is the one /v3/auth/domains reports).
const emulatorDomainName = "hwcloud-emulator"

// listAuthDomains serves GET /v3/auth/domains ("Querying Account Information
// Accessible to an IAM User", iam_07_0001): the emulator's one account. No
// parameters and no permission needed. The page asks for X-Auth-Token; a
// signed call is accepted too, as on every route (Huawei's SDK signs it).
func (e *Emulator) listAuthDomains(*call) (reply, error) {
	return ok(map[string]any{
		"domains": []map[string]any{{
			"id": emulatorDomainID, "name": emulatorDomainName, "enabled": true, "description": "",
			"links": map[string]string{"self": "/v3/domains/" + emulatorDomainID},
		}},
		"links": map[string]string{"self": "/v3/auth/domains"},
	}), nil
}

// projectList answers both project lists in IAM's shape.
func (e *Emulator) projectList(self string, keep func(Project) bool) reply {
	all := append([]Project{{ID: e.opts.ProjectID, Name: e.opts.Region}}, e.opts.ExtraProjects...)
	out := []iamProject{}
	for _, p := range all {
		if !keep(p) {
			continue
		}
		out = append(out, iamProject{
			ID: p.ID, Name: p.Name, DomainID: emulatorDomainID, ParentID: emulatorDomainID,
			Enabled: true, Links: map[string]string{"self": "/v3/projects/" + p.ID},
		})
	}
	return ok(map[string]any{
		"projects": out,
		"links":    map[string]any{"self": self, "previous": nil, "next": nil},
	})
}
