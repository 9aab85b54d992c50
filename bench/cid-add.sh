#!/usr/bin/env bash
# Side-by-side timing of `desci cid` and `desci add` on a 1 GiB file against
# the hashing and disk limits Kubo is itself measured against
# (see ../shared/FACTS.md): openssl dgst -sha256, and a durable copy with dd.
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
file="$out/random-${size}MiB.bin"
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" != "$((size << 20))" ]; then
	head -c "$((size << 20))" /dev/urandom >"$file"
fi
cat "$file" >/dev/null # warm the page cache, as for both sides

# t CMD...: prints "seconds maxrss_kib"
t() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$out/openssl" ; : >"$out/cid" ; : >"$out/dd" ; : >"$out/add"
for i in $(seq "$runs"); do
	read -r s m < <(t openssl dgst -sha256 "$file"); echo "$s" >>"$out/openssl"
	read -r s m < <(t "$out/desci" cid "$file"); echo "$s $m" >>"$out/cid"
	echo "run $i: openssl $(tail -n1 "$out/openssl") s, desci cid $(tail -n1 "$out/cid" | cut -d' ' -f1) s"
done
for i in $(seq "$runs"); do
	rm -f "$out/copy"; sync
	read -r s m < <(t dd if="$file" of="$out/copy" bs=4M conv=fsync status=none); echo "$s" >>"$out/dd"
	rm -rf "$out/store" "$out/copy"; sync
	read -r s m < <(t "$out/desci" --data-dir "$out/store" add "$file"); echo "$s $m" >>"$out/add"
	echo "run $i: dd conv=fsync $(tail -n1 "$out/dd") s, desci add $(tail -n1 "$out/add" | cut -d' ' -f1) s"
done
rm -rf "$out/store" "$out/copy"

o=$(median <"$out/openssl"); c=$(cut -d' ' -f1 "$out/cid" | median)
d=$(median <"$out/dd"); a=$(cut -d' ' -f1 "$out/add" | median)
cm=$(cut -d' ' -f2 "$out/cid" | sort -n | tail -n1); am=$(cut -d' ' -f2 "$out/add" | sort -n | tail -n1)
echo
echo "size ${size} MiB, median of ${runs}, $(nproc) cores"
printf 'desci cid  %6.2f s   openssl %6.2f s   ratio %.2f (target <= 0.60)   peak %d MiB\n' "$c" "$o" "$(awk "BEGIN{print $c/$o}")" "$((cm / 1024))"
printf 'desci add  %6.2f s   dd fsync %5.2f s   ratio %.2f (target <= 1.10)   peak %d MiB\n' "$a" "$d" "$(awk "BEGIN{print $a/$d}")" "$((am / 1024))"
