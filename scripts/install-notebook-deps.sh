#!/usr/bin/env bash
# Installs what desci notebooks runs notebooks with: Debian's jupyter
# nbconvert, the python3 kernel, pandas and scikit-learn (PyPI is not
# reachable here, and the python3 first on PATH may not be Debian's), and
# bubblewrap, the sandbox the kernel runs in. Quick when they are present;
# needs root (or sudo) otherwise.
set -euo pipefail

py=/usr/bin/python3
if [ -x /usr/bin/jupyter-nbconvert ] && [ -x "$py" ] && [ -x /usr/bin/bwrap ] &&
	"$py" -c 'import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in ("nbconvert", "nbformat", "ipykernel", "pandas", "sklearn")))' 2>/dev/null &&
	[ -e /usr/share/jupyter/kernels/python3/kernel.json ]; then
	exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
	if ! command -v sudo >/dev/null; then
		echo "install-notebook-deps: run as root to install jupyter-nbconvert python3-ipykernel python3-pandas python3-sklearn python3-nbformat bubblewrap" >&2
		exit 1
	fi
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
	jupyter-nbconvert python3-ipykernel python3-pandas python3-sklearn python3-nbformat bubblewrap >/dev/null
"$py" -c 'import nbconvert, ipykernel, pandas, sklearn' # fail loudly if something is still missing
/usr/bin/bwrap --version >/dev/null
echo "install-notebook-deps: $("$py" -m nbconvert --version 2>/dev/null | sed 's/^/nbconvert /'), python $("$py" -c 'import platform; print(platform.python_version())'), $(/usr/bin/bwrap --version)" >&2
