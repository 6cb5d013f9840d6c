#!/usr/bin/env bash
# `make demo`: the hwcloud provider demo. Builds the demo command
# (internal/demo/cmd/hwcloud-demo) into bin/ and hands over to it; it builds
# the provider, starts the emulator and drives Terraform. `--help` lists the
# options (--faults SPEC, --live). Needs only Go and Terraform.
set -euo pipefail

cd "$(dirname "$0")/.."
command -v go >/dev/null || { echo "demo: go is not on PATH (the demo needs Go and Terraform)" >&2; exit 1; }
go build -o bin/hwcloud-demo ./internal/demo/cmd/hwcloud-demo
# exec: Ctrl-C and SIGTERM reach the demo itself, which passes them on to Terraform and cleans up.
exec bin/hwcloud-demo "$@"
