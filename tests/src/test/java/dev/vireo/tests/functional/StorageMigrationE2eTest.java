package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.CreateStorageClusterRequest;
import dev.vireo.api.model.DiskState;
import static dev.vireo.tests.support.GuestShell.awaitDevice;
import static dev.vireo.tests.support.GuestShell.node;
import static dev.vireo.tests.support.GuestShell.readMarker;
import static dev.vireo.tests.support.GuestShell.safeSectors;
import static dev.vireo.tests.support.GuestShell.sectors;
import static dev.vireo.tests.support.GuestShell.sh;

import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.GuestShell;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 5 D5 on the real hypervisor with the test guest (ADR 0026): a data disk of a running VM
 * moves to a second storage cluster (a directory) by libvirt block copy and pivot; the guest keeps
 * running (no second GUEST-READY, /proc/uptime keeps growing), reads the marker written before,
 * the source file is gone and both the live and the persistent domain XML name the new file. The
 * lab removes the domains and its directory (both storage clusters) also when the test fails.
 */
@Tag("e2e")
@Timeout(600)
class StorageMigrationE2eTest {
  private static final Duration JOB = Duration.ofSeconds(180);
  private static final Duration BOOT = Duration.ofSeconds(120);
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("smig");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aRunningGuestsDataDiskMovesToAnotherStorageClusterWithoutStoppingIt() throws Exception {
    Path second = Files.createDirectories(lab.storage().resolve("second-storage"));
    lab.succeed(lab.client().createStorageCluster(new CreateStorageClusterRequest(lab.vmName("fast"), null,
        second.toString(), "second storage cluster"), null), JOB);
    var created = lab.createVm("live", true);
    String vm = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(vm, 1, BOOT);
    awaitAgent(vm);
    var disk = lab.client().createDisk(new CreateDiskRequest(lab.vmName("moving"), null, 10, null), null);
    lab.succeed(disk, JOB);
    String diskId = disk.resourceId();
    Path source = lab.storage().resolve("disks").resolve(diskId + ".qcow2");
    Path target = second.resolve("disks").resolve(diskId + ".qcow2");
    lab.succeed(lab.client().attachDisk(vm, diskId), JOB);
    String dev = awaitDevice(lab, vm, diskId);
    String marker = "VIREO-SMIG-MARKER-" + diskId;
    sh(vm, "echo " + marker + " > /tmp/m && dd if=/tmp/m of=" + node(dev) + " bs=512 count=1 conv=sync && sync");
    double before = uptime(vm);

    lab.succeed(lab.client().migrateDisk(diskId, lab.vmName("fast")), JOB);

    assertEquals(DiskState.ATTACHED, lab.client().getDisk(diskId).state());
    assertFalse(Files.exists(source), "the source is deleted after the pivot");
    assertTrue(Files.exists(target));
    String info = Commands.check(List.of("qemu-img", "info", "-U", target.toString()), 30);
    assertFalse(info.contains("backing file"), "a full copy: " + info);
    String live = Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", vm), 30);
    String config = Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", "--inactive", vm), 30);
    assertTrue(live.contains(target.toString()) && !live.contains(source.toString()), live);
    assertTrue(config.contains(target.toString()) && !config.contains(source.toString()), config);
    assertTrue(readMarker(vm, dev).contains(marker), "the guest reads what it wrote before the move");
    sh(vm, "echo after > /tmp/m2 && dd if=/tmp/m2 of=" + node(dev) + " bs=512 seek=8 count=1 conv=sync && sync");
    assertTrue(uptime(vm) > before, "the guest kept running");
    assertEquals(1, VireoLab.readyCount(lab.consoleLog(vm)), "no second boot");

    // and back, offline: the stopped domain's definition is repointed, the guest finds its data after a start
    lab.succeed(lab.client().powerOffVm(vm), JOB);
    lab.succeed(lab.client().migrateDisk(diskId, "default"), JOB);
    assertTrue(Files.exists(source) && !Files.exists(target), "moved back, the copy on the second storage deleted");
    String stopped = Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", "--inactive", vm), 30);
    assertTrue(stopped.contains(source.toString()) && !stopped.contains(target.toString()), stopped);
    lab.succeed(lab.client().startVm(vm), JOB);
    lab.awaitGuestReady(vm, 2, BOOT);
    awaitAgent(vm);
    String again = awaitDevice(lab, vm, diskId);
    assertTrue(readMarker(vm, again).contains(marker), "the data survived both moves");
    lab.succeed(lab.client().deleteVm(vm, true), JOB);
    assertFalse(Files.exists(source), "deleted with the VM");
  }

