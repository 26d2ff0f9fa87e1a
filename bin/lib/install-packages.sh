#!/usr/bin/env bash
# Installs the Debian packages Vireo needs on this host, only those missing. Used by
# `bin/vireo up` (appliance) and `bin/run-tests` (appliance + test tools). Idempotent.
# Usage: install-packages.sh [appliance|tests]
set -euo pipefail

profile=${1:-appliance}
appliance=(openjdk-17-jdk-headless maven
  libvirt0 libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients
  qemu-system-x86 qemu-utils ovmf openvswitch-switch dnsmasq-base genisoimage
  iproute2 procps curl ca-certificates)
tests=(wrk)

wanted=("${appliance[@]}")
[[ $profile == tests ]] && wanted+=("${tests[@]}")

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
echo "install-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# policy-rc.d keeps Debian's maintainer scripts from starting daemons we start ourselves.
printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
