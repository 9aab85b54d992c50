#!/usr/bin/env bash
# Builds Kubo (the ipfs command) from the Go module proxy at a pinned version
# and prints the path of the binary. The binary is cached under
#   ${XDG_CACHE_HOME:-$HOME/.cache}/desci/kubo-<version>/ipfs
# and rebuilt only when the version changes (or the cached file is missing).
#
#   scripts/build-kubo.sh            build (or reuse) and print the path
#   KUBO_VERSION=v0.43.1 scripts/build-kubo.sh
#
# Why not `go install github.com/ipfs/kubo/cmd/ipfs@vX`: Kubo's go.mod has a
# replace directive (go install refuses it) pointing at a go-libp2p fork the
# proxy does not serve. So: copy the module, drop that replace line, pin the
# quic-go versions go-libp2p v0.49.0 expects, and build in the copy.
# Progress goes to stderr; stdout is only the path.
set -euo pipefail

version=${KUBO_VERSION:-v0.43.1}
quic_go=v0.60.0
webtransport_go=v0.11.1

cache=${XDG_CACHE_HOME:-$HOME/.cache}/desci/kubo-$version
bin=$cache/ipfs
if [ -x "$bin" ] && "$bin" version --number >/dev/null 2>&1; then
	echo "$bin"
	exit 0
fi

echo "build-kubo: building Kubo $version from the module proxy (a few minutes)" >&2
mkdir -p "$cache"
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# A throwaway module so `go mod download` does not touch the caller's go.mod.
dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/ipfs/kubo@$version" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
	echo "build-kubo: go mod download github.com/ipfs/kubo@$version gave no module directory" >&2
	exit 1
fi
cp -R "$dir" "$work/src"
chmod -R u+w "$work/src"
cd "$work/src"

sed -i '/^replace github.com\/libp2p\/go-libp2p =>/d' go.mod
go mod edit \
	-require="github.com/quic-go/quic-go@$quic_go" \
	-require="github.com/quic-go/webtransport-go@$webtransport_go"

GOFLAGS=-mod=mod go build -trimpath -o "$work/ipfs" ./cmd/ipfs
"$work/ipfs" version --number >/dev/null
mv -f "$work/ipfs" "$bin"
echo "build-kubo: built $("$bin" version --number) at $bin" >&2
echo "$bin"
