#!/usr/bin/env bash
# `make test-modules`: runs `terraform test` in every module under
# examples/modules/ that has a tests/ folder, against the hwcloud emulator, the
# way a module author's CI would (see docs/guides/testing-modules-offline.md):
#
#   1. build the provider and the emulator from this tree;
#   2. start the emulator on a free port with the module's tests/seed.json (if
#      any), wait for the file it writes its HW_* variables to, and export them;
#   3. run `terraform get` (the tests' helper modules; the provider comes from
#      a dev_overrides CLI configuration, so there is no `terraform init` and
#      no download) and `terraform test`, and stop the emulator (trap).
#
# Each module is tested twice: on a well-behaved emulator, then on one that
# injects faults (MODULE_TEST_FAULTS, an emulator -faults spec; empty skips the
# second pass): a quarter of all calls throttled (429) and the first create of
# a secret and of an event applied with its answer lost, so a module is shown
# to apply through what the provider is built to recover from. TERRAFORM names the CLI (default: terraform on PATH;
# OpenTofu works too). The modules need Terraform or OpenTofu 1.11+ (the
# secret's value is write-only): an older CLI skips them, and says so.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hwcloud-test-modules.XXXXXX")"
EMULATOR_PID=""
stop_emulator() {
	if [ -n "$EMULATOR_PID" ]; then
		kill -TERM "$EMULATOR_PID" 2>/dev/null || true
		wait "$EMULATOR_PID" 2>/dev/null || true
		EMULATOR_PID=""
	fi
}
trap 'stop_emulator; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

TERRAFORM="${TERRAFORM:-terraform}"
FAULTS="${MODULE_TEST_FAULTS-rate=0.25,kinds=429,seed=7,lose=CreateSecret:1+CreateSecretEvent:1}"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0

# A real account's credentials or endpoints must not reach these runs (an
# HW_AUTH_TOKEN would win over the emulator's AK/SK): drop them all, the rule
# of internal/devenv.
while read -r name; do
	unset "$name"
done < <(env | sed -n 's/^\(\(HW_\|CLOUD_SDK_\|HWCLOUD_\)[A-Za-z0-9_]*\)=.*/\1/p')

minor="$("$TERRAFORM" version -json | sed -n 's/.*"terraform_version": *"1\.\([0-9]*\)\..*/\1/p')"
if [ -z "$minor" ]; then
	echo "test-modules: cannot tell the version of $TERRAFORM" >&2
	exit 1
fi
if [ "$minor" -lt 11 ]; then
	echo "test-modules: SKIPPED: $TERRAFORM is 1.$minor; the example modules need 1.11+ (write-only arguments)."
	exit 0
fi

echo "==> building the provider and the emulator"
version="$(cd "$ROOT" && git describe --tags --always --dirty 2>/dev/null || echo dev)"
(cd "$ROOT" && go build -o "$WORK/bin/terraform-provider-hwcloud" . &&
	go build -ldflags "-X main.version=$version" -o "$WORK/hwcloud-emulator" ./internal/emulator/cmd/hwcloud-emulator)
(cd "$ROOT" && go run ./internal/devenv/cmd/hwcloud-cliconfig "$WORK/bin") >"$WORK/terraformrc"
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"
"$TERRAFORM" version | sed -n 1p

# start_emulator SEED FAULTS: starts the emulator on a free port and exports
# the HW_* variables it writes once it is listening.
start_emulator() {
	local seed=$1 faults=$2 env_file="$WORK/emulator.env" args=()
	rm -f "$env_file"
	args=(-listen 127.0.0.1:0 -env-file "$env_file")
	[ -z "$seed" ] || args+=(-seed "$seed")
	[ -z "$faults" ] || args+=(-faults "$faults")
	"$WORK/hwcloud-emulator" "${args[@]}" >"$WORK/emulator.log" 2>&1 &
	EMULATOR_PID=$!
	for _ in $(seq 300); do
		[ -f "$env_file" ] && break
		if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
			wait "$EMULATOR_PID" || true
			EMULATOR_PID=""
			echo "test-modules: the emulator did not start:" >&2
			cat "$WORK/emulator.log" >&2
			return 1
		fi
		sleep 0.1
	done
	[ -f "$env_file" ] || { echo "test-modules: the emulator wrote no $env_file in 30s" >&2; return 1; }
	set -a
	# shellcheck disable=SC1090
	. "$env_file"
	set +a
}

failed=0
found=0
for dir in "$ROOT"/examples/modules/*/; do
	name="$(basename "$dir")"
	[ -d "$dir/tests" ] || continue
	found=1
	seed=""
	[ ! -f "$dir/tests/seed.json" ] || seed="$dir/tests/seed.json"
	passes=("well-behaved|")
	[ -z "$FAULTS" ] || passes+=("faults $FAULTS|$FAULTS")
	for pass in "${passes[@]}"; do
		label="${pass%%|*}" faults="${pass#*|}"
		echo "==> $name: terraform test (emulator: $label)"
		# A copy, so the run leaves nothing (.terraform, lock files) in the tree.
		rm -rf "$WORK/module" && cp -R "$dir" "$WORK/module"
		# get installs the tests' helper modules (local paths) and no provider:
		# the provider comes from the dev override, so nothing is downloaded.
		"$TERRAFORM" -chdir="$WORK/module" get -no-color >"$WORK/get.log" 2>&1 ||
			{ cat "$WORK/get.log"; failed=1; continue; }
		start_emulator "$seed" "$faults"
		if "$TERRAFORM" -chdir="$WORK/module" test -no-color; then
			echo "ok    $name ($label)"
		else
			echo "FAIL  $name ($label); the emulator's log:"
			sed 's/^/      /' "$WORK/emulator.log"
			failed=1
		fi
		if [ -n "$faults" ] && command -v curl >/dev/null; then
			echo "      faults injected: $(curl -fsS "$HW_CSMS_ENDPOINT/_emulator/v1/fault-stats" || echo '?')"
		fi
		stop_emulator
	done
done
[ "$found" = 1 ] || { echo "test-modules: no module with tests under examples/modules/" >&2; exit 1; }
exit "$failed"
