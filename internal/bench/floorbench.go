package bench

import (
	"strconv"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/bench/floor"
)

// newFloorWorkspace is a workspace whose hwcloud provider is the floor
// provider (bins.Floor) answering with n secrets.
func newFloorWorkspace(dir string, bins Binaries, config string, n int) (*Workspace, error) {
	fb := bins
	fb.Provider = bins.Floor
	w, err := NewWorkspace(dir, fb, config)
	if err != nil {
		return nil, err
	}
	w.env = append(w.env, floor.EnvSecrets+"="+strconv.Itoa(n))
	return w, nil
}
