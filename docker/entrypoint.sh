#!/bin/sh
# Entry point of the desci image. "init" makes the data dir's key (which
# geth --dev then uses as its funded developer account, from the shared
# keystore); anything else first deploys the Notary on the configured
# chain if config.json names none, then runs desci with the arguments.
set -eu
: "${DESCI_HOME:=/data}"
# The key's passphrase: a Docker secret's file ($DESCI_PASSPHRASE_FILE,
# which desci reads itself) or $DESCI_PASSPHRASE.
if [ -z "${DESCI_PASSPHRASE_FILE:-}" ]; then
	: "${DESCI_PASSPHRASE:?set DESCI_PASSPHRASE or DESCI_PASSPHRASE_FILE}"
elif [ ! -r "$DESCI_PASSPHRASE_FILE" ]; then
	echo "desci: cannot read \$DESCI_PASSPHRASE_FILE ($DESCI_PASSPHRASE_FILE)" >&2
	exit 1
fi

if [ "${1:-}" = init ]; then
	desci init >/dev/null
	if [ -z "$(desci keys list)" ]; then
		desci keys new
	fi
	# No passphrase file is left beside the key: geth reads the secret.
	rm -f "$DESCI_HOME/keystore/.passphrase"
	exit 0
fi

if [ -n "${DESCI_RPC:-}" ] && [ ! -f "$DESCI_HOME/config.json" ]; then
	until curl -sf -H 'Content-Type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$DESCI_RPC" >/dev/null; do
		echo "desci: waiting for $DESCI_RPC" >&2
		sleep 1
	done
	addr=$(desci chain deploy --rpc "$DESCI_RPC")
	printf '{"rpc": "%s", "notary_contract": "%s", "kubo": "%s"}\n' "$DESCI_RPC" "$addr" "${DESCI_KUBO:-}" >"$DESCI_HOME/config.json"
fi
exec desci "$@"
