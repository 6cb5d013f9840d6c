#!/usr/bin/env bash
# The hwcloud provider demo: build the provider, start the local Huawei Cloud
# emulator with a few secrets, then apply, re-plan and destroy
# scripts/demo/main.tf with Terraform. Needs only Go and Terraform; no cloud
# account and no network. With --live it runs the same configuration against
# real Huawei Cloud instead (see --help).
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/demo.sh [--faults SPEC | --live]

Without arguments (what `make demo` runs): builds the provider and the
emulator, starts the emulator on a free local port with scripts/demo/seed.json,
and runs terraform apply, output, plan (must show no changes) and destroy on
scripts/demo/main.tf. Everything runs in a temporary directory that is removed
at the end, whatever happens.

--faults SPEC   Make the emulator misbehave while the demo runs, to watch the
                provider retry and recover, e.g.
                  --faults rate=0.3,kinds=429+503,retry_after=1s
                (the emulator's -faults syntax: rate, kinds, retry_after,
                latency, ops, seed, visibility, lose, throttle_for).

--live   Use real Huawei Cloud instead of the emulator. Creates two CSMS
         events and two CTS notifications named hwcloud_demo_* and restore
         guards for the secrets tagged protect=true (cancelling their
         scheduled deletions), then destroys what it created (destroying a
         guard never deletes a secret). Needs:
           HW_REGION_NAME
           HW_ACCESS_KEY and HW_SECRET_KEY (or HW_AUTH_TOKEN)
           TF_VAR_alert_topic_urn, TF_VAR_ops_topic_urn   existing SMN topic URNs
           TF_VAR_function_urn                            an existing FunctionGraph function URN
         Optional: HW_PROJECT_ID, TF_VAR_notify_users (e.g. '[]'),
         TF_VAR_protect_tags, TF_VAR_payments_tags, TF_VAR_name_prefix.

Environment: HWCLOUD_TF picks the command line to run, terraform by default,
e.g. HWCLOUD_TF=tofu (or a path) for OpenTofu; `make demo-tofu` builds the
pinned OpenTofu and runs the demo with it.
EOF
}

