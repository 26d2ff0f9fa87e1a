#!/usr/bin/env bash
# Boots the test guest with plain QEMU (TCG), BIOS then UEFI: waits for GUEST-READY on the
# serial console, presses the ACPI power button and expects QEMU to exit. Never writes the image.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${1:-$("$here/build-test-image.sh" | tail -1)}
tmp=$(mktemp -d)
qemu_pid=
cleanup() { [[ -n $qemu_pid ]] && kill -9 "$qemu_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

qmp() { printf '{"execute":"qmp_capabilities"}\n{"execute":"%s"}\n' "$1" | timeout 3 socat - "UNIX-CONNECT:$tmp/qmp.sock" >/dev/null 2>&1 || true; }

boot() {
  local mode=$1; shift
  rm -f "$tmp/serial.log" "$tmp/overlay.qcow2"
  qemu-img create -q -f qcow2 -F qcow2 -b "$image" "$tmp/overlay.qcow2"
  local start=$SECONDS
  qemu-system-x86_64 -accel tcg -m 256 -display none -no-user-config -nodefaults \
    -serial "file:$tmp/serial.log" -qmp "unix:$tmp/qmp.sock,server,nowait" \
    -drive "file=$tmp/overlay.qcow2,if=virtio,format=qcow2" "$@" &
  qemu_pid=$!
  until grep -q GUEST-READY "$tmp/serial.log" 2>/dev/null; do
    ((SECONDS - start < 120)) || { echo "$mode: no GUEST-READY in 120 s"; tail -20 "$tmp/serial.log"; exit 1; }
    kill -0 "$qemu_pid" 2>/dev/null || { echo "$mode: QEMU exited"; exit 1; }
    sleep 0.5
  done
  local ready=$((SECONDS - start)) down=$SECONDS
  while kill -0 "$qemu_pid" 2>/dev/null; do
    ((SECONDS - down < 60)) || { echo "$mode: ACPI power-off ignored for 60 s"; exit 1; }
    qmp system_powerdown
    sleep 3
  done
  wait "$qemu_pid" || true
  qemu_pid=
  echo "$mode: $(grep -a -o 'GUEST-READY.*' "$tmp/serial.log" | head -1 | tr -d '\r') ready in ${ready}s, powered off in $((SECONDS - down))s"
}

command -v socat >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq socat >/dev/null
boot BIOS -machine pc
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$tmp/vars.fd"
boot UEFI -machine q35 \
  -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
  -drive "if=pflash,format=raw,file=$tmp/vars.fd"
