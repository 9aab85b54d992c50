#!/usr/bin/env bash
# Builds the web app (web/src) into web/dist, which the binary embeds.
# The toolchain is the one pinned in web/package-lock.json (npm ci), and
# the build is reproducible: CI runs this and fails when web/dist changes.
#
#   scripts/build-web.sh          install the pinned tools, build
#   scripts/build-web.sh --check  build, then fail if web/dist differs from git
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build >/dev/null
if [ "${1:-}" = "--check" ] && git rev-parse --git-dir >/dev/null 2>&1; then
	if [ -n "$(git status --porcelain -- dist)" ]; then
		git status --short -- dist >&2
		echo "scripts/build-web.sh changed web/dist: commit the rebuilt web app" >&2
		exit 1
	fi
fi
