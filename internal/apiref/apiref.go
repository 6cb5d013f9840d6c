// Package apiref reads the reference material some tests compare against:
// requests that Huawei's SDK signed, and state files the official huaweicloud
// provider wrote. That material is evidence gathered from Huawei's own
// clients and is not part of this repository; tests read it from the folder
// shared/api beside the repository's root, or from where the environment
// variable HWCLOUD_API_REFERENCE points. Without it those tests skip, except
// under CI (CI set), where they fail: CI machines have the folder.
package apiref

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// EnvDir overrides where the reference material is.
const EnvDir = "HWCLOUD_API_REFERENCE"

// Dir is the folder of the reference material.
func Dir() string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	_, here, _, _ := runtime.Caller(0)
	// here is <root>/internal/apiref/apiref.go.
	root := filepath.Dir(filepath.Dir(filepath.Dir(here)))
	return filepath.Join(filepath.Dir(root), "shared", "api")
}

// ReadFile reads a file of the reference material, rel being a slash path
// inside it (for example "official-state/huaweicloud_csms_event.json").
func ReadFile(tb testing.TB, rel string) []byte {
	tb.Helper()
	path := filepath.Join(Dir(), filepath.FromSlash(rel))
	raw, err := os.ReadFile(path)
	switch {
	case err == nil:
		return raw
	case errors.Is(err, fs.ErrNotExist) && os.Getenv("CI") == "":
		tb.Skipf("the API reference material is not here (%s); set %s to its folder to run this test", path, EnvDir)
	default:
		tb.Fatalf("reading the API reference material: %v (set %s to its folder)", err, EnvDir)
	}
	return nil
}
