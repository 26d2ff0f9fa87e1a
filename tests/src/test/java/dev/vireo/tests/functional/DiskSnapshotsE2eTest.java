package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.DiskState;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.GuestExec;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 5 D4 on the real hypervisor with the test guest (ADR 0025): snapshots of a disk attached
 * to a running guest (taken live through QEMU), then written over; deleting the middle snapshot
 * keeps the others restorable; a rollback while the VM runs is refused, after a detach or with
 * the VM stopped it brings the data back; a disk made from a snapshot holds the snapshot's data.
 * The lab removes the domains and its directory (volumes included) also when the test fails.
 */
@Tag("e2e")
@Timeout(900)
class DiskSnapshotsE2eTest {
  private static final Duration JOB = Duration.ofSeconds(120);
  private static final Duration BOOT = Duration.ofSeconds(120);
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("snap");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void snapshotsOfARunningGuestsDiskRollBackAndMakeNewDisks() throws Exception {
    var created = lab.createVm("a", true);
    String vm = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(vm, 1, BOOT);
    awaitAgent(vm);
    var d = lab.client().createDisk(new CreateDiskRequest(lab.vmName("snapdata"), null, 10, null), null);
    String disk = d.resourceId();
    lab.succeed(d, JOB);
    Path volume = lab.storage().resolve("disks").resolve(disk + ".qcow2");
    lab.succeed(lab.client().attachDisk(vm, disk), JOB);
    String dev = awaitDevice(vm, disk);

    // three generations, each snapshotted live (crash-consistent: synced first, as an application would)
    for (int i = 1; i <= 3; i++) {
      write(vm, dev, "GEN-" + i + "-" + disk);
      lab.succeed(lab.client().createDiskSnapshot(disk, "gen" + i, "generation " + i), JOB);
    }
    write(vm, dev, "GEN-4-" + disk);
    assertTrue(read(vm, dev).contains("GEN-4-"));
    String snaps = Commands.check(List.of("qemu-img", "snapshot", "-l", "-U", volume.toString()), 30);
    assertEquals(3, lab.client().listDiskSnapshots(disk).items().size());
    for (var s : lab.client().listDiskSnapshots(disk).items()) {
      assertTrue(snaps.contains(s.id()), "internal snapshot " + s.id() + " in the volume: " + snaps);
    }

    // delete the middle one while the guest runs and writes
    String gen2 = lab.client().getDiskSnapshot(disk, "gen2").id();
    lab.succeed(lab.client().deleteDiskSnapshot(disk, "gen2"), JOB);
    assertFalse(Commands.check(List.of("qemu-img", "snapshot", "-l", "-U", volume.toString()), 30).contains(gen2));

    // a rollback under a running guest is refused, naming the rule
    ApiException refused = assertThrows(ApiException.class, () -> lab.client().rollbackDiskSnapshot(disk, "gen3"));
    assertEquals(409, refused.status());
    assertTrue(refused.getMessage().contains("STOPPED"), refused.getMessage());

    // a new disk from the first snapshot holds its data (hot-plugged next to the original)
    var copy = lab.client().createDiskFromSnapshot(disk, "gen1", lab.vmName("from-gen1"), null);
    lab.succeed(copy, JOB);
    assertEquals(lab.client().getDisk(disk).storageClusterId(), lab.client().getDisk(copy.resourceId()).storageClusterId());
    lab.succeed(lab.client().attachDisk(vm, copy.resourceId()), JOB);
    String devCopy = awaitDevice(vm, copy.resourceId());
    assertTrue(read(vm, devCopy).contains("GEN-1-" + disk), "the new disk holds the snapshot's data");

    // detached: roll back to gen3 (the one after the deleted middle one)
    lab.succeed(lab.client().detachDisk(vm, disk), JOB);
    lab.await("the device left the guest", Duration.ofSeconds(30), () -> findDevice(vm, disk) == null);
    lab.succeed(lab.client().rollbackDiskSnapshot(disk, "gen3"), JOB);
    assertEquals(DiskState.AVAILABLE, lab.client().getDisk(disk).state());
    lab.succeed(lab.client().attachDisk(vm, disk), JOB);
    dev = awaitDevice(vm, disk);
    assertTrue(read(vm, dev).contains("GEN-3-" + disk), "rolled back to gen3");

    // VM stopped: roll back to gen1 (before the deleted one)
    lab.succeed(lab.client().powerOffVm(vm), JOB);
    lab.succeed(lab.client().rollbackDiskSnapshot(disk, "gen1"), JOB);
    lab.succeed(lab.client().startVm(vm), JOB);
    lab.awaitGuestReady(vm, 2, BOOT);
    awaitAgent(vm);
    dev = awaitDevice(vm, disk);
    assertTrue(read(vm, dev).contains("GEN-1-" + disk), "rolled back to gen1 with the VM stopped");

    lab.succeed(lab.client().deleteVm(vm, true), JOB);
    assertEquals(DiskState.DELETED, lab.client().getDisk(disk).state());
  }

