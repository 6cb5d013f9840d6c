#!/usr/bin/env bash
# `make fuzz`: runs every Go fuzz target of the root module for FUZZTIME (default 20000x: a count of executions; a
# duration can fail at its deadline on Go 1.26 with no failing input). Targets are discovered from the
# *_test.go files of each package, so a new `func FuzzX(f *testing.F)` is picked up without editing this file.
set -euo pipefail

cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-20000x}"
ran=0

# go list keeps us inside the root module (nested modules and testdata are not packages of ./...).
# Listed first: a failure inside a process substitution would not stop the script.
packages="$(go list -f '{{.Dir}}{{"\t"}}{{.ImportPath}}' ./...)"
while IFS=$'\t' read -r dir pkg; do
	shopt -s nullglob
	tests=("$dir"/*_test.go)
	shopt -u nullglob
	((${#tests[@]})) || continue
	while read -r target; do
		[[ -n "$target" ]] || continue
		echo "=== fuzz ${pkg} ${target} (${fuzztime})"
		go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "$pkg"
		ran=$((ran + 1))
	done < <(sed -nE 's/^func (Fuzz[A-Za-z0-9_]*)\([A-Za-z_][A-Za-z0-9_]* \*testing\.F\).*/\1/p' "${tests[@]}" | sort -u)
done <<<"$packages"

if ((ran == 0)); then
	echo "fuzz: no fuzz targets found; refusing to pass without fuzzing anything" >&2
	exit 1
fi
echo "fuzz: ran ${ran} fuzz target(s) for ${fuzztime} each"
