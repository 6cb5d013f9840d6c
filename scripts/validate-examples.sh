#!/usr/bin/env bash
# `make examples`: checks every example (and the demo configuration) against
# the provider as built from this tree: `terraform fmt -check`, then `terraform validate` of
# each example directory, and of each provider example file on its own (they
# show alternative provider blocks, so they cannot share a module). Offline:
# the provider comes from a dev_overrides CLI configuration.
#
# TERRAFORM names the terraform binary (default: the one on PATH). Import by
# identity needs Terraform 1.12+, actions and list resources (.tfquery.hcl)
# 1.14+: with an older Terraform those examples are skipped, and said so.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hwcloud-examples.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
(cd "$ROOT" && go run ./internal/devenv/cmd/hwcloud-cliconfig "$WORK/bin") >"$WORK/terraformrc"
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"

TERRAFORM="${TERRAFORM:-terraform}"
tf_minor="$("$TERRAFORM" version -json | sed -n 's/.*"terraform_version": *"1\.\([0-9]*\)\..*/\1/p')"
if [ -z "$tf_minor" ]; then
	echo "cannot tell the version of $TERRAFORM" >&2
	exit 1
fi
new_features=1
if [ "$tf_minor" -lt 14 ]; then
	new_features=0
	echo "NOTE: $TERRAFORM is 1.$tf_minor: skipping the import-by-identity, action and list resource examples" \
		"(they need Terraform 1.14+; set TERRAFORM to a newer binary to check them)."
fi

echo "==> terraform fmt -check"
"$TERRAFORM" fmt -check -recursive -diff "$ROOT/examples" "$ROOT/scripts/demo"

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
query_flag= # -query while validating list resource examples
# validate NAME FILE... copies the files into a fresh module and validates it.
validate() {
	local name=$1 dir
	shift
	dir="$WORK/modules/$name"
	mkdir -p "$dir"
	cp "$@" "$dir/"
	if ! grep -qs 'required_providers' "$dir"/*.tf; then
		printf '%s\n' "$versions" >"$dir/versions.tf"
	fi
	if out="$("$TERRAFORM" -chdir="$dir" validate -no-color $query_flag 2>&1)"; then
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
	# Import by identity targets the same address as import by ID, so it is checked on its own below.
	files=()
	for f in "$d"/*.tf; do
		[ "$(basename "$f")" = import-by-identity.tf ] || files+=("$f")
	done
	validate "$(basename "$(dirname "$d")")/$(basename "$d")" "${files[@]}"
done
if [ "$new_features" = 1 ]; then
	for f in "$ROOT"/examples/resources/*/import-by-identity.tf; do
		d="$(dirname "$f")"
		validate "resources/$(basename "$d")/import-by-identity" "$d/resource.tf" "$f"
	done
	for d in "$ROOT"/examples/actions/*; do
		validate "actions/$(basename "$d")" "$d"/*.tf
	done
	query_flag=-query
	for d in "$ROOT"/examples/list-resources/*; do
		validate "list-resources/$(basename "$d")" "$d"/*.tfquery.hcl
	done
	query_flag=
fi
# The example modules need 1.11+ (write-only arguments); `make test-modules` runs their tests.
if [ "$tf_minor" -ge 11 ]; then
	for d in "$ROOT"/examples/modules/*; do
		validate "modules/$(basename "$d")" "$d"/*.tf
	done
else
	echo "NOTE: $TERRAFORM is 1.$tf_minor: skipping the example modules (they need 1.11+)."
fi
validate "scripts/demo" "$ROOT/scripts/demo/main.tf"

exit "$failed"
