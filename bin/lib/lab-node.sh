#!/usr/bin/env bash
# One lab node (or the switch), run inside its namespaces. ADR 0008.
#   lab-node.sh hold <dir> <hostname>      in a fresh mount+UTS namespace (under `ip netns exec`):
#                                          private /run, /etc/libvirt, ... then sleeps forever; the
#                                          sleeping process is the handle `nsenter -t` enters by.
#   lab-node.sh ovs <bridge> <port>...     ovsdb-server + ovs-vswitchd (userspace datapath), a
#                                          bridge with VLAN trunk ports.
#   lab-node.sh libvirt <ip> <shared>      qemu.conf, lockd, libvirtd.conf; virtlogd, virtlockd,
#                                          libvirtd --listen on <ip>.
set -euo pipefail

private=(/run /etc/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt /etc/openvswitch
  /var/lib/openvswitch /var/log/openvswitch /var/lib/misc)

hold() {
  local dir=$1 host=$2 d
  for d in "${private[@]}"; do
    mkdir -p "$dir/fs$d" "$d"
    mount --bind "$dir/fs$d" "$d"
  done
  mkdir -p /run/lock /run/libvirt /run/openvswitch
  printf '127.0.0.1 localhost\n%s\n' "$(cat "$dir/../../hosts")" >"$dir/hosts"
  : >"$dir/resolv.conf"
  mount --bind "$dir/hosts" /etc/hosts
  mount --bind "$dir/resolv.conf" /etc/resolv.conf
  [[ -n ${3:-} ]] && mount --bind "$3" "$3" # the shared storage: one directory, same path everywhere
  hostname "$host"
  touch "$dir/held"
  exec sleep infinity
}

ovs() { # idempotent: `lab up 3` after `lab up 2` adds the third trunk to the switch
  local bridge=$1 port; shift
  if ! { [[ -f /run/openvswitch/ovs-vswitchd.pid ]] && kill -0 "$(cat /run/openvswitch/ovs-vswitchd.pid)" 2>/dev/null; }; then
    [[ -f /etc/openvswitch/conf.db ]] || ovsdb-tool create /etc/openvswitch/conf.db /usr/share/openvswitch/vswitch.ovsschema
    ovsdb-server /etc/openvswitch/conf.db --remote=punix:/run/openvswitch/db.sock 2>>/var/log/openvswitch/start.log \
      --pidfile=/run/openvswitch/ovsdb-server.pid --detach --log-file=/var/log/openvswitch/ovsdb-server.log
    ovs-vsctl --no-wait init
    ovs-vswitchd unix:/run/openvswitch/db.sock --pidfile=/run/openvswitch/ovs-vswitchd.pid --detach 2>>/var/log/openvswitch/start.log \
      --log-file=/var/log/openvswitch/ovs-vswitchd.log
  fi
  # No OVS kernel module here (lab-facts.md): the userspace datapath.
  ovs-vsctl --timeout=20 --may-exist add-br "$bridge" -- set bridge "$bridge" datapath_type=netdev
  for port in "$@"; do
    ovs-vsctl --timeout=20 --may-exist add-port "$bridge" "$port" -- set port "$port" vlan_mode=trunk
  done
  ip link set "$bridge" up
}

libvirt() {
  local ip=$1 shared=$2
  mkdir -p "$shared/lockspace" /var/lib/libvirt/qemu /var/cache/libvirt/qemu
  # As bin/lib/host-setup.sh writes it, plus lockd (disk leases on the shared directory).
  cat >/etc/libvirt/qemu.conf <<CONF
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
lock_manager = "lockd"
migration_host = "$ip"
CONF
  cat >/etc/libvirt/qemu-lockd.conf <<CONF
auto_disk_leases = 1
require_lease_for_disks = 1
file_lockspace_dir = "$shared/lockspace"
CONF
  cat >/etc/libvirt/libvirtd.conf <<CONF
listen_tls = 0
listen_tcp = 1
listen_addr = "$ip"
auth_tcp = "none"
host_uuid = "$(cat /proc/sys/kernel/random/uuid)"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
CONF
  /usr/sbin/virtlogd -d -p /run/virtlogd.pid
  /usr/sbin/virtlockd -d -p /run/virtlockd.pid
  /usr/sbin/libvirtd -d --listen -p /run/libvirtd.pid
  for _ in $(seq 120); do
    virsh -c qemu:///system version >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "libvirtd in $(hostname) does not answer" >&2
  return 1
}

cmd=$1; shift
"$cmd" "$@"
