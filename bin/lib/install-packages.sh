#!/usr/bin/env bash
# Installs the Debian packages Vireo needs on this host, only those missing. Used by
# `bin/vireo up` (appliance) and `bin/run-tests` (appliance + test tools). Idempotent.
# Usage: install-packages.sh [appliance|tests]
set -euo pipefail

profile=${1:-appliance}
appliance=(openjdk-17-jdk-headless maven
  libvirt0 libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients
  qemu-system-x86 qemu-utils ovmf openvswitch-switch dnsmasq-base genisoimage mtools
  iproute2 procps curl ca-certificates)
# virt-viewer and xvfb: the SPICE end-to-end test runs the real remote-viewer on a ticket's .vv file
tests=(wrk busybox-static ethtool virt-viewer xvfb)

wanted=("${appliance[@]}")
[[ $profile == tests ]] && wanted+=("${tests[@]}")

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
echo "install-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/vireo-apt.XXXXXX.log)
# policy-rc.d keeps Debian's maintainer scripts from starting daemons that host-setup starts
# itself; an administrator's own policy-rc.d is left alone.
own_policy=0
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
fi
trap 'if ((own_policy)); then rm -f /usr/sbin/policy-rc.d; fi' EXIT
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -30 "$log" >&2
  echo "install-packages: apt-get failed; full log in $log" >&2
  exit 1
fi
rm -f "$log"
