#!/usr/bin/env bash
# Builds geth (go-ethereum's node) from the Go module proxy at the version
# docker-compose.yml pins, and prints the binary's path. The binary is cached
# under ${XDG_CACHE_HOME:-~/.cache}/desci/geth-<version>/geth, so it is built
# once per version (about 3 minutes cold on two cores); later runs only check
# that it answers with its version. geth publishes no binary reachable here,
# and `go install` cannot build it (its go.mod is a module root, not a tool),
# so the module's source is copied to a writable directory and built there.
#
#   scripts/build-geth.sh            build (or find) geth, print its path
#   GETH_VERSION=1.17.10 scripts/build-geth.sh
set -euo pipefail

version=${GETH_VERSION:-1.17.10}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/desci/geth-$version
bin=$cache/geth

# (Not `| grep -q`: under pipefail geth's SIGPIPE would fail the check.)
have() { [ -x "$bin" ] && case $("$bin" version 2>/dev/null) in *"Version: $version-"*) true ;; *) false ;; esac; }

if have; then
	echo "$bin"
	exit 0
fi

mkdir -p "$cache"
# Two runs at once (two test processes, two terminals) build once: the second
# waits for the first and then finds the binary.
exec 9>"$cache/.lock"
flock 9
if have; then
	echo "$bin"
	exit 0
fi

echo "build-geth: building geth $version from the Go module proxy (a few minutes, once)" >&2
src=$(go mod download -json "github.com/ethereum/go-ethereum@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$src" ] || [ ! -d "$src" ]; then
	echo "build-geth: go mod download github.com/ethereum/go-ethereum@v$version gave no source directory" >&2
	exit 1
fi
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src/." "$work/"
chmod -R u+w "$work"
(cd "$work" && GOFLAGS=-mod=mod go build -trimpath -o "$work/geth.bin" ./cmd/geth)
mv -f "$work/geth.bin" "$bin"
if ! have; then
	echo "build-geth: $bin does not report version $version" >&2
	exit 1
fi
echo "build-geth: built $bin" >&2
echo "$bin"
