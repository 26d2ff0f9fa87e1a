package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.GuestShell;
import dev.vireo.tests.support.VireoLab;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0029 on the real hypervisor with the test guest: a stopped VM becomes a standalone custom
 * image (flattened qcow2, no backing file) that downloads intact (also resumed), boots a new VM
 * carrying what the first wrote, and that VM is reinstalled from the original image while running
 * (a fresh disk, a new boot, still RUNNING); a data disk holding an OS boots a new VM as its system
 * disk. The lab removes domains and files also when the test fails.
 */
@Tag("e2e")
@Timeout(900)
class SystemDiskImagesE2eTest {
  private static final Duration JOB = Duration.ofSeconds(180);
  private static final Duration BOOT = Duration.ofSeconds(150);
  private static VireoLab lab;

  @TempDir
  static Path downloads;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("sysimg");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aStoppedVmBecomesAnImageThatDownloadsBootsAndIsReinstalledFromTheOriginal() throws Exception {
    var created = lab.createVm("src", true);
    String source = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(source, 1, BOOT);
    GuestShell.awaitAgent(lab, source, BOOT);
    long seek = GuestShell.sectors(source, "vda") - 2048; // the last MiB: past the image's partition
    String marker = "VIREO-IMAGE-MARKER-" + source;
    GuestShell.writeSector(source, "vda", seek, marker);
    lab.succeed(lab.client().powerOffVm(source), JOB);

    var made = lab.client().createImageFromVm(source, lab.vmName("made"), null);
    assertEquals("image", made.resourceType());
    lab.succeed(made, JOB);
    Image image = lab.client().getImage(made.resourceId());
    assertEquals(ImageState.AVAILABLE, image.state());
    assertEquals(ImageKind.CUSTOM, image.kind());
    assertEquals(OsType.LINUX, image.osType());
    Path stored = lab.storage().resolve("images").resolve(image.id() + ".qcow2");
    String info = Commands.check(List.of("qemu-img", "info", stored.toString()), 30);
    assertTrue(info.contains("file format: qcow2") && !info.contains("backing file"), "standalone: " + info);

    // export/download: intact, and a broken download resumes
    Path file = downloads.resolve("made.qcow2");
    assertEquals(image.sizeBytes(), lab.client().downloadImage(image.id(), file, false));
    assertEquals(image.checksumSha256(), sha256(file));
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(image.sizeBytes() / 3);
    }
    assertEquals(image.sizeBytes(), lab.client().downloadImage(image.id(), file, true));
    assertEquals(image.checksumSha256(), sha256(file), "the resumed download is the image");

    // a VM from the custom image carries what the source VM wrote
    var copy = lab.createVm("copy", image.id(), true);
    String vm = copy.resourceId();
    lab.succeed(copy, JOB);
    lab.awaitGuestReady(vm, 1, BOOT);
    GuestShell.awaitAgent(lab, vm, BOOT);
    assertTrue(GuestShell.readSector(vm, "vda", seek).contains(marker), "the image holds the source VM's disk");

    // reinstall while running: powered off, a fresh disk from the original image, booted again
    var reinstalled = lab.client().reinstallVm(vm, lab.imageId(), null);
    assertEquals(VmState.REINSTALLING, lab.client().getVm(vm).state());
    lab.succeed(reinstalled, JOB);
    assertEquals(VmState.RUNNING, lab.client().getVm(vm).state());
    assertEquals(lab.imageId(), lab.client().getVm(vm).imageId());
    lab.awaitGuestReady(vm, 2, BOOT);
    GuestShell.awaitAgent(lab, vm, BOOT);
    assertFalse(GuestShell.readSector(vm, "vda", seek).contains(marker), "the old system disk is gone");
    String overlay = Commands.check(List.of("qemu-img", "info", "-U", lab.vmDir(vm).resolve("system.qcow2")
        .toString()), 30);
    assertTrue(overlay.contains("backing file: " + lab.storage().resolve("images")), overlay);
    assertFalse(overlay.contains(image.id()), "no longer on the custom image: " + overlay);

    // the custom image outlives its source VM and can be deleted once no VM uses it
    lab.succeed(lab.client().deleteVm(source), JOB);
    lab.succeed(lab.client().deleteImage(image.id(), false), JOB);
    assertFalse(Files.exists(stored));
  }

  @Test
  void aDataDiskHoldingAnOsBootsANewVmAsItsSystemDisk() throws Exception {
    var created = lab.createVm("os", true);
    String source = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(source, 1, BOOT);
    GuestShell.awaitAgent(lab, source, BOOT);
    long seek = GuestShell.sectors(source, "vda") - 2048;
    String marker = "VIREO-BOOTDISK-MARKER-" + source;
    GuestShell.writeSector(source, "vda", seek, marker);
    lab.succeed(lab.client().powerOffVm(source), JOB);
    // a disk holding the OS: a new disk from a snapshot of the system disk
    lab.succeed(lab.client().createVmSnapshot(source, "os", null), JOB);
    var fromSnapshot = lab.client().createDiskFromVmSnapshot(source, "os", lab.vmName("osdisk"), null);
    lab.succeed(fromSnapshot, JOB);
    String disk = fromSnapshot.resourceId();
    Path volume = lab.storage().resolve("disks").resolve(disk + ".qcow2");
    assertTrue(Files.exists(volume));

    var booted = lab.client().createVm(new CreateVmRequest(lab.vmName("fromdisk"), null, null, "1C1G", null, null,
        true, null, null, null, null, null, null, null, null, disk, OsType.LINUX, null), null);
    String vm = booted.resourceId();
    lab.succeed(booted, JOB);
    assertNull(lab.client().getVm(vm).imageId(), "no image: it boots from the disk");
    assertEquals(DiskState.DELETED, lab.client().getDisk(disk).state());
    assertTrue(lab.client().getDisk(disk).stateReason().contains(vm), lab.client().getDisk(disk).stateReason());
    assertFalse(Files.exists(volume), "the volume moved, it was not copied");
    Path system = lab.storage().resolve("vms").resolve(vm).resolve("system.qcow2");
    assertTrue(Files.exists(system));
    lab.awaitGuestReady(vm, 1, BOOT);
    GuestShell.awaitAgent(lab, vm, BOOT);
    assertTrue(GuestShell.readSector(vm, "vda", seek).contains(marker), "the guest runs from the disk's data");

    lab.succeed(lab.client().deleteVm(vm), JOB);
    assertFalse(Files.exists(system), "the system disk goes with the VM");
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] b = new byte[1 << 16];
      for (int n; (n = in.read(b)) > 0; ) {
        d.update(b, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
