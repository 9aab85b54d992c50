#!/usr/bin/env bash
# Plays docker-compose.yml's topology with native binaries (there is no
# Docker engine here): the desci-init step, geth --dev, Kubo, and desci
# serve, each with the flags and environment docker-compose.yml and
# docker/entrypoint.sh give it. cmd/desci/cli's TestComposeNative checks
# that the two cannot drift: the arrays marked "compose:" below must equal
# the compose file's, but for what a container network changes (service
# names become 127.0.0.1 and free ports, volumes become directories).
#
#   scripts/compose-native.sh            start everything, print the URLs,
#                                        run until interrupted
#   scripts/compose-native.sh --check    start, check it works, stop
#   scripts/compose-native.sh --demo     start, then play desci demo's story
#                                        against the server over HTTP, stop
#
# Kubo runs when scripts/build-kubo.sh is there (offline: no route out),
# else the topology is geth and desci serve only, and it says so.
# The work dir (data, logs) is $COMPOSE_NATIVE_DIR or a temporary one,
# removed at the end unless COMPOSE_NATIVE_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

check=false
demo=false
[ "${1:-}" = --check ] && check=true
[ "${1:-}" = --demo ] && demo=true

work=${COMPOSE_NATIVE_DIR:-$(mktemp -d -t desci-compose-XXXXXX)}
mkdir -p "$work/bin" "$work/data" "$work/geth" "$work/logs"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill -INT "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [ "${COMPOSE_NATIVE_KEEP:-}" != 1 ]; then
		rm -rf "$work"
	else
		echo "compose-native: kept $work" >&2
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "compose-native: $*" >&2; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
waitfor() { # waitfor WHAT URL [curl args]: until it answers, 120 s at most
	local what=$1 url=$2
	shift 2
	for _ in $(seq 600); do
		if curl -sf "$@" "$url" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.2
	done
	say "$what did not answer on $url; its log:"
	tail -n 40 "$work/logs/$what.log" >&2 || true
	exit 1
}

geth_bin=$(scripts/build-geth.sh)
say "building desci"
go build -o "$work/bin/desci" ./cmd/desci
export PATH="$work/bin:$PATH"

gport=$(freeport)
hport=$(freeport)
rpc="http://127.0.0.1:$gport"

# compose: desci-init (the desci-data volume is $work/data)
export DESCI_HOME="$work/data"
export DESCI_PASSPHRASE="${DESCI_PASSPHRASE:-compose native}"
"$root/docker/entrypoint.sh" init >&2 # (it prints the new key)
# compose's secret desci_passphrase, which it mounts at /run/secrets/.
secret="$work/secrets/desci_passphrase"
mkdir -p "$work/secrets"
(umask 077 && printf '%s' "$DESCI_PASSPHRASE" >"$secret")

# compose: geth
geth_args=(
	--dev
	--dev.period=2
	--datadir="$work/geth"
	--keystore="$DESCI_HOME/keystore"
	--password="$secret"
	--http
	--http.addr=127.0.0.1
	--http.api=eth,net,web3,txpool
	--http.vhosts=*
)
"$geth_bin" "${geth_args[@]}" --http.port="$gport" --authrpc.port="$(freeport)" --nodiscover --maxpeers=0 --ipcdisable \
	>"$work/logs/geth.log" 2>&1 &
pids+=($!)
waitfor geth "$rpc" -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}'
say "geth --dev at $rpc"

