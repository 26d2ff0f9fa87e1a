# The lab's namespaces and links (sourced by lab.sh, after lab-env.sh). ADR 0008.
# Management: bridge $BR ($NET.1) in the root namespace, veth $BR-n<i> <-> mgmt0 ($NET.1<i>) per node.
# Data: veth trunk0 in each node <-> trunk-n<i> in the switch namespace $NAME-sw.

make_bridge() {
  ip link show "$BR" >/dev/null 2>&1 || ip link add "$BR" type bridge
  ip addr replace "$NET.1/24" dev "$BR"
  ip link set "$BR" up
}

# Namespace + a process holding private mount/UTS namespaces in it (see lab-node.sh hold).
make_holder() { # node hostname [shared-dir]
  local node=$1 host=$2 dir ns
  dir=$(node_dir "$node") ns=$(node_ns "$node")
  mkdir -p "$dir"
  ns_exists "$ns" || ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  alive "$dir/holder.pid" && return
  rm -f "$dir/held"
  setsid ip netns exec "$ns" unshare --mount --uts --propagation private \
    bash "$lib/lab-node.sh" hold "$dir" "$host" ${3:-} </dev/null >>"$dir/holder.log" 2>&1 &
  echo $! >"$dir/holder.pid"
  wait_for "the namespaces of $node" 20 test -f "$dir/held" || { cat "$dir/holder.log" >&2; return 1; }
}

# Creates a veth pair in the root namespace and moves end $2 into namespace $3 named $4.
veth_into() { # root-end ns-end ns new-name
  ip link show "$1" >/dev/null 2>&1 || ip link add "$1" type veth peer name "$2"
  ip link set "$2" netns "$3"
  ip netns exec "$3" ip link set "$2" name "$4"
}

wire_node() { # node
  local node=$1 i=${1#n} ns sw
  ns=$(node_ns "$node") sw=$(node_ns sw)
  if ! ip netns exec "$ns" ip link show mgmt0 >/dev/null 2>&1; then
    veth_into "$BR-$node" "$BR-m$i" "$ns" mgmt0
    ip link set "$BR-$node" master "$BR" up
    ip netns exec "$ns" ip addr add "$(node_ip "$node")/24" dev mgmt0
    ip netns exec "$ns" ip link set mgmt0 up
  fi
  if ! ip netns exec "$ns" ip link show trunk0 >/dev/null 2>&1; then
    ip link add "$BR-t$i" type veth peer name "$BR-s$i"
    ip link set "$BR-t$i" netns "$ns"
    ip netns exec "$ns" ip link set "$BR-t$i" name trunk0
    ip link set "$BR-s$i" netns "$sw"
    ip netns exec "$sw" ip link set "$BR-s$i" name "trunk-$node"
  fi
  # Trunks carry tagged guest traffic only (lab-facts.md): no IPv6 on them.
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.trunk0.disable_ipv6=1
  ip netns exec "$sw" sysctl -qw "net.ipv6.conf.trunk-$node.disable_ipv6=1"
  ip netns exec "$ns" ip link set trunk0 up
  ip netns exec "$sw" ip link set "trunk-$node" up
}

# Every link and namespace of this lab, also after a partial `up`.
remove_net() {
  local ns l
  for ns in $(ip netns list | awk '{print $1}' | grep -E "^$NAME-(n[0-9]+|sw)$" || true); do
    ip netns del "$ns" && say "deleted namespace $ns"
  done
  for l in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E "^$BR-(n|m|t|s)[0-9]+$" || true); do
    ip link del "$l" 2>/dev/null || true
  done
  if ip link show "$BR" >/dev/null 2>&1; then
    ip link del "$BR" && say "deleted bridge $BR"
  fi
}
