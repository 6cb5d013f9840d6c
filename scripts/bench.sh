#!/usr/bin/env bash
# Performance benchmarks, run by `make bench`: builds the provider as
# for a release, the peak-RSS wrapper and the benchmark driver, then runs
# internal/bench/cmd/hwcloud-bench, which drives the real terraform binary
# against an in-process emulator and prints markdown tables on stdout
# (progress goes to stderr). Extra arguments go to hwcloud-bench, e.g.
#   scripts/bench.sh -sizes 1000 -plan-runs 1 -only datasource
# Needs Go and Terraform on PATH; no network, no cloud account.
set -euo pipefail

cd "$(dirname "$0")/.."
export GOTOOLCHAIN=local CHECKPOINT_DISABLE=1

command -v terraform >/dev/null || { echo "bench: terraform is not on PATH" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/hwcloud-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The same flags as the release build (.goreleaser.yml), so the size is what users download.
build_flags=(-trimpath -ldflags "-s -w -X main.version=bench")
echo "bench: building the provider, the wrapper and the driver" >&2
CGO_ENABLED=0 go build "${build_flags[@]}" -o "$work/bin/terraform-provider-hwcloud" .
go build -o "$work/bin/peakrss-provider" ./internal/bench/cmd/peakrss-provider
CGO_ENABLED=0 go build "${build_flags[@]}" -o "$work/bin/floor-provider" ./internal/bench/cmd/floor-provider
go build -o "$work/bin/hwcloud-bench" ./internal/bench/cmd/hwcloud-bench

"$work/bin/hwcloud-bench" \
	-provider "$work/bin/terraform-provider-hwcloud" \
	-wrapper "$work/bin/peakrss-provider" \
	-floor "$work/bin/floor-provider" \
	-work "$work/run" \
	-build-command 'CGO_ENABLED=0 go build -trimpath -ldflags "-s -w"' \
	-command "make bench" \
	"$@"