# compose: kubo
kubo_url=""
if [ -x scripts/build-kubo.sh ]; then
	ipfs_bin=$(scripts/build-kubo.sh)
	export IPFS_PATH="$work/kubo"
	kport=$(freeport)
	gwport=$(freeport)
	# IPFS_PROFILE=server, as the image's init gives it; offline here.
	"$ipfs_bin" init --profile=server >/dev/null
	"$ipfs_bin" bootstrap rm --all >/dev/null
	"$ipfs_bin" config Addresses.API "/ip4/127.0.0.1/tcp/$kport"
	"$ipfs_bin" config Addresses.Gateway "/ip4/127.0.0.1/tcp/$gwport"
	"$ipfs_bin" config --json Addresses.Swarm '[]'
	"$ipfs_bin" daemon --offline >"$work/logs/kubo.log" 2>&1 &
	pids+=($!)
	kubo_url="http://127.0.0.1:$kport"
	waitfor kubo "$kubo_url/api/v0/id" -X POST
	say "Kubo at $kubo_url (gateway http://127.0.0.1:$gwport)"
else
	say "no scripts/build-kubo.sh: no Kubo, so desci serve runs without --kubo"
fi

# compose: desci
serve_env=(
	DESCI_RPC="$rpc"
	DESCI_PASSPHRASE_FILE="$secret"
)
serve_args=(
	serve
	--http=127.0.0.1:$hport
	--rpc=$rpc
	--confirmations=1
	--anchor-interval=30s
	--anchor-batch=1000
	--shutdown-timeout=30s
	--public-url="http://127.0.0.1:$hport"
)
if [ -n "$kubo_url" ]; then
	serve_env+=(DESCI_KUBO="$kubo_url")
	serve_args+=(--kubo="$kubo_url")
fi
serve() {
	env "${serve_env[@]}" "$root/docker/entrypoint.sh" "${serve_args[@]}" >>"$work/logs/desci.log" 2>&1 &
	serve_pid=$!
	pids+=($serve_pid)
	waitfor desci "$base/healthz"
}
base="http://127.0.0.1:$hport"
serve
say "desci serve at $base/ (GraphQL at $base/graphql), data dir $DESCI_HOME"
echo "$base"

if $check; then
	notary=$(sed -n 's/.*"notary_contract": "\([^"]*\)".*/\1/p' "$DESCI_HOME/config.json")
	code=$(curl -sf -H 'Content-Type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getCode\",\"params\":[\"$notary\",\"latest\"]}" "$rpc")
	case $code in
	*'"result":"0x"'* | '') say "no Notary contract at $notary on geth"; exit 1 ;;
	esac
	curl -sf -H 'Content-Type: application/json' -d '{"query":"{ manifests(first: 1) { edges { node { cid } } } }"}' "$base/graphql" >/dev/null
	say "OK: the entry point deployed the Notary at $notary on geth, and the API answers"
	exit 0
fi
if $demo; then
	# What an operator does before the story can be played against the
	# stack (docker compose exec desci ...; then restart desci): a data
	# steward key, a Grants contract and a TestUSD from the server's key,
	# and the demo wallets' roles in config.json.
	say "setting the server up for the demo: steward key, Grants and TestUSD, roles; restarting desci"
	kill -INT "$serve_pid"
	wait "$serve_pid" || true
	notary=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["notary_contract"])' "$DESCI_HOME/config.json")
	desci datasets steward new >/dev/null # (its public key is 1,900 characters)
	dep=$(desci grants deploy --rpc "$rpc" --notary-contract "$notary" --test-token --json)
	token=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["test_token"])' "$dep")
	python3 -c '
import json, sys
path, dep, roles = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
c = json.load(open(path))
c["grants_contract"], c["roles"] = dep["grants_contract"], roles
json.dump(c, open(path, "w"), indent=1)
' "$DESCI_HOME/config.json" "$dep" "$(desci demo --print-roles)"
	serve
	if ! desci demo --server "$base" --rpc "$rpc" --token "$token" --funder-key "$(ls "$DESCI_HOME"/keystore/UTC--* | head -n 1)"; then
		say "the demo failed; the end of desci serve's log:"
		tail -n 40 "$work/logs/desci.log" >&2
		exit 1
	fi
	exit 0
fi
say "running until interrupted (Ctrl-C)"
wait "${pids[@]}"
