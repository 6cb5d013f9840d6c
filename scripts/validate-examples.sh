#!/usr/bin/env bash
# `make examples`: checks every example (and the demo configuration) against
# the provider as built from this tree: `terraform fmt -check`, then `terraform validate` of
# each example directory, and of each provider example file on its own (they
# show alternative provider blocks, so they cannot share a module). Offline:
# the provider comes from a dev_overrides CLI configuration.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hwcloud-examples.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
(cd "$ROOT" && go run ./internal/devenv/cmd/hwcloud-cliconfig "$WORK/bin") >"$WORK/terraformrc"
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"

echo "==> terraform fmt -check"
terraform fmt -check -recursive -diff "$ROOT/examples" "$ROOT/scripts/demo"

echo "==> building the provider"
(cd "$ROOT" && go build -o "$WORK/bin/terraform-provider-hwcloud" .)

versions='terraform {
  required_providers {
    hwcloud = {
      source = "hwcloud-oss/hwcloud"
    }
  }
}'

failed=0
# validate NAME FILE... copies the files into a fresh module and validates it.
validate() {
	local name=$1 dir
	shift
	dir="$WORK/modules/$name"
	mkdir -p "$dir"
	cp "$@" "$dir/"
	if ! grep -q 'required_providers' "$dir"/*.tf; then
		printf '%s\n' "$versions" >"$dir/versions.tf"
	fi
	if out="$(terraform -chdir="$dir" validate -no-color 2>&1)"; then
		echo "ok    $name"
	else
		echo "FAIL  $name"
		printf '%s\n' "$out" | sed 's/^/      /'
		failed=1
	fi
}

echo "==> terraform validate"
for f in "$ROOT"/examples/provider/*.tf; do
	validate "provider/$(basename "$f" .tf)" "$f"
done
for d in "$ROOT"/examples/resources/* "$ROOT"/examples/data-sources/* "$ROOT"/examples/ephemeral-resources/*; do
	validate "$(basename "$(dirname "$d")")/$(basename "$d")" "$d"/*.tf
done
validate "scripts/demo" "$ROOT/scripts/demo/main.tf"

exit "$failed"
