#!/usr/bin/env bash
# Bulk enrollment and consent import through the built binary (issue 18):
# enroll N subjects from a CSV (target: 100,000 in under 30 s), enroll the
# same file again (idempotent), and import M wallet-signed consents from a
# JSON Lines file, each notarized and queued for anchoring.
#
#   bench/bulk-consent.sh [SUBJECTS] [DOCUMENTS]     defaults: 100000 10000
#
# Prints each command's wall time and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
subjects=${1:-100000}
documents=${2:-10000}
out=bench/out/bulk-consent
rm -rf "$out"
mkdir -p "$out"
go build -o "$out/desci" ./cmd/desci
export DESCI_PASSPHRASE=bench
home="$out/home"
desci() { "$out/desci" --data-dir "$home" --lightkdf "$@"; }
desci keys new >/dev/null
go run ./bench/bulk-consent -data-dir "$home" -subjects "$subjects" -documents "$documents" -out "$out"

t() { /usr/bin/time -f '  %e s wall, %M KiB peak' "$out/desci" --data-dir "$home" --lightkdf "$@"; }
echo "enroll $subjects subjects (desci consent enroll --csv):"
t consent enroll --study trial-42 --csv "$out/subjects.csv"
echo "the same file again:"
t consent enroll --study trial-42 --csv "$out/subjects.csv"
echo "import $documents signed consents (desci consent submit --jsonl):"
t consent submit --jsonl "$out/consents.jsonl"
