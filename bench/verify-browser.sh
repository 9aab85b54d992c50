#!/usr/bin/env bash
# In-browser CID computation, as the verify page does it (a Web Worker
# running ipfs-unixfs-importer on a File), beside `desci cid` and Kubo's
# `ipfs add -n` on the same file, in one run (issue 16's speed target:
# >= 150 MB/s for 1 GiB in headless Chromium).
#
#   bench/verify-browser.sh [SIZE_MIB] [RUNS]     defaults: 1024 3
#
# Needs Debian's Chromium and web/node_modules (scripts/test.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
runs=${2:-3}
out=bench/out
mkdir -p "$out"
go build -o "$out/desci" ./cmd/desci
ipfs=$(scripts/build-kubo.sh)
file="$out/verify-$size.bin"
[ -f "$file" ] && [ "$(stat -c %s "$file")" = $((size << 20)) ] || head -c $((size << 20)) /dev/urandom >"$file"
cat "$file" >/dev/null # in the page cache for everyone

rm -rf "$out/ipfs" && IPFS_PATH="$out/ipfs" "$ipfs" init --empty-repo --profile=test,unixfs-v1-2025 >/dev/null
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
for i in $(seq "$runs"); do
	d=$(secs "$out/desci" --data-dir "$out/cid-home" cid "$file")
	k=$(secs env IPFS_PATH="$out/ipfs" "$ipfs" add -Q -n "$file")
	printf 'run %d: desci cid %.2f s (%.0f MB/s), ipfs add -n %.2f s (%.0f MB/s)\n' "$i" "$d" "$(echo "$size*1.048576/$d" | bc -l)" "$k" "$(echo "$size*1.048576/$k" | bc -l)"
done

fixture="$out/verify-fixture.json"
rm -f "$fixture"
"$out/desci" demo --http 127.0.0.1:0 --fixture "$fixture" >"$out/verify-demo.log" 2>&1 &
demo=$!
trap 'kill -INT $demo 2>/dev/null; wait $demo 2>/dev/null || true' EXIT
for _ in $(seq 600); do [ -s "$fixture" ] && break; sleep 0.5; done
[ -s "$fixture" ] || { cat "$out/verify-demo.log" >&2; exit 1; }
DESCI_FIXTURE="$fixture" node bench/verify-browser.mjs "$file" "$runs"