LIVE=0
FAULTS=""
while (($# > 0)); do
	case "$1" in
	--live) LIVE=1 ;;
	--faults)
		(($# >= 2)) || {
			usage >&2
			exit 2
		}
		FAULTS=$2
		shift
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
	shift
done
if [[ $LIVE == 1 && -n $FAULTS ]]; then
	echo "demo: --faults only applies to the emulator, not to --live" >&2
	exit 2
fi

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# The configuration's source "hwcloud-oss/hwcloud" means this address on
# Terraform and registry.opentofu.org/hwcloud-oss/hwcloud on OpenTofu (each
# defaults to its own registry), so the local build overrides both.
PROVIDER_ADDRESSES=(registry.terraform.io/hwcloud-oss/hwcloud registry.opentofu.org/hwcloud-oss/hwcloud)
# Terraform or OpenTofu: a name on PATH or a path.
TF_CLI="${HWCLOUD_TF:-terraform}"

step() { printf '\n==> %s\n' "$*"; }
fail() {
	printf 'demo: %s\n' "$*" >&2
	exit 1
}

command -v go >/dev/null || fail "go is not on PATH (the demo needs Go and Terraform or OpenTofu)"
command -v "$TF_CLI" >/dev/null || fail "$TF_CLI is not on PATH (the demo needs Go and Terraform or OpenTofu; HWCLOUD_TF picks the binary)"

if [[ $LIVE == 1 ]]; then
	missing=()
	[[ -n ${HW_REGION_NAME:-} ]] || missing+=(HW_REGION_NAME)
	if [[ -z ${HW_AUTH_TOKEN:-} ]]; then
		[[ -n ${HW_ACCESS_KEY:-${CLOUD_SDK_AK:-}} ]] || missing+=("HW_ACCESS_KEY (or HW_AUTH_TOKEN)")
		[[ -n ${HW_SECRET_KEY:-${CLOUD_SDK_SK:-}} ]] || missing+=("HW_SECRET_KEY (or HW_AUTH_TOKEN)")
	fi
	for v in TF_VAR_alert_topic_urn TF_VAR_ops_topic_urn TF_VAR_function_urn; do
		[[ -n ${!v:-} ]] || missing+=("$v")
	done
	if ((${#missing[@]} > 0)); then
		list="$(printf '%s, ' "${missing[@]}")"
		fail "--live needs ${list%, } (see scripts/demo.sh --help)"
	fi
fi

# Terraform colours only on a terminal, so CI logs stay readable. (A plain
# string, not an array: empty arrays trip `set -u` in the bash 3 of macOS.)
tf_color_flag=""
[[ -t 1 ]] || tf_color_flag="-no-color"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hwcloud-demo.XXXXXX")"
BIN="$WORK/bin"
TFDIR="$WORK/terraform"
EMULATOR_LOG="$WORK/emulator.log"
EMULATOR_PID=""
APPLIED=0
DESTROYED=0

# Runs on every exit: a live run destroys what it created if a later step
# failed, then the emulator is stopped and the temporary directory removed.
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	local keep=0
	if [[ $LIVE == 1 && $APPLIED == 1 && $DESTROYED == 0 ]]; then
		printf '\n==> a step failed: destroying what the demo created\n' >&2
		if ! tf destroy -auto-approve -input=false; then
			keep=1
			printf 'demo: destroy failed; the state is kept in %s: finish with\n  %s -chdir=%s destroy\n' \
				"$TFDIR" "$TF_CLI" "$TFDIR" >&2
		fi
	fi
	if [[ -n $EMULATOR_PID ]]; then
		if ((status != 0 && status != 130 && status != 143)) && [[ -s $EMULATOR_LOG ]]; then
			printf '\n--- last lines of the emulator log ---\n' >&2
			tail -n 20 "$EMULATOR_LOG" >&2 || true
		fi
		kill "$EMULATOR_PID" 2>/dev/null || true
		wait "$EMULATOR_PID" 2>/dev/null || true
	fi
	if [[ $keep == 0 ]]; then
		rm -rf "$WORK"
	fi
	if ((status != 0)); then
		printf '\ndemo: FAILED (exit %d)\n' "$status" >&2
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# tf SUBCOMMAND ARGS... runs Terraform in the demo's working directory.
tf() { "$TF_CLI" -chdir="$TFDIR" "$@" ${tf_color_flag:+"$tf_color_flag"}; }

# http_get HOST PORT PATH prints the response body, using bash's /dev/tcp so
# that the demo needs no HTTP client.
http_get() (
	local host=$1 port=$2 path=$3 response
	exec 3<>"/dev/tcp/$host/$port" || return 1
	printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$host" "$port" >&3
	response="$(cat <&3)"
	printf '%s\n' "${response#*$'\r\n\r\n'}"
)

mkdir -p "$BIN" "$TFDIR"
if [[ $LIVE == 0 ]]; then
	step "building the provider and the emulator"
	(cd "$ROOT" && go build -o "$BIN/hwcloud-emulator" ./internal/emulator/cmd/hwcloud-emulator)
else
	step "building the provider"
fi
(cd "$ROOT" && go build -ldflags "-X main.version=demo" -o "$BIN/terraform-provider-hwcloud" .)

if [[ $LIVE == 0 ]]; then
	step "starting the emulator"
	# Port 0: the emulator picks a free port and prints its URL, so two demos
	# never race for a port.
	emulator_args=(-listen 127.0.0.1:0 -log -seed "$ROOT/scripts/demo/seed.json")
	[[ -z $FAULTS ]] || emulator_args+=(-faults "$FAULTS")
	"$BIN/hwcloud-emulator" "${emulator_args[@]}" >"$EMULATOR_LOG" 2>&1 &
	EMULATOR_PID=$!
	URL=""
	for _ in $(seq 1 100); do
		URL="$(sed -n 's/^HW_CSMS_ENDPOINT=//p' "$EMULATOR_LOG" | head -n 1)"
		[[ -n $URL ]] && break
		kill -0 "$EMULATOR_PID" 2>/dev/null || fail "the emulator exited during start-up"
		sleep 0.1
	done
	[[ -n $URL ]] || fail "the emulator did not print its URL within 10 seconds"
	hostport="${URL#http://}"
	EMULATOR_HOST="${hostport%:*}"
	EMULATOR_PORT="${hostport##*:}"
	for _ in $(seq 1 50); do
		http_get "$EMULATOR_HOST" "$EMULATOR_PORT" /_emulator/counts >/dev/null 2>&1 && break
		sleep 0.1
	done
	http_get "$EMULATOR_HOST" "$EMULATOR_PORT" /_emulator/counts >/dev/null 2>&1 ||
		fail "the emulator does not answer at $URL"
	echo "emulator listening at $URL (pid $EMULATOR_PID)${FAULTS:+, injecting faults: $FAULTS}"
	echo "seeded from scripts/demo/seed.json: $(grep -c '"name"' "$ROOT/scripts/demo/seed.json") tagged secrets," \
		"$(grep -c '"PENDING_DELETE"' "$ROOT/scripts/demo/seed.json") of them scheduled for deletion"

	# Only the emulator's settings: credentials from the caller's environment
	# (a token would even win over AK/SK) must not leak into the demo.
	unset HW_PROJECT_ID HW_AUTH_TOKEN HW_SECURITY_TOKEN CLOUD_SDK_AK CLOUD_SDK_SK HW_INSECURE HW_MAX_RETRIES
	unset TF_VAR_name_prefix TF_VAR_alert_topic_urn TF_VAR_ops_topic_urn TF_VAR_function_urn \
		TF_VAR_notify_users TF_VAR_protect_tags TF_VAR_payments_tags
	# The printed lines are NAME=value environment settings (region,
	# credentials, endpoints). The project ID is left out on purpose, so the
	# provider resolves it through IAM as it would in a real account.
	while IFS='=' read -r name value; do
		case "$name" in
		HW_REGION_NAME | HW_ACCESS_KEY | HW_SECRET_KEY | HW_CSMS_ENDPOINT | HW_CTS_ENDPOINT | HW_IAM_ENDPOINT)
			export "$name=$value"
			;;
		esac
	done < <(grep -E '^HW_[A-Z_]+=' "$EMULATOR_LOG")
	for v in HW_REGION_NAME HW_ACCESS_KEY HW_SECRET_KEY HW_CSMS_ENDPOINT HW_CTS_ENDPOINT HW_IAM_ENDPOINT; do
		[[ -n ${!v:-} ]] || fail "the emulator did not print $v"
	done
fi

step "pointing $TF_CLI at the freshly built provider (dev_overrides)"
{
	echo 'provider_installation {'
	echo '  dev_overrides {'
	for address in "${PROVIDER_ADDRESSES[@]}"; do
		echo "    \"$address\" = \"$BIN\""
	done
	echo '  }'
	echo '  direct {}'
	echo '}'
} >"$WORK/terraformrc"
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
cp "$ROOT/scripts/demo/main.tf" "$TFDIR/main.tf"
echo "TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE"
echo "running $("$TF_CLI" version | sed -n 1p)"
# No `terraform init`: with dev_overrides the provider is used straight from
# $BIN and the configuration needs nothing else; init would try to reach the
# registry for the overridden provider and fail offline.

step "terraform apply"
APPLIED=1
tf apply -auto-approve -input=false

step "terraform output"
tf output

step "second terraform plan (must show no changes)"
set +e
tf plan -detailed-exitcode -input=false
plan_status=$?
set -e
case $plan_status in
0) echo "second plan: no changes" ;;
2) fail "second plan: changes after apply (the provider is not idempotent on this configuration)" ;;
*) fail "second plan: terraform plan failed (exit $plan_status)" ;;
esac

step "terraform destroy"
tf destroy -auto-approve -input=false
DESTROYED=1

if [[ $LIVE == 0 ]]; then
	step "API calls the emulator served"
	# {"counts":{"Op":n,...},"total":n} -> one "Op n" line each, without a JSON tool.
	counts="$(http_get "$EMULATOR_HOST" "$EMULATOR_PORT" /_emulator/counts || true)"
	ops="${counts#*\"counts\":\{}"
	ops="${ops%%\}*}"
	tr ',' '\n' <<<"$ops" | tr -d '"' | awk -F: 'NF == 2 { printf "  %-26s %s\n", $1, $2 }'
	total="${counts##*\"total\":}"
	printf '  %-26s %s\n' total "${total%\}*}"
	case "$counts" in
	*'"DeleteSecret":'* | *'"ScheduleSecretDeletion":'*)
		fail "a secret was deleted or scheduled for deletion: destroying a restore guard must never do that"
		;;
	esac
	echo "no secret was deleted or scheduled for deletion: destroying the restore guards left them alone"
fi

step "demo finished"
