package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.agent.protocol.AdoptVolumeCommand;
import dev.vireo.agent.protocol.CreateSystemDiskCommand;
import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.ExportSystemDiskCommand;
import dev.vireo.agent.protocol.ReinstallSystemDiskCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0029 on a fake hypervisor and the real qemu-img: export, reinstall, adopt, blank disks. */
class SystemDiskImagesTest {
  private static final String VM = "vm-3f9a1c2b7d10";
  @TempDir
  Path root;
  private Path storage;
  private Path base;
  private Path disk;
  private FakeHypervisor hypervisor;
  private CommandExecutor executor;
  private final DiskTool tool = new DiskTool();

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(QemuImgs.available(), "qemu-img is needed");
    storage = Files.createDirectories(root.resolve("storage"));
    base = Files.createDirectories(storage.resolve("images")).resolve("img-0000aa.qcow2");
    QemuImgs.run("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "1G");
    disk = Files.createDirectories(storage.resolve("vms/" + VM)).resolve("system.qcow2");
    QemuImgs.run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base.toString(), disk.toString(), "2G");
    hypervisor = new FakeHypervisor();
    hypervisor.domains.put(VM, DomainPowerState.SHUTOFF);
    executor = new CommandExecutor(hypervisor, tool, storage);
  }

  @Test
  void exportsAStoppedVmsDiskAsAStandaloneImageOnlyIntoTheImageStore() {
    Path image = storage.resolve("images/img-0000bb.qcow2");
    DiskReply r = (DiskReply) executor.execute(new ExportSystemDiskCommand(VM, disk.toString(), image.toString()));
    assertEquals(2L << 30, r.virtualSizeBytes());
    assertNull(tool.info(image).backingFile(), "flattened: no backing file");
    assertFalse(Files.exists(Path.of(image + ".part")));
    executor.execute(new ExportSystemDiskCommand(VM, disk.toString(), image.toString())); // resent: done

    CommandFailedException outside = assertThrows(CommandFailedException.class, () -> executor.execute(
        new ExportSystemDiskCommand(VM, disk.toString(), storage.resolve("vms/" + VM + "/x.qcow2").toString())));
    assertEquals("INVALID_COMMAND", outside.code());
    hypervisor.domains.put(VM, DomainPowerState.RUNNING);
    CommandFailedException running = assertThrows(CommandFailedException.class, () -> executor.execute(
        new ExportSystemDiskCommand(VM, disk.toString(), storage.resolve("images/img-0000cc.qcow2").toString())));
    assertEquals("VM_RUNNING", running.code());
  }

  @Test
  void reinstallReplacesTheOverlayOnlyWhenTheNewOneIsCompleteAndNeverWhileRunning() throws Exception {
    Path other = storage.resolve("images/img-0000dd.qcow2");
    QemuImgs.run("qemu-img", "create", "-q", "-f", "qcow2", other.toString(), "1G");
    executor.execute(new ReinstallSystemDiskCommand(VM, other.toString(), disk.toString(), 2));
    assertEquals(other.toString(), tool.info(disk).backingFile());
    assertEquals(2L << 30, tool.info(disk).virtualSize(), "keeps its size");
    assertFalse(Files.exists(Path.of(disk + ".reinstall")));

    CommandFailedException missing = assertThrows(CommandFailedException.class, () -> executor.execute(
        new ReinstallSystemDiskCommand(VM, storage.resolve("images/none.qcow2").toString(), disk.toString(), 2)));
    assertEquals("IMAGE_NOT_FOUND", missing.code());
    assertEquals(other.toString(), tool.info(disk).backingFile(), "a failure leaves the disk");
    hypervisor.domains.put(VM, DomainPowerState.RUNNING);
    assertEquals("VM_RUNNING", assertThrows(CommandFailedException.class, () -> executor.execute(
        new ReinstallSystemDiskCommand(VM, base.toString(), disk.toString(), 2))).code());
  }

  @Test
  void adoptsADataVolumeAsSystemDiskOnTheSameStorageAndMovesItBack() throws Exception {
    Path volume = Files.createDirectories(storage.resolve("disks")).resolve("disk-0000aa11.qcow2");
    QemuImgs.run("qemu-img", "create", "-q", "-f", "qcow2", volume.toString(), "1G");
    Path target = storage.resolve("vms/vm-4f9a1c2b7d10/system.qcow2");
    DiskReply r = (DiskReply) executor.execute(new AdoptVolumeCommand(volume.toString(), target.toString(), 3L << 30));
    assertEquals(3L << 30, r.virtualSizeBytes(), "grown to the VM's system disk size");
    assertFalse(Files.exists(volume));
    assertTrue(Files.exists(target));
    executor.execute(new AdoptVolumeCommand(volume.toString(), target.toString(), 3L << 30)); // resent: done
    executor.execute(new AdoptVolumeCommand(target.toString(), volume.toString(), 0)); // the rollback
    assertTrue(Files.exists(volume));

    assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class, () -> executor.execute(
        new AdoptVolumeCommand(base.toString(), target.toString(), 0))).code(), "only data volumes");
    Path elsewhere = Files.createDirectories(root.resolve("other/disks")).resolve("disk-0000aa11.qcow2");
    assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class, () -> executor.execute(
        new AdoptVolumeCommand(elsewhere.toString(), target.toString(), 0))).code(), "only within one storage");
  }

  @Test
  void createsABlankSystemDiskForAnIsoInstall() {
    Path blank = storage.resolve("vms/vm-5f9a1c2b7d10/system.qcow2");
    DiskReply r = (DiskReply) executor.execute(new CreateSystemDiskCommand("vm-5f9a1c2b7d10", null, blank.toString(),
        10));
    assertEquals(10L << 30, r.virtualSizeBytes());
    assertNull(tool.info(blank).backingFile());
    executor.execute(new CreateSystemDiskCommand("vm-5f9a1c2b7d10", null, blank.toString(), 10)); // resent: done
    assertEquals("DISK_CREATE_FAILED", assertThrows(CommandFailedException.class, () -> executor.execute(
        new CreateSystemDiskCommand(VM, null, disk.toString(), 10))).code(), "an overlay is not a blank disk");
  }
}