  /**
   * The system disk: a live snapshot goes into the VM's overlay and never into the shared base
   * image; a data disk made from it holds the system disk's data; a rollback needs the VM stopped
   * and the guest boots from the rolled-back overlay.
   */
  @Test
  void aSystemDiskSnapshotStaysInTheOverlayAndRollsBackWithTheVmStopped() throws Exception {
    var created = lab.createVm("sys", true);
    String vm = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(vm, 1, BOOT);
    awaitAgent(vm);
    Path base = lab.storage().resolve("images").resolve(lab.imageId() + ".qcow2");
    String baseSum = Commands.check(List.of("md5sum", base.toString()), 120).split(" ")[0];
    Path overlay = lab.vmDir(vm).resolve("system.qcow2");

    lab.succeed(lab.client().createVmSnapshot(vm, "sys1", "before"), JOB);
    String id = lab.client().getVmSnapshot(vm, "sys1").id();
    assertTrue(Commands.check(List.of("qemu-img", "snapshot", "-l", "-U", overlay.toString()), 30).contains(id));
    assertFalse(Commands.check(List.of("qemu-img", "snapshot", "-l", "-U", base.toString()), 30).contains(id),
        "nothing in the shared base image");

    String vdaHead = sh(vm, "dd if=" + node("vda") + " bs=512 count=2048 2>/dev/null | md5sum").split(" ")[0];
    var copy = lab.client().createDiskFromVmSnapshot(vm, "sys1", lab.vmName("from-sys1"), null);
    lab.succeed(copy, JOB);
    lab.succeed(lab.client().attachDisk(vm, copy.resourceId()), JOB);
    String dev = awaitDevice(vm, copy.resourceId());
    assertEquals(vdaHead, sh(vm, "dd if=" + node(dev) + " bs=512 count=2048 2>/dev/null | md5sum").split(" ")[0],
        "the data disk made from the system snapshot starts like the system disk (partition table, boot)");

    ApiException refused = assertThrows(ApiException.class, () -> lab.client().rollbackVmSnapshot(vm, "sys1"));
    assertEquals(409, refused.status());
    lab.succeed(lab.client().powerOffVm(vm), JOB);
    lab.succeed(lab.client().rollbackVmSnapshot(vm, "sys1"), JOB);
    lab.succeed(lab.client().startVm(vm), JOB);
    lab.awaitGuestReady(vm, 2, BOOT);
    assertEquals(baseSum, Commands.check(List.of("md5sum", base.toString()), 120).split(" ")[0],
        "the shared base image is unchanged");
    lab.succeed(lab.client().deleteVm(vm, true), JOB);
  }

  static void awaitAgent(String vm) throws InterruptedException {
    lab.await("the guest agent of " + vm + " answers", BOOT, () -> Commands.run(List.of("virsh", "-c",
        "qemu:///system", "qemu-agent-command", vm, "{\"execute\":\"guest-ping\"}"), 10).exitCode() == 0);
  }

  static String awaitDevice(String vm, String diskId) throws InterruptedException {
    String[] found = new String[1];
    lab.await("guest " + vm + " shows a block device with serial " + diskId, Duration.ofSeconds(60), () -> {
      found[0] = findDevice(vm, diskId);
      return found[0] != null;
    });
    return found[0];
  }

  static String findDevice(String vm, String diskId) {
    try {
      String out = sh(vm, "for d in /sys/block/vd*; do [ \"$(cat $d/serial 2>/dev/null)\" = \"" + diskId
          + "\" ] && basename $d; done; true").strip();
      return out.isEmpty() ? null : out;
    } catch (Exception e) {
      return null;
    }
  }

  /** A device node made from /sys (fresh each time: the guest may renumber a re-attached disk). */
  static String node(String dev) {
    return "$(n=/tmp/blk-" + dev + "; rm -f $n; mm=$(cat /sys/block/" + dev + "/dev);"
        + " mknod $n b ${mm%%:*} ${mm##*:}; echo $n)";
  }

  private static void write(String vm, String dev, String marker) throws Exception {
    sh(vm, "echo " + marker + " > /tmp/m && dd if=/tmp/m of=" + node(dev) + " bs=512 count=1 conv=sync,fsync"
        + " oflag=direct && sync");
  }

  private static String read(String vm, String dev) throws Exception {
    return sh(vm, "dd if=" + node(dev) + " bs=512 count=1 iflag=direct 2>/dev/null | head -c 100");
  }

  static String sh(String vm, String script) throws Exception {
    GuestExec.Result r = GuestExec.busybox(vm, 60, "sh", "-c", script);
    if (r.exitCode() != 0) {
      throw new AssertionError("'" + script + "' in " + vm + " exited " + r.exitCode() + ": " + r.stdout() + r.stderr());
    }
    return r.stdout();
  }
}
