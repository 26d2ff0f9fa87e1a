#!/usr/bin/env bash
# Builds the tiny real test guest (BIOS + UEFI bootable qcow2) from Debian packages only,
# without loop devices or mounts, and caches it per machine. Last stdout line: the image path.
# With --installer: also (once) a BIOS-bootable installer ISO that writes the same guest onto the
# VM's first virtio disk and powers off (ISO install tests, ADR 0029); prints the ISO's path.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${VIREO_IMAGE_CACHE:-/var/cache/vireo/images}
log() { echo "build-test-image: $*" >&2; }

packages=(linux-image-cloud-amd64 busybox-static syslinux syslinux-common syslinux-efi mtools
  dosfstools qemu-utils qemu-guest-agent kmod cpio zstd isolinux genisoimage)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# The cache key covers everything the image is made from in this folder.
cache_key() {
  (cd "$here" && find build-test-image.sh guest -type f | LC_ALL=C sort | xargs cat) | sha256sum | cut -c1-12
}

kernel_version() {
  local k
  k=$(ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sort -V | tail -1)
  [[ -n $k ]] || { log "no cloud kernel in /boot"; exit 1; }
  basename "$k" | sed 's/^vmlinuz-//'
}

# Copies a module and everything it depends on (modprobe resolves the order) into the initramfs.
copy_modules() {
  local root=$1 kv=$2; shift 2
  local m f
  for m in "$@"; do
    modprobe -S "$kv" --show-depends "$m" 2>/dev/null | awk '$1=="insmod"{print $2}' | while read -r f; do
      mkdir -p "$root$(dirname "$f")"
      case "$f" in
        *.ko.xz) xz -dc "$f" >"$root${f%.xz}" ;;
        *.ko.zst) zstd -qdc "$f" >"$root${f%.zst}" ;;
        *) cp "$f" "$root$f" ;;
      esac
    done
  done
  cp /lib/modules/"$kv"/modules.{order,builtin,builtin.modinfo} "$root/lib/modules/$kv/" 2>/dev/null || true
  depmod -b "$root" "$kv"
}

# Copies a dynamically linked binary with its shared libraries and loader.
copy_binary() {
  local root=$1 bin=$2 lib
  mkdir -p "$root$(dirname "$bin")"
  cp "$bin" "$root$bin"
  for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

build_initramfs() {
  local root=$1 kv=$2 out=$3
  mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,run,tmp,root,var/run,usr/bin,usr/sbin,mnt/seed}
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [[ -e $root/bin/$applet ]] || ln -s busybox "$root/bin/$applet"
  done
  ln -sf bin/busybox "$root/init"
  for d in sbin usr/bin usr/sbin; do
    for applet in poweroff reboot halt init; do ln -sf /bin/busybox "$root/$d/$applet"; done
  done
  copy_modules "$root" "$kv" virtio_pci virtio_blk virtio_net virtio_scsi virtio_console \
    virtio_balloon sd_mod sr_mod isofs vfat nls_cp437 nls_iso8859_1 nls_utf8 evdev button
  copy_binary "$root" /usr/sbin/qemu-ga
  cp -r "$here"/guest/etc/. "$root/etc/"
  install -m 0755 "$here/guest/rc.init" "$root/etc/rc.init"
  install -m 0755 "$here/guest/rc.shutdown" "$root/etc/rc.shutdown"
  mkdir -p "$root/etc/udhcpc" "$root/etc/acpi/PWRF"
  install -m 0755 "$here/guest/udhcpc.script" "$root/etc/udhcpc/default.script"
  install -m 0755 "$here/guest/acpi-power" "$root/etc/acpi/PWRF/00000080"
  install -m 0755 "$here/guest/shutdown" "$root/sbin/shutdown"
  install -m 0755 "$here/guest/chpasswd" "$root/usr/sbin/chpasswd"
  (cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) >"$out"
}

syslinux_cfg() {
  cat <<CFG
DEFAULT vireo
PROMPT 0
TIMEOUT 0
LABEL vireo
  LINUX /vmlinuz
  INITRD /initrd.gz
  APPEND console=tty0 console=ttyS0,115200 quiet loglevel=3 panic=5
CFG
}

