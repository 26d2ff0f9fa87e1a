#!/usr/bin/env bash
# `bin/vireo lab up N | down | status`: N compute nodes on this machine, each a network + mount +
# UTS namespace with its own libvirtd, virtlogd, virtlockd, Open vSwitch and node agent; a switch
# namespace with VLAN trunks to every node; one shared storage directory; the lab's own
# management server in the root namespace on the management bridge. ADR 0008; settings in
# bin/lib/lab-env.sh. `down` removes everything `up` made, by PID, also after a partial `up`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab-env.sh"
source "$lib/lab-net.sh"
source "$lib/lab-server.sh"

up() {
  local n=${1:-3} t0=$SECONDS node i
  [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 40)) || { echo "usage: vireo lab up N (1..40)" >&2; exit 2; }
  [[ -d $LAB && ! -f $MARKER && -n $(ls -A "$LAB") ]] && { say "$LAB exists and is not a lab directory"; exit 1; }
  bash "$lib/install-packages.sh" appliance
  build
  mkdir -p "$LAB/run" "$LAB/log" "$SHARED" && touch "$MARKER"
  { echo "$NET.1 vireo-server"; for ((i = 1; i <= n; i++)); do echo "$(node_ip "n$i") n$i"; done; } >"$LAB/hosts"
  for node in $(nodes_made); do # a growing lab: nodes already up learn the new names (same inode)
    [[ -f $(node_dir "$node")/hosts ]] && printf '127.0.0.1 localhost\n%s\n' "$(cat "$LAB/hosts")" >"$(node_dir "$node")/hosts"
  done
  make_bridge
  start_server
  make_holder sw switch
  for ((i = 1; i <= n; i++)); do
    node=n$i
    make_holder "$node" "$node" "$SHARED"
    wire_node "$node"
  done
  local trunks=()
  for ((i = 1; i <= n; i++)); do trunks+=("trunk-n$i"); done
  in_node sw bash "$lib/lab-node.sh" ovs br-sw "${trunks[@]}"
  for ((i = 1; i <= n; i++)); do
    node=n$i
    alive "$(node_dir "$node")/fs/run/openvswitch/ovs-vswitchd.pid" || in_node "$node" bash "$lib/lab-node.sh" ovs br-lab trunk0
    if ! alive "$(node_dir "$node")/fs/run/libvirtd.pid"; then
      # Same host, same QEMU: n1's probed capabilities save the others ~8 s each.
      [[ $node != n1 && -d $(node_dir n1)/fs/var/cache/libvirt/qemu/capabilities ]] &&
        cp -a "$(node_dir n1)/fs/var/cache/libvirt/qemu" "$(node_dir "$node")/fs/var/cache/libvirt/"
      in_node "$node" bash "$lib/lab-node.sh" libvirt "$(node_ip "$node")" "$SHARED"
    fi
    say "$node: libvirtd, virtlogd, virtlockd and Open vSwitch started ($((SECONDS - t0)) s)"
  done
  wait_for "the server (log: $LAB/log/server.log)" 90 server_answers || { tail -20 "$LAB/log/server.log" >&2; exit 1; }
  login
  make_clusters
  for ((i = 1; i <= n; i++)); do start_agent "n$i"; done
  say "$n nodes started, waiting until they are CONNECTED"
  wait_for "$n CONNECTED nodes" 90 nodes_connected "$n" || { tail -20 "$(node_dir n1)/agent.log" >&2; exit 1; }
  [[ ${VIREO_LAB_IMAGE:-1} == 1 ]] && import_test_image
  say "lab up in $((SECONDS - t0)) s"
  status
  cat <<TXT

Use it:  export VIREO_PROFILE=$VIREO_PROFILE
         bin/vireo node list
         bin/vireo vm create --name demo --image vireo-test-guest --spec 1C1G
Inside a node:  ip netns exec $(node_ns n1) ... (network only), or
                nsenter -t \$(cat $(node_dir n1)/holder.pid) -m -u -n virsh list --all
TXT
}

# Stops every process in the namespaces (all the lab's: it made them), by PID, all at once.
kill_ns() { # ns...
  local pids="" pid ns
  for ns in "$@"; do
    ns_exists "$ns" && pids+=" $(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ' || true)"
  done
  [[ -z ${pids// /} ]] && return 0
  say "stopping $(echo $pids | wc -w) processes in $*"
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 60); do
    pids=$(for pid in $pids; do if running "$pid"; then echo "$pid"; fi; done)
    [[ -z $pids ]] && return 0
    sleep 0.25
  done
  say "killing $(echo $pids | wc -w) processes that ignored SIGTERM"
  kill -KILL $pids 2>/dev/null || true
}

down() {
  local node nss=()
  for node in $(nodes_made); do
    nss+=("$(node_ns "$node")")
    if alive "$(node_dir "$node")/holder.pid" && alive "$(node_dir "$node")/fs/run/libvirtd.pid"; then
      for dom in $(in_node "$node" timeout 20 virsh -q -c qemu:///system list --all --name 2>/dev/null || true); do
        in_node "$node" timeout 20 virsh -q -c qemu:///system destroy "$dom" >/dev/null 2>&1 || true
        in_node "$node" timeout 20 virsh -q -c qemu:///system undefine --nvram "$dom" >/dev/null 2>&1 || true
        say "removed domain $dom from $node"
      done
    fi
  done
  kill_ns "${nss[@]}" "$(node_ns sw)"
  stop_server
  remove_net
  if [[ -f $MARKER ]]; then
    rm -rf "$LAB" && say "removed $LAB"
  fi
}

status() {
  local node dir d s
  if [[ ! -f $MARKER ]]; then echo "no lab at $LAB"; return 0; fi
  printf 'server  %s  %s\n' "$SERVER_URL" "$(alive "$LAB/run/server.pid" && echo running || echo STOPPED)"
  for node in $(nodes_made); do
    dir=$(node_dir "$node") s=""
    for d in holder.pid:ns fs/run/libvirtd.pid:libvirtd fs/run/virtlogd.pid:virtlogd fs/run/virtlockd.pid:virtlockd \
      fs/run/openvswitch/ovs-vswitchd.pid:ovs-vswitchd agent.pid:agent; do
      alive "$dir/${d%%:*}" && s+=" ${d#*:}" || s+=" ${d#*:}=DOWN"
    done
    printf '%-4s %-14s %s%s\n' "$node" "$(node_ip "$node")" "$(node_ns "$node")" "$s"
  done
  alive "$LAB/run/server.pid" && vireo node list 2>/dev/null || true
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  *) cat >&2 <<'TXT'
usage: vireo lab up N | down | status
  up N      N compute nodes (1..40), all in the default cluster unless VIREO_LAB_CLUSTERS says
            otherwise: VIREO_LAB_CLUSTERS="n3=c2 n4=c2" creates cluster c2 (x86_64) and makes n3
            and n4 join it ([agent] cluster = c2 in their agent.ini). Other settings: bin/lib/lab-env.sh.
TXT
     exit 2 ;;
esac
