#!/usr/bin/env bash
# Starts JupyterHub for a Lepton team (environment/jupyterhub_config.py), as root: the local spawner starts each
# user's notebook server as that user. It installs the Lepton kernel system-wide first. Settings are environment
# variables, listed at the top of jupyterhub_config.py; arguments go on to jupyterhub.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
die() { printf 'start-hub: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root: JupyterHub's local spawner starts each user's server as that user"
command -v jupyterhub >/dev/null && command -v configurable-http-proxy >/dev/null \
  || die "JupyterHub is missing: apt-get install jupyterhub (it brings configurable-http-proxy)"

"$ROOT/lepton" kernel install --system
# every user's kernel runs from this checkout: they must be able to read it
runuser -u nobody -- test -r "$ROOT/kernel-ext/target/lepton-kernel.jar" \
  || die "other users cannot read $ROOT (the kernel runs from it as each user): clone Lepton to a folder all may read, such as /opt/lepton"

# Debian's configurable-http-proxy keeps its modules in /usr/share/nodejs, where a node not from Debian (NodeSource's,
# say) does not look
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

state="${LEPTON_HUB_STATE:-/var/lib/lepton-hub}"
install -d -m 0700 "$state"
export LEPTON_HUB_STATE="$state"
cd "$state"
exec jupyterhub -f "${LEPTON_HUB_CONFIG:-$HERE/jupyterhub_config.py}" "$@"
