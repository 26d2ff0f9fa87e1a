package dev.vireo.tests.support;

import java.time.Duration;
import java.util.List;

/**
 * Shell commands in a single-node lab's guest through its QEMU guest agent, and raw reads and
 * writes of its block devices (device nodes made from /sys, since the test guest has no udev).
 */
public final class GuestShell {
  private GuestShell() {}

  /** {@code busybox sh -c script} in the guest; fails unless it exits 0. */
  public static String sh(String vm, String script) throws Exception {
    GuestExec.Result r = GuestExec.busybox(vm, 60, "sh", "-c", script);
    if (r.exitCode() != 0) {
      throw new AssertionError("'" + script + "' in " + vm + " exited " + r.exitCode() + ": " + r.stdout()
          + r.stderr());
    }
    return r.stdout();
  }

  /** Waits until the guest's agent answers. */
  public static void awaitAgent(VireoLab lab, String vm, Duration timeout) throws InterruptedException {
    lab.await("the guest agent of " + vm + " answers", timeout, () -> Commands.run(List.of("virsh", "-c",
        "qemu:///system", "qemu-agent-command", vm, "{\"execute\":\"guest-ping\"}"), 10).exitCode() == 0);
  }

  /** The size of a guest block device in 512-byte sectors. */
  public static long sectors(String vm, String dev) throws Exception {
    return Long.parseLong(sh(vm, "cat /sys/block/" + dev + "/size").strip());
  }

  /** Writes {@code text} into one sector of the device, past the page cache. */
  public static void writeSector(String vm, String dev, long sector, String text) throws Exception {
    sh(vm, "echo " + text + " > /tmp/m && dd if=/tmp/m of=" + node(dev) + " bs=512 seek=" + sector
        + " count=1 conv=sync,fsync oflag=direct && sync");
  }

  /** The first 100 bytes of one sector of the device, past the page cache. */
  public static String readSector(String vm, String dev, long sector) throws Exception {
    return sh(vm, "rm -f /tmp/blk-" + dev + "; dd if=" + node(dev) + " bs=512 skip=" + sector
        + " count=1 iflag=direct 2>/dev/null | head -c 100");
  }

  /** A device node made from /sys (no reliance on the guest's mdev having created /dev/vdX). */
  public static String node(String dev) {
    return "$(n=/tmp/blk-" + dev + "; [ -b $n ] || { mm=$(cat /sys/block/" + dev + "/dev); mknod $n b ${mm%%:*} "
        + "${mm##*:}; }; echo $n)";
  }

  /** {@link #sectors}, or -1 while the guest does not answer. */
  public static long safeSectors(String vm, String dev) {
    try {
      return sectors(vm, dev);
    } catch (Exception e) {
      return -1;
    }
  }

  /** The guest's block device whose virtio serial is {@code serial} (a disk id), or null. */
  public static String findDevice(String vm, String serial) {
    try {
      String out = sh(vm, "for d in /sys/block/vd*; do [ \"$(cat $d/serial 2>/dev/null)\" = \"" + serial
          + "\" ] && basename $d; done; true").strip();
      return out.isEmpty() ? null : out;
    } catch (Exception e) {
      return null;
    }
  }

  /** Waits up to a minute for the guest to show the block device with serial {@code serial}. */
  public static String awaitDevice(VireoLab lab, String vm, String serial) throws InterruptedException {
    String[] found = new String[1];
    lab.await("guest " + vm + " shows a block device with serial " + serial, Duration.ofSeconds(60), () -> {
      found[0] = findDevice(vm, serial);
      return found[0] != null;
    });
    return found[0];
  }

  /** The first 100 bytes of the device's first sector. */
  public static String readMarker(String vm, String dev) throws Exception {
    return sh(vm, "rm -f /tmp/blk-" + dev + "; dd if=" + node(dev) + " bs=512 count=1 2>/dev/null | head -c 100");
  }
}
