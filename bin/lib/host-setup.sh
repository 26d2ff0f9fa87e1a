#!/usr/bin/env bash
# Prepares this host to run VMs: libvirt's directories and QEMU driver config, then starts
# virtlogd, virtlockd and libvirtd unless something (systemd or an earlier run) already runs them.
# Records what it started in /var/lib/vireo/run/started-by-vireo so `bin/vireo down` stops only that.
set -euo pipefail

run_dir=/var/lib/vireo/run
marker="# managed by Vireo host-setup"
log() { echo "host-setup: $*" >&2; }

# --stop: ends the daemons this script started (and only those), by their PID files.
if [[ ${1:-} == --stop ]]; then
  [[ -f $run_dir/started-by-vireo ]] || exit 0
  for name in $(tac "$run_dir/started-by-vireo"); do
    pidfile=/var/run/$name.pid
    if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      kill -TERM "$(cat "$pidfile")" && log "stopped $name"
    fi
  done
  rm -f "$run_dir/started-by-vireo"
  exit 0
fi

# libvirt's QEMU driver resolves its compiled-in default account before reading qemu.conf.
getent group kvm >/dev/null || groupadd --system kvm
getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
id libvirt-qemu >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /var/lib/libvirt \
  --shell /usr/sbin/nologin --gid libvirt-qemu --groups kvm libvirt-qemu

mkdir -p /var/log/libvirt /var/run/libvirt /var/lib/libvirt/qemu /var/cache/libvirt "$run_dir"

# Outside systemd there is no libvirt-qemu user: QEMU runs as root without DAC relabelling,
# cgroups or mount namespaces (lab-facts.md). On a systemd host with libvirt-daemon-system the
# distribution's config is left alone.
if ! pidof systemd >/dev/null 2>&1 && ! grep -qF "$marker" /etc/libvirt/qemu.conf 2>/dev/null; then
  [[ -f /etc/libvirt/qemu.conf ]] && cp /etc/libvirt/qemu.conf "/etc/libvirt/qemu.conf.before-vireo"
  mkdir -p /etc/libvirt
  cat >/etc/libvirt/qemu.conf <<CONF
$marker
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
CONF
  log "wrote /etc/libvirt/qemu.conf"
fi

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_daemon() { # name pidfile
  local name=$1 pidfile=$2
  if alive "$pidfile" || pidof "$name" >/dev/null 2>&1; then
    return
  fi
  "/usr/sbin/$name" -d -p "$pidfile"
  grep -qx "$name" "$run_dir/started-by-vireo" 2>/dev/null || echo "$name" >>"$run_dir/started-by-vireo"
  log "started $name"
}

if ! virsh -c qemu:///system version >/dev/null 2>&1; then
  start_daemon virtlogd /var/run/virtlogd.pid
  start_daemon virtlockd /var/run/virtlockd.pid
  start_daemon libvirtd /var/run/libvirtd.pid
  for _ in $(seq 60); do
    virsh -c qemu:///system version >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
virsh -c qemu:///system version >/dev/null 2>&1 || { log "libvirtd does not answer on qemu:///system"; exit 1; }
pidof virtlogd >/dev/null 2>&1 || start_daemon virtlogd /var/run/virtlogd.pid