# A FAT file system holding kernel, initramfs, syslinux (BIOS) and syslinux.efi (UEFI).
build_boot_fs() {
  local work=$1 kv=$2 fat=$3 size_mib=$4
  truncate -s "${size_mib}M" "$fat"
  mkfs.vfat -F 16 -n VIREOBOOT "$fat" >/dev/null
  syslinux_cfg >"$work/syslinux.cfg"
  export MTOOLS_SKIP_CHECK=1
  mmd -i "$fat" ::/syslinux ::/EFI ::/EFI/BOOT
  mcopy -i "$fat" "/boot/vmlinuz-$kv" ::/vmlinuz
  mcopy -i "$fat" "$work/initrd.gz" ::/initrd.gz
  mcopy -i "$fat" "$work/syslinux.cfg" ::/syslinux/syslinux.cfg
  mcopy -i "$fat" /usr/lib/SYSLINUX.EFI/efi64/syslinux.efi ::/EFI/BOOT/BOOTX64.EFI
  mcopy -i "$fat" /usr/lib/syslinux/modules/efi64/ldlinux.e64 ::/EFI/BOOT/ldlinux.e64
  mcopy -i "$fat" "$work/syslinux.cfg" ::/EFI/BOOT/syslinux.cfg
  syslinux --install --directory /syslinux "$fat"
}

# Little-endian 32-bit integer as raw bytes.
le32() {
  # shellcheck disable=SC2059
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) \
    $((($1 >> 16) & 255)) $((($1 >> 24) & 255)))"
}

# MBR disk: syslinux mbr.bin + one active partition of type 0xEF (EFI system) at 1 MiB, so the
# BIOS boots syslinux from it and OVMF finds \EFI\BOOT\BOOTX64.EFI on the same partition.
assemble_disk() {
  local fat=$1 raw=$2 fat_sectors
  fat_sectors=$(($(stat -c %s "$fat") / 512))
  truncate -s $(((2048 + fat_sectors) * 512)) "$raw"
  dd if=/usr/lib/syslinux/mbr/mbr.bin of="$raw" bs=440 count=1 conv=notrunc status=none
  { printf '\x80\xfe\xff\xff\xef\xfe\xff\xff'; le32 2048; le32 "$fat_sectors"; } |
    dd of="$raw" bs=1 seek=446 conv=notrunc status=none
  printf '\x55\xaa' | dd of="$raw" bs=1 seek=510 conv=notrunc status=none
  dd if="$fat" of="$raw" bs=1M seek=1 conv=notrunc status=none
}

# An El Torito (isolinux) ISO: kernel, initramfs booted with vireo.install, and the raw guest disk.
build_installer_iso() {
  local work=$1 kv=$2 raw=$3 iso=$4 tree=$1/iso
  mkdir -p "$tree/isolinux"
  cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$tree/isolinux/"
  cp "/boot/vmlinuz-$kv" "$tree/vmlinuz"
  cp "$work/initrd.gz" "$tree/initrd.gz"
  cp "$raw" "$tree/disk.img"
  cat >"$tree/isolinux/isolinux.cfg" <<CFG
DEFAULT install
PROMPT 0
TIMEOUT 0
LABEL install
  LINUX /vmlinuz
  INITRD /initrd.gz
  APPEND console=tty0 console=ttyS0,115200 quiet loglevel=3 panic=5 vireo.install
CFG
  genisoimage -quiet -o "$iso.part" -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot \
    -boot-load-size 4 -boot-info-table -R -J -V VIREOINSTALL "$tree"
  mv -f "$iso.part" "$iso"
}

main() {
  local key out link kv iso
  key=$(cache_key)
  out="$cache/vireo-test-guest-$key.qcow2"
  link="$cache/vireo-test-guest.qcow2"
  iso="$cache/vireo-test-installer-$key.iso"
  if [[ -f $out && ( ${1:-} != --installer || -f $iso ) ]]; then
    ln -sfn "$(basename "$out")" "$link"
    if [[ ${1:-} == --installer ]]; then echo "$iso"; else echo "$out"; fi
    return
  fi
  install_packages
  kv=$(kernel_version)
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.build-XXXXXX")
  trap 'rm -rf "${work:-}"' EXIT
  log "kernel $kv"
  build_initramfs "$work/root" "$kv" "$work/initrd.gz"
  build_boot_fs "$work" "$kv" "$work/boot.fat" 48
  assemble_disk "$work/boot.fat" "$work/disk.raw"
  qemu-img convert -q -c -f raw -O qcow2 "$work/disk.raw" "$work/image.qcow2"
  mv -f "$work/image.qcow2" "$out"   # atomic within one file system: safe if two builds race
  ln -sfn "$(basename "$out")" "$link"
  log "built $(du -h "$out" | cut -f1) image"
  if [[ ${1:-} == --installer ]]; then
    build_installer_iso "$work" "$kv" "$work/disk.raw" "$iso"
    log "built $(du -h "$iso" | cut -f1) installer ISO"
    echo "$iso"
    return
  fi
  echo "$out"
}

main "$@"
