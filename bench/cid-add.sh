#!/usr/bin/env bash
# Side-by-side timing of `desci cid` and `desci add` on a 1 GiB file against
# the real Kubo (built by scripts/build-kubo.sh) and the hashing and disk
# limits, all in the same run (see ../shared/FACTS.md):
#   - `ipfs add -n` (same profile, unixfs-v1-2025: the CIDs must agree),
#   - a durable `ipfs add` (flatfs with sync on, Kubo's default datastore),
#   - the two-core SHA-256 limit: the file's size over what
#     `openssl speed -multi NPROC sha256` hashes a second on every core,
#   - openssl dgst -sha256 (one core), and a durable copy with dd.
#
#   bench/cid-add.sh [SIZE_MIB] [RUNS]     defaults: 1024 5
#
# Prints each run, the medians, the ratios and the peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
runs=${2:-5}
out=bench/out
mkdir -p "$out"
go build -o "$out/desci" ./cmd/desci
ipfs=$(scripts/build-kubo.sh)
# A Kubo repo that reaches nothing: the test profile's addresses, no
# bootstrap, no AutoConf; its datastore stays Kubo's default flatfs (sync on).
kubo() { IPFS_PATH="$out/ipfs" IPFS_TELEMETRY=off "$ipfs" "$@"; }
kubo_init() {
	rm -rf "$out/ipfs"
	kubo init --empty-repo --profile=test,unixfs-v1-2025 >/dev/null
	kubo bootstrap rm --all >/dev/null
	kubo config Routing.Type none
}
file="$out/random-${size}MiB.bin"
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" != "$((size << 20))" ]; then
	head -c "$((size << 20))" /dev/urandom >"$file"
fi
cat "$file" >/dev/null # warm the page cache, as for both sides

# t CMD...: prints "seconds maxrss_kib"
t() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$out/openssl" ; : >"$out/cid" ; : >"$out/dd" ; : >"$out/add" ; : >"$out/kubo-n" ; : >"$out/kubo-add" ; : >"$out/limit"
kubo_init
want=$("$out/desci" cid "$file")
got=$(kubo add -n -Q --offline "$file")
if [ "$want" != "$got" ]; then
	echo "CIDs differ: desci cid $want, ipfs add -n $got" >&2
	exit 1
fi
for i in $(seq "$runs"); do
	# Two-core limit: bytes a second over every core, from openssl's table
	# (thousands of bytes a second).
	rate=$(openssl speed -seconds 2 -bytes 1048576 -multi "$(nproc)" -evp sha256 2>/dev/null | awk '$1=="sha256"{sub(/k$/,"",$NF); print $NF*1000}')
	awk "BEGIN{print $((size << 20))/$rate}" >>"$out/limit"
	read -r s m < <(t openssl dgst -sha256 "$file"); echo "$s" >>"$out/openssl"
	read -r s m < <(t "$out/desci" cid "$file"); echo "$s $m" >>"$out/cid"
	read -r s m < <(t env IPFS_PATH="$out/ipfs" IPFS_TELEMETRY=off "$ipfs" add -n -Q --offline "$file"); echo "$s $m" >>"$out/kubo-n"
	echo "run $i: limit $(tail -n1 "$out/limit") s, openssl $(tail -n1 "$out/openssl") s, desci cid $(tail -n1 "$out/cid" | cut -d' ' -f1) s, ipfs add -n $(tail -n1 "$out/kubo-n" | cut -d' ' -f1) s"
done
for i in $(seq "$runs"); do
	rm -f "$out/copy"; sync
	read -r s m < <(t dd if="$file" of="$out/copy" bs=4M conv=fsync status=none); echo "$s" >>"$out/dd"
	rm -rf "$out/store" "$out/copy"; sync
	read -r s m < <(t "$out/desci" --data-dir "$out/store" add "$file"); echo "$s $m" >>"$out/add"
	kubo_init; sync
	read -r s m < <(t env IPFS_PATH="$out/ipfs" IPFS_TELEMETRY=off "$ipfs" add -Q --offline "$file"); echo "$s $m" >>"$out/kubo-add"
	echo "run $i: dd conv=fsync $(tail -n1 "$out/dd") s, desci add $(tail -n1 "$out/add" | cut -d' ' -f1) s, ipfs add (flatfs, sync) $(tail -n1 "$out/kubo-add" | cut -d' ' -f1) s"
done
rm -rf "$out/store" "$out/copy" "$out/ipfs"

o=$(median <"$out/openssl"); c=$(cut -d' ' -f1 "$out/cid" | median)
d=$(median <"$out/dd"); a=$(cut -d' ' -f1 "$out/add" | median)
l=$(median <"$out/limit"); kn=$(cut -d' ' -f1 "$out/kubo-n" | median); ka=$(cut -d' ' -f1 "$out/kubo-add" | median)
cm=$(cut -d' ' -f2 "$out/cid" | sort -n | tail -n1); am=$(cut -d' ' -f2 "$out/add" | sort -n | tail -n1)
echo
echo "size ${size} MiB, median of ${runs}, $(nproc) cores, $(grep -q sha_ni /proc/cpuinfo && echo SHA-NI || echo 'no SHA-NI'), Kubo $(kubo version --number)"
printf 'desci cid  %6.2f s   openssl %6.2f s   ratio %.2f (target <= 0.60)   peak %d MiB\n' "$c" "$o" "$(awk "BEGIN{print $c/$o}")" "$((cm / 1024))"
printf 'desci add  %6.2f s   dd fsync %5.2f s   ratio %.2f (target <= 1.10)   peak %d MiB\n' "$a" "$d" "$(awk "BEGIN{print $a/$d}")" "$((am / 1024))"
printf 'desci cid  %6.2f s   %d-core SHA-256 limit %5.2f s   ratio %.2f (goal <= 1.10)\n' "$c" "$(nproc)" "$l" "$(awk "BEGIN{print $c/$l}")"
printf 'desci cid  %6.2f s   ipfs add -n %5.2f s   ratio %.2f\n' "$c" "$kn" "$(awk "BEGIN{print $c/$kn}")"
printf 'desci add  %6.2f s   ipfs add %8.2f s   ratio %.2f (goal <= 1.00; both durable)\n' "$a" "$ka" "$(awk "BEGIN{print $a/$ka}")"