  /**
   * ADR 0028: a running guest's system disk moves to another storage cluster by a full block copy
   * of vda and a pivot: the guest keeps running (no second boot, uptime grows), reads what it wrote
   * before, the source is deleted, the copy has no backing file, both the live and the persistent
   * XML name it, and the guest boots from it after a stop.
   */
  @Test
  void aRunningGuestsSystemDiskMovesToAnotherStorageClusterWithoutStoppingIt() throws Exception {
    Path second = Files.createDirectories(lab.storage().resolve("system-storage"));
    lab.succeed(lab.client().createStorageCluster(new CreateStorageClusterRequest(lab.vmName("sys"), null,
        second.toString(), "system disks"), null), JOB);
    var created = lab.createVm("sysmove", true);
    String vm = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(vm, 1, BOOT);
    awaitAgent(vm);
    Path source = lab.vmDir(vm).resolve("system.qcow2");
    Path target = second.resolve("vms").resolve(vm).resolve("system.qcow2");
    long seek = sectors(vm, "vda") - 2048; // the last MiB: past the image's partition
    String marker = "VIREO-SYSMIG-MARKER-" + vm;
    sh(vm, "echo " + marker + " > /tmp/m && dd if=/tmp/m of=" + node("vda") + " bs=512 seek=" + seek
        + " count=1 conv=sync,fsync oflag=direct && sync");
    double before = uptime(vm);

    var moved = lab.client().migrateSystemDisk(vm, lab.vmName("sys"));
    lab.succeed(moved, JOB);

    assertEquals(100, lab.client().getJob(moved.jobId()).progress(), "the job reports the copy done");
    assertEquals(lab.client().getStorageCluster(lab.vmName("sys")).id(),
        lab.client().getVm(vm).systemStorageClusterId());
    assertFalse(Files.exists(source), "the source is deleted after the pivot");
    String info = Commands.check(List.of("qemu-img", "info", "-U", target.toString()), 30);
    assertFalse(info.contains("backing file"), "a full copy, independent of the image store: " + info);
    String live = Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", vm), 30);
    String config = Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", "--inactive", vm), 30);
    assertTrue(live.contains(target.toString()) && !live.contains(source.toString()), live);
    assertTrue(config.contains(target.toString()) && !config.contains(source.toString()), config);
    assertTrue(GuestShell.readSector(vm, "vda", seek).contains(marker), "reads what it wrote before the move");
    assertTrue(uptime(vm) > before, "the guest kept running");
    assertEquals(1, VireoLab.readyCount(lab.consoleLog(vm)), "no second boot");

    lab.succeed(lab.client().powerOffVm(vm), JOB);
    lab.succeed(lab.client().startVm(vm), JOB);
    lab.awaitGuestReady(vm, 2, BOOT);
    awaitAgent(vm);
    assertTrue(GuestShell.readSector(vm, "vda", seek).contains(marker), "booted from the moved disk, data intact");
    lab.succeed(lab.client().deleteVm(vm), JOB);
    assertFalse(Files.exists(target.getParent()), "its directory on the second storage is deleted with it");
  }

  /** C4: created larger than the image, grown online (seen in the guest at once) and offline; the base untouched. */
  @Test
  void theSystemDiskIsCreatedLargerThanTheImageAndGrowsOnlineAndOffline() throws Exception {
    var created = lab.createVm("grow", true);
    String vm = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(vm, 1, BOOT);
    awaitAgent(vm);
    int before = lab.client().getVm(vm).systemDiskGiB();
    assertEquals((long) before << 30, sectors(vm, "vda") * 512, "the guest sees the size chosen at create");
    lab.succeed(lab.client().resizeSystemDisk(vm, before + 1), JOB);
    lab.await("the guest sees the grown system disk", Duration.ofSeconds(30),
        () -> safeSectors(vm, "vda") == ((long) (before + 1) << 30) / 512);
    assertEquals(1, VireoLab.readyCount(lab.consoleLog(vm)), "grown without a reboot");
    lab.succeed(lab.client().powerOffVm(vm), JOB);
    lab.succeed(lab.client().resizeSystemDisk(vm, before + 2), JOB);
    String info = Commands.check(List.of("qemu-img", "info", "-U", lab.vmDir(vm).resolve("system.qcow2").toString()),
        30);
    assertTrue(info.contains("virtual size: " + (before + 2) + " GiB") && info.contains("backing file"), info);
    lab.succeed(lab.client().startVm(vm), JOB);
    lab.awaitGuestReady(vm, 2, BOOT);
    awaitAgent(vm);
    assertEquals(((long) (before + 2) << 30) / 512, sectors(vm, "vda"));
    lab.succeed(lab.client().deleteVm(vm), JOB);
  }

  private static double uptime(String vm) throws Exception {
    return Double.parseDouble(sh(vm, "cut -d' ' -f1 /proc/uptime").strip());
  }

  private static void awaitAgent(String vm) throws InterruptedException {
    GuestShell.awaitAgent(lab, vm, BOOT);
  }

}
