# Settings and small helpers shared by the lab scripts (sourced, not run). ADR 0008.
#
# Environment (defaults in brackets): VIREO_LAB_DIR [/var/lib/vireo-lab] holds everything the
# lab makes; VIREO_LAB_NAME [vireo-lab] prefixes its namespaces (vireo-lab-n1.., vireo-lab-sw);
# VIREO_LAB_BRIDGE [vireolab0] is the management bridge (also the prefix of its veths, so keep it
# at most 9 characters); VIREO_LAB_NET [10.251.0] the /24 of the management network (bridge .1,
# node i at .(10+i)); VIREO_LAB_PORT [9443] the lab server's port; VIREO_LAB_AGENT_PORT [7070];
# VIREO_LAB_IMAGE [1] imports the test guest as base image vireo-test-guest when 1;
# VIREO_LAB_HEARTBEAT_SECONDS [5] and VIREO_LAB_NODE_TIMEOUT_SECONDS [15] set the server's
# heartbeat period and node timeout (HA: fast failover tests use 1 and 4).
# VIREO_LAB_CLUSTERS [empty] puts nodes in other compute clusters, e.g. "n3=c2" (space- or
# comma-separated node=cluster pairs): the lab creates each named cluster that does not exist and
# the node's agent joins it ([agent] cluster, ADR 0012); unnamed nodes join the default cluster.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
lib=$root/bin/lib
LAB=${VIREO_LAB_DIR:-/var/lib/vireo-lab}
NAME=${VIREO_LAB_NAME:-vireo-lab}
BR=${VIREO_LAB_BRIDGE:-vireolab0}
NET=${VIREO_LAB_NET:-10.251.0}
PORT=${VIREO_LAB_PORT:-9443}
AGENT_PORT=${VIREO_LAB_AGENT_PORT:-7070}
SHARED=$LAB/shared
SERVER_URL=https://$NET.1:$PORT
export VIREO_PROFILE=$LAB/cli-profile.ini
MARKER=$LAB/.vireo-lab

CLUSTERS=${VIREO_LAB_CLUSTERS:-}
# The cluster a node joins per VIREO_LAB_CLUSTERS, or nothing (the default cluster).
node_cluster() { # node
  local pair
  for pair in ${CLUSTERS//,/ }; do
    [[ ${pair%%=*} == "$1" ]] && { echo "${pair#*=}"; return; }
  done
  return 0
}

say() { echo "lab: $*" >&2; }
# A PID that runs (a zombie waiting for its reaper counts as ended).
running() { [[ -r /proc/$1/stat ]] && [[ $(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) != Z ]]; }
alive() { [[ -f $1 ]] && running "$(cat "$1")"; }
node_ns() { echo "$NAME-$1"; }             # n1 -> vireo-lab-n1
node_dir() { echo "$LAB/nodes/$1"; }
node_ip() { echo "$NET.$((10 + ${1#n}))"; } # n1 -> 10.251.0.11
# Runs a command inside a node (or the switch): its network, mount and UTS namespaces.
in_node() { # node cmd...
  local pid
  pid=$(cat "$(node_dir "$1")/holder.pid")
  shift
  nsenter -t "$pid" -m -u -n -- "$@"
}
ns_exists() { [[ -e /run/netns/$1 ]]; }
nodes_made() { [[ -d $LAB/nodes ]] && ls "$LAB/nodes" | grep -E '^n[0-9]+$' | sort -V || true; }
vireo() { "$root/bin/vireo" "$@"; }
wait_for() { # what seconds command...
  local what=$1 secs=$2 i; shift 2
  for ((i = 0; i < secs * 4; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  say "$what did not come up within ${secs} s"
  return 1
}
