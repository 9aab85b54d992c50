#!/usr/bin/env bash
# Bulk enrollment and consent import through the built binary (issue 18),
# on both registry backends side by side: the embedded bbolt file and a
# PostgreSQL server this script starts (Debian's binaries, a temp dir, as
# nobody under root). For each: enroll N subjects from a CSV (target:
# 100,000 in under 30 s), enroll the same file again (idempotent), and
# import M wallet-signed consents from a JSON Lines file, each notarized
# and queued for anchoring.
#
#   bench/bulk-consent.sh [SUBJECTS] [DOCUMENTS]     defaults: 100000 10000
#
# Prints each command's wall time and peak memory, then a table of both.
set -euo pipefail
cd "$(dirname "$0")/.."
subjects=${1:-100000}
documents=${2:-10000}
out=$PWD/bench/out/bulk-consent
rm -rf "$out"
mkdir -p "$out"
go build -o "$out/desci" ./cmd/desci
export DESCI_PASSPHRASE=bench

# A throwaway PostgreSQL server.
pgbin=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
pgdir=$(mktemp -d /tmp/desci-bench-pg.XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then
	chown nobody: "$pgdir"
	as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust --no-sync >/dev/null
"${as[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
	-o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdir -c fsync=off" start >/dev/null
trap '"${as[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null; rm -rf "$pgdir"' EXIT
database="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"

declare -A secs
run() { # backend, label, args...
	local backend=$1 label=$2
	shift 2
	echo "  $label:"
	/usr/bin/time -o "$out/time" -f '%e %M' "$out/desci" --data-dir "$home" --lightkdf "$@" >/dev/null
	read -r s kib <"$out/time"
	echo "    $s s wall, $kib KiB peak"
	secs[$backend,$label]=$s
}
for backend in bbolt postgres; do
	echo "$backend:"
	home="$out/home-$backend"
	unset DESCI_DATABASE
	[ "$backend" = postgres ] && export DESCI_DATABASE=$database
	"$out/desci" --data-dir "$home" --lightkdf keys new >/dev/null
	mkdir -p "$out/$backend"
	go run ./bench/bulk-consent -data-dir "$home" -subjects "$subjects" -documents "$documents" -out "$out/$backend"
	run $backend "enroll $subjects" consent enroll --study trial-42 --csv "$out/$backend/subjects.csv"
	run $backend "enroll again" consent enroll --study trial-42 --csv "$out/$backend/subjects.csv"
	run $backend "import $documents" consent submit --jsonl "$out/$backend/consents.jsonl"
done
printf '\n%-22s %10s %10s\n' "seconds" bbolt postgres
for label in "enroll $subjects" "enroll again" "import $documents"; do
	printf '%-22s %10s %10s\n' "$label" "${secs[bbolt,$label]}" "${secs[postgres,$label]}"
done
