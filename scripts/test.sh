#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, vet, generated code,
# unit and end-to-end tests, and a short run of every fuzzer. It installs
# what it needs (the pinned npm tools) itself.
#
#   scripts/test.sh            everything
#   FUZZTIME=0 scripts/test.sh  skip the fuzzing step
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*" >&2; }

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:" >&2
	echo "$unformatted" >&2
	exit 1
fi

step "npm ci (tools/npm: solc-js, OpenZeppelin, apache-arrow)"
npm ci --prefix tools/npm --no-audit --no-fund --loglevel=error

step "generated code is current"
go generate ./...
if git rev-parse --git-dir >/dev/null 2>&1; then
	if ! git diff --exit-code --stat; then
		echo "go generate ./... changed the files above: commit what it generates" >&2
		exit 1
	fi
fi

step "web app build is current (scripts/build-web.sh --check: pinned npm toolchain, reproducible)"
scripts/build-web.sh --check

step "web app unit tests (npm test: the patient's words, node's own test runner)"
(cd web && npm test --silent)

step "Chromium (Debian's) for the browser journeys (web/e2e)"
command -v chromium >/dev/null || { apt-get update -qq || true; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

step "go vet"
go vet ./...

step "notebook tools (Debian jupyter)"; scripts/install-notebook-deps.sh

step "strace (fault injection for the crash tests)"
command -v strace >/dev/null || { apt-get update -qq && apt-get install -y -qq strace >/dev/null; }

step "PostgreSQL server binaries (Debian's, for the storage conformance and replica tests)"
command -v initdb >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ||
	{ apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }

step "Kubo (the real ipfs, built from the module proxy, cached)"
DESCI_TEST_IPFS=$(scripts/build-kubo.sh)
export DESCI_TEST_IPFS

step "geth --dev for the integration tests (scripts/build-geth.sh: built once per version, cached)"
DESCI_TEST_GETH=$(scripts/build-geth.sh)
export DESCI_TEST_GETH

step "go test"
go test -count=1 ./...

step "docker-compose.yml's topology played natively, desci demo against it (scripts/compose-native.sh --demo)"
scripts/compose-native.sh --demo >/dev/null

fuzztime=${FUZZTIME:-10s}
if [ "$fuzztime" != "0" ]; then
	step "fuzz ($fuzztime each)"
	for target in $(grep -rhoE '^func Fuzz[A-Za-z0-9_]+' --include='*_test.go' . | sed 's/^func //' | sort -u); do
		pkg=$(grep -rlE "^func $target\(" --include='*_test.go' . | head -n1 | xargs dirname)
		echo "$pkg $target" >&2
		for attempt in 1 2; do
			if go test -run='^$' -fuzz="^$target\$" -fuzztime="$fuzztime" "$pkg" >/tmp/desci-fuzz.log 2>&1; then
				break
			fi
			# On a loaded machine the engine itself can time out stopping its
			# workers; that leaves no failing input, and is run again once.
			# A real failure writes its input to testdata/fuzz and stops here.
			if [ "$attempt" = 2 ] || grep -q 'Failing input written' /tmp/desci-fuzz.log ||
				! grep -q 'context deadline exceeded' /tmp/desci-fuzz.log; then
				cat /tmp/desci-fuzz.log >&2
				exit 1
			fi
			echo "  the fuzzing engine timed out without a failing input; once more" >&2
		done
	done
fi
echo "all checks passed" >&2
