package main

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// yamlItem is one "- " entry of a top-level list in .goreleaser.yml: its
// scalar keys, and its block lists of scalars (goos, goarch). It reads only
// the plain shape the file uses, so a reshaped file fails this test loudly
// rather than passing it by accident.
type yamlItem struct {
	scalars map[string]string
	lists   map[string][]string
}

func topLevelList(t *testing.T, data, key string) []yamlItem {
	t.Helper()
	var items []yamlItem
	in, listKey := false, ""
	for _, line := range strings.Split(data, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if !strings.HasPrefix(line, " ") {
			in = line == key+":"
			continue
		}
		if !in {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if indent == 2 && strings.HasPrefix(trimmed, "- ") {
			items = append(items, yamlItem{scalars: map[string]string{}, lists: map[string][]string{}})
			trimmed = strings.TrimPrefix(trimmed, "- ")
			indent = 4
		}
		if len(items) == 0 {
			t.Fatalf("%s: unexpected line %q", key, line)
		}
		it := &items[len(items)-1]
		switch {
		case indent == 4 && strings.HasSuffix(trimmed, ":"):
			listKey = strings.TrimSuffix(trimmed, ":")
		case indent == 4:
			k, v, _ := strings.Cut(trimmed, ":")
			it.scalars[k] = strings.Trim(strings.TrimSpace(v), `"`)
			listKey = ""
		case indent == 6 && strings.HasPrefix(trimmed, "- ") && listKey != "":
			it.lists[listKey] = append(it.lists[listKey], strings.Trim(strings.TrimPrefix(trimmed, "- "), `"`))
		}
	}
	return items
}

func byID(items []yamlItem, id string) *yamlItem {
	for i := range items {
		if items[i].scalars["id"] == id {
			return &items[i]
		}
	}
	return nil
}

// providerAndEmulator returns the provider's and the emulator's item of the
// top-level list key; both must be there.
func providerAndEmulator(t *testing.T, data, key string) (provider, emu *yamlItem) {
	t.Helper()
	items := topLevelList(t, data, key)
	provider, emu = byID(items, "terraform-provider-hwcloud"), byID(items, "hwcloud-emulator")
	if provider == nil || emu == nil {
		t.Fatalf("%s: want ids terraform-provider-hwcloud and hwcloud-emulator, got %+v", key, items)
	}
	return provider, emu
}

// The release builds the emulator for the provider's platforms, archives it
// under its own name, and checksums everything (one checksum section, no
// ids filter, so the emulator archives are in SHA256SUMS).
func TestReleaseConfigShipsTheEmulator(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../../../.goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	data := string(raw)
	provider, emu := providerAndEmulator(t, data, "builds")
	if emu.scalars["main"] != "./internal/emulator/cmd/hwcloud-emulator" || emu.scalars["binary"] != "hwcloud-emulator" {
		t.Errorf("emulator build: main %q binary %q", emu.scalars["main"], emu.scalars["binary"])
	}
	if !slices.Contains(emu.lists["ldflags"], "-s -w -X main.version={{ .Version }}") {
		t.Errorf("emulator build: the version is not stamped: %v", emu.lists["ldflags"])
	}
	for _, k := range []string{"goos", "goarch"} {
		if len(provider.lists[k]) == 0 || !slices.Equal(provider.lists[k], emu.lists[k]) {
			t.Errorf("%s: provider %v, emulator %v: want the same platforms", k, provider.lists[k], emu.lists[k])
		}
	}
	if !strings.Contains(data, "    ignore:\n      - goos: darwin\n        goarch: \"386\"\n    binary: hwcloud-emulator\n") {
		t.Error("emulator build: want the provider's ignore list (no darwin/386)")
	}

	pa, ea := providerAndEmulator(t, data, "archives")
	if pa.scalars["ids"] != "[terraform-provider-hwcloud]" || ea.scalars["ids"] != "[hwcloud-emulator]" {
		t.Errorf("archives must each take one build: %q, %q", pa.scalars["ids"], ea.scalars["ids"])
	}
	if !strings.HasPrefix(ea.scalars["name_template"], "hwcloud-emulator_{{ .Version }}_") {
		t.Errorf("emulator archive name: %q", ea.scalars["name_template"])
	}
	if !strings.Contains(data, "\nchecksum:\n") || strings.Contains(data[strings.Index(data, "\nchecksum:\n"):], "\n  ids:") {
		t.Error("checksum: want one checksum file over every archive (no ids filter)")
	}
}
