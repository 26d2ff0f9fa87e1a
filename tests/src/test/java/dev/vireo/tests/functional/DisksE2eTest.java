package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import static dev.vireo.tests.support.GuestShell.awaitDevice;
import static dev.vireo.tests.support.GuestShell.findDevice;
import static dev.vireo.tests.support.GuestShell.node;
import static dev.vireo.tests.support.GuestShell.readMarker;
import static dev.vireo.tests.support.GuestShell.safeSectors;
import static dev.vireo.tests.support.GuestShell.sectors;
import static dev.vireo.tests.support.GuestShell.sh;

import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.GuestShell;
import dev.vireo.tests.support.TestImage;
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
 * Issue 5 D2 on the real hypervisor with the test guest: a disk attached to a running VM appears
 * in the guest (found by its serial, the disk id) and takes a marker written with dd; the marker
 * survives a detach and re-attach and shows up on another VM; an online expansion is visible in
 * the guest at once; the attachment is in the persistent definition too. The lab removes the
 * domains and its directory (volumes included) also when the test fails.
 */
@Tag("e2e")
@Timeout(600)
class DisksE2eTest {
  private static final Duration JOB = Duration.ofSeconds(120);
  private static final Duration BOOT = Duration.ofSeconds(120);
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("disk");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aDiskIsSeenWrittenMovedAndGrownInRealGuests() throws Exception {
    var createA = lab.createVm("a", true);
    var createB = lab.createVm("b", true);
    String a = createA.resourceId();
    String b = createB.resourceId();
    lab.succeed(createA, JOB);
    lab.succeed(createB, JOB);
    lab.awaitGuestReady(a, 1, BOOT);
    lab.awaitGuestReady(b, 1, BOOT);
    awaitAgent(a);
    awaitAgent(b);

    var created = lab.client().createDisk(new CreateDiskRequest(lab.vmName("data"), null, 10, null), null);
    String disk = created.resourceId();
    lab.succeed(created, JOB);
    Path volume = lab.storage().resolve("disks").resolve(disk + ".qcow2");
    String info = Commands.check(List.of("qemu-img", "info", "-U", volume.toString()), 30);
    assertTrue(info.contains("file format: qcow2") && info.contains("virtual size: 10 GiB"), info);
    assertFalse(info.contains("backing file"), "a data volume has no backing file: " + info);

    // hot-plug into the running guest; it sees a 10 GiB block device with the disk id as serial
    lab.succeed(lab.client().attachDisk(a, disk), JOB);
    assertEquals(DiskState.ATTACHED, lab.client().getDisk(disk).state());
    String dev = awaitDevice(lab, a, disk);
    assertEquals((10L << 30) / 512, sectors(a, dev));
    assertTrue(Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", "--inactive", a), 30)
        .contains(volume.toString()), "the attachment is in the persistent definition (survives stop/start)");

    String marker = "VIREO-DISK-MARKER-" + disk;
    sh(a, "echo " + marker + " > /tmp/m && dd if=/tmp/m of=" + node(dev) + " bs=512 count=1 conv=sync && sync");
    assertTrue(readMarker(a, dev).contains(marker));

    // online expansion: the running guest sees the new size without a reboot
    lab.succeed(lab.client().resizeDisk(disk, 12), JOB);
    String grownDev = dev;
    lab.await("the guest sees 12 GiB", Duration.ofSeconds(30), () -> safeSectors(a, grownDev) == (12L << 30) / 512);
    assertEquals(12, lab.client().getDisk(disk).sizeGiB());

    // detach (hot-unplug) and attach again: the data is still there
    lab.succeed(lab.client().detachDisk(a, disk), JOB);
    assertEquals(DiskState.AVAILABLE, lab.client().getDisk(disk).state());
    lab.await("the device left guest a", Duration.ofSeconds(30), () -> findDevice(a, disk) == null);
    assertFalse(Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", "--inactive", a), 30)
        .contains(volume.toString()), "detached from the persistent definition too");
    lab.succeed(lab.client().attachDisk(a, disk), JOB);
    dev = awaitDevice(lab, a, disk);
    assertTrue(readMarker(a, dev).contains(marker), "marker survives detach and re-attach");

    // power off and start: the domain is defined again from the inventory, with the disk
    lab.succeed(lab.client().powerOffVm(a), JOB);
    lab.succeed(lab.client().startVm(a), JOB);
    lab.awaitGuestReady(a, 2, BOOT);
    awaitAgent(a);
    dev = awaitDevice(lab, a, disk);
    assertTrue(readMarker(a, dev).contains(marker), "the disk and its data survive stop/start");

    // and on another VM
    lab.succeed(lab.client().detachDisk(a, disk), JOB);
    lab.succeed(lab.client().attachDisk(b, disk), JOB);
    String devB = awaitDevice(lab, b, disk);
    assertTrue(readMarker(b, devB).contains(marker), "the other VM reads what the first wrote");
    assertEquals((12L << 30) / 512, sectors(b, devB));

    // deleting the VM keeps the disk; deleting the disk removes its volume
    lab.succeed(lab.client().deleteVm(b), JOB);
    Disk after = lab.client().getDisk(disk);
    assertEquals(DiskState.AVAILABLE, after.state());
    assertTrue(Files.exists(volume));

    // a clone holds the same data and attaches elsewhere (hot-plug into a again)
    var cloned = lab.client().cloneDisk(disk, lab.vmName("data-copy"), null);
    lab.succeed(cloned, JOB);
    lab.succeed(lab.client().attachDisk(a, cloned.resourceId()), JOB);
    String devCopy = awaitDevice(lab, a, cloned.resourceId());
    assertTrue(readMarker(a, devCopy).contains(marker), "the clone holds the original's data");
    assertEquals((12L << 30) / 512, sectors(a, devCopy), "and its size");
    lab.succeed(lab.client().deleteVm(a, true), JOB);
    assertEquals(DiskState.DELETED, lab.client().getDisk(cloned.resourceId()).state());
    lab.succeed(lab.client().deleteDisk(disk), JOB);
    assertEquals(DiskState.DELETED, lab.client().getDisk(disk).state());
    assertFalse(Files.exists(volume), "volume removed");
  }

  /** A UEFI VM runs on q35, where hot-plug needs a free root port: its definition leaves them. */
  @Test
  void aDiskHotPlugsIntoARunningUefiGuestAndGrowsThere() throws Exception {
    String image = lab.importImage(TestImage.path(), "uefi", BootMode.UEFI);
    var created = lab.createVm("efi", image, true);
    String vm = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(vm, 1, BOOT);
    awaitAgent(vm);
    var disk = lab.client().createDisk(new CreateDiskRequest(lab.vmName("efi-data"), null, 10, null), null);
    lab.succeed(disk, JOB);
    lab.succeed(lab.client().attachDisk(vm, disk.resourceId()), JOB);
    String dev = awaitDevice(lab, vm, disk.resourceId());
    assertEquals((10L << 30) / 512, sectors(vm, dev));
    lab.succeed(lab.client().resizeDisk(disk.resourceId(), 11), JOB);
    lab.await("the UEFI guest sees 11 GiB", Duration.ofSeconds(30), () -> safeSectors(vm, dev) == (11L << 30) / 512);
    lab.succeed(lab.client().deleteVm(vm, true), JOB);
    assertEquals(DiskState.DELETED, lab.client().getDisk(disk.resourceId()).state());
  }

  private static void awaitAgent(String vm) throws InterruptedException {
    GuestShell.awaitAgent(lab, vm, BOOT);
  }

}
