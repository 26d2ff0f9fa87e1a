package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.agent.protocol.AttachDiskCommand;
import dev.vireo.agent.protocol.CloneVolumeCommand;
import dev.vireo.agent.protocol.CreateVolumeCommand;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.DeleteVolumeCommand;
import dev.vireo.agent.protocol.DetachDiskCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.ProbeStorageCommand;
import dev.vireo.agent.protocol.ResizeVolumeCommand;
import dev.vireo.agent.protocol.StorageReply;
import dev.vireo.agent.protocol.VolumeReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-disk commands on a fake hypervisor and the real qemu-img (ADR 0021). */
class DataDiskCommandsTest {
  private static final String DISK = "disk-0123456789ab";
  @TempDir
  Path root;
  Path nfs;
  FakeHypervisor hypervisor;
  CommandExecutor executor;

  @BeforeEach
  void setUp() throws Exception {
    nfs = Files.createDirectories(root.resolve("nfs"));
    hypervisor = new FakeHypervisor();
    executor = new CommandExecutor(hypervisor, new DiskTool(), root.resolve("storage"));
  }

  private String volume() {
    return nfs.resolve("disks").resolve(DISK + ".qcow2").toString();
  }

  @Test
  void probingAMountedDirectoryCreatesItsDisksDirectoryAndReportsItsFigures() {
    StorageReply r = (StorageReply) executor.execute(new ProbeStorageCommand(nfs.toString()));
    assertTrue(Files.isDirectory(nfs.resolve("disks")));
    assertTrue(r.capacityBytes() > 0 && r.usedBytes() >= 0 && r.usedBytes() <= r.capacityBytes(), r.toString());
  }

  @Test
  void probingAPathThatIsNotMountedFailsNamingIt() {
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> executor.execute(new ProbeStorageCommand(root.resolve("absent").toString())));
    assertEquals("STORAGE_UNAVAILABLE", e.code());
    assertTrue(e.getMessage().contains("absent"));
  }

  @Test
  void createsAThinVolumeOnceAndGrowsItOfflineButNeverShrinksIt() {
    assumeTrue(QemuImgs.available(), "qemu-img is needed");
    VolumeReply created = (VolumeReply) executor.execute(new CreateVolumeCommand(DISK, nfs.toString(), volume(), 10L << 30));
    assertEquals(10L << 30, created.virtualSizeBytes());
    assertTrue(created.allocatedBytes() < 10L << 20, "thin: " + created.allocatedBytes());
    // resent after a crash: done, not an error
    assertEquals(10L << 30, ((VolumeReply) executor.execute(new CreateVolumeCommand(DISK, nfs.toString(), volume(),
        10L << 30))).virtualSizeBytes());
    VolumeReply grown = (VolumeReply) executor.execute(new ResizeVolumeCommand(DISK, nfs.toString(), volume(), null,
        12L << 30));
    assertEquals(12L << 30, grown.virtualSizeBytes());
    CommandFailedException shrink = assertThrows(CommandFailedException.class, () -> executor.execute(
        new ResizeVolumeCommand(DISK, nfs.toString(), volume(), null, 11L << 30)));
    assertEquals("SHRINK_REFUSED", shrink.code());
    executor.execute(new DeleteVolumeCommand(DISK, nfs.toString(), volume()));
    assertFalse(Files.exists(Path.of(volume())));
    executor.execute(new DeleteVolumeCommand(DISK, nfs.toString(), volume())); // absent: done
  }

  @Test
  void aCloneIsAThinCopyHoldingTheSourcesDataAndIsDoneWhenResent() throws Exception {
    assumeTrue(QemuImgs.available(), "qemu-img is needed");
    executor.execute(new CreateVolumeCommand(DISK, nfs.toString(), volume(), 10L << 30));
    run("qemu-io", "-f", "qcow2", "-c", "write -P 0xab 1M 64k", volume());
    Path fast = Files.createDirectories(root.resolve("fast"));
    String copy = fast.resolve("disks").resolve("disk-cccccccccccc.qcow2").toString();
    VolumeReply r = (VolumeReply) executor.execute(new CloneVolumeCommand(DISK, volume(), "disk-cccccccccccc",
        fast.toString(), copy));
    assertEquals(10L << 30, r.virtualSizeBytes());
    assertTrue(r.allocatedBytes() < 10L << 20, "thin: " + r.allocatedBytes());
    assertEquals(0, run("qemu-io", "-f", "qcow2", "-c", "read -P 0xab 1M 64k", copy), "the copy holds the data");
    assertFalse(Files.exists(Path.of(copy + ".part")));
    executor.execute(new CloneVolumeCommand(DISK, volume(), "disk-cccccccccccc", fast.toString(), copy));
    CommandFailedException outside = assertThrows(CommandFailedException.class, () -> executor.execute(
        new CloneVolumeCommand(DISK, "/etc/shadow", "disk-cccccccccccc", fast.toString(), copy)));
    assertEquals("INVALID_COMMAND", outside.code());
  }

  // --- storage live migration (ADR 0026) ---

  private String moved(Path storage) {
    return storage.resolve("disks").resolve(DISK + ".qcow2").toString();
  }

  @Test
  void aLiveMigrationCopiesPivotsRepointsTheDefinitionAndOnlyThenDeletesTheSource() throws Exception {
    Files.createDirectories(nfs.resolve("disks"));
    Files.writeString(Path.of(volume()), "data");
    Path fast = Files.createDirectories(root.resolve("fast").resolve("disks")).getParent();
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.liveDisks.put("vm-1", new java.util.concurrent.ConcurrentHashMap<>(Map.of("vdc", volume())));
    hypervisor.configDisks.put("vm-1", new java.util.concurrent.ConcurrentHashMap<>(Map.of("vdc", volume())));
    var command = new dev.vireo.agent.protocol.MigrateVolumeCommand(DISK, volume(), fast.toString(), moved(fast),
        "vm-1", "vdc");
    executor.execute(command);
    assertEquals(List.of("blockcopy vm-1 vdc " + moved(fast), "detach vm-1 vdc config", "attach vm-1 vdc config"),
        hypervisor.calls);
    assertEquals(moved(fast), hypervisor.dataDisks("vm-1", true).get("vdc"));
    assertEquals(moved(fast), hypervisor.dataDisks("vm-1", false).get("vdc"));
    assertFalse(Files.exists(Path.of(volume())), "source deleted after the pivot");
    assertTrue(Files.exists(Path.of(moved(fast))));
    executor.execute(command); // resent after the pivot: done, nothing copied again
    assertEquals(3, hypervisor.calls.size());
  }

  @Test
  void aFailedLiveCopyKeepsTheSourceAndDeletesThePartialTarget() throws Exception {
    Files.createDirectories(nfs.resolve("disks"));
    Files.writeString(Path.of(volume()), "data");
    Path fast = Files.createDirectories(root.resolve("fast").resolve("disks")).getParent();
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.liveDisks.put("vm-1", new java.util.concurrent.ConcurrentHashMap<>(Map.of("vdc", volume())));
    hypervisor.configDisks.put("vm-1", new java.util.concurrent.ConcurrentHashMap<>(Map.of("vdc", volume())));
    hypervisor.blockCopyFailure = new CommandFailedException("BLOCK_COPY_FAILED", "no space left on device");
    CommandFailedException e = assertThrows(CommandFailedException.class, () -> executor.execute(
        new dev.vireo.agent.protocol.MigrateVolumeCommand(DISK, volume(), fast.toString(), moved(fast), "vm-1",
            "vdc")));
    assertEquals("MIGRATE_FAILED", e.code());
    assertTrue(e.getMessage().contains("no space left on device"), e.getMessage());
    assertTrue(Files.exists(Path.of(volume())), "source kept");
    assertFalse(Files.exists(Path.of(moved(fast))), "partial target deleted");
    assertEquals(volume(), hypervisor.dataDisks("vm-1", true).get("vdc"));
    assertEquals(volume(), hypervisor.dataDisks("vm-1", false).get("vdc"));
  }

  @Test
  void anOfflineMigrationCopiesWithQemuImgAndRepointsAStoppedDomain() throws Exception {
    assumeTrue(QemuImgs.available(), "qemu-img is needed");
    executor.execute(new CreateVolumeCommand(DISK, nfs.toString(), volume(), 10L << 30));
    run("qemu-io", "-f", "qcow2", "-c", "write -P 0xcd 2M 64k", volume());
    Path fast = Files.createDirectories(root.resolve("fast"));
    hypervisor.domains.put("vm-2", DomainPowerState.SHUTOFF);
    hypervisor.configDisks.put("vm-2", new java.util.concurrent.ConcurrentHashMap<>(Map.of("vdd", volume())));
    VolumeReply r = (VolumeReply) executor.execute(new dev.vireo.agent.protocol.MigrateVolumeCommand(DISK, volume(),
        fast.toString(), moved(fast), "vm-2", "vdd"));
    assertEquals(10L << 30, r.virtualSizeBytes());
    assertEquals(0, run("qemu-io", "-f", "qcow2", "-c", "read -P 0xcd 2M 64k", moved(fast)), "the copy holds the data");
    assertFalse(Files.exists(Path.of(volume())));
    assertEquals(moved(fast), hypervisor.dataDisks("vm-2", false).get("vdd"));
    assertFalse(hypervisor.calls.stream().anyMatch(c -> c.startsWith("blockcopy")));
    CommandFailedException outside = assertThrows(CommandFailedException.class, () -> executor.execute(
        new dev.vireo.agent.protocol.MigrateVolumeCommand(DISK, "/etc/shadow", fast.toString(), moved(fast), null,
            null)));
    assertEquals("INVALID_COMMAND", outside.code());
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    int rc = p.waitFor();
    if (out.contains("Pattern verification failed")) {
      return 1;
    }
    return rc;
  }

  @Test
  void growsAVolumeOfARunningDomainThroughTheHypervisor() {
    assumeTrue(QemuImgs.available(), "qemu-img is needed");
    executor.execute(new CreateVolumeCommand(DISK, nfs.toString(), volume(), 10L << 30));
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.liveDisks.put("vm-1", Map.of("vdc", volume()));
    executor.execute(new ResizeVolumeCommand(DISK, nfs.toString(), volume(), "vm-1", 20L << 30));
    assertEquals(List.of("blockresize vm-1 vdc " + (20L << 30)), hypervisor.calls);
  }

  @Test
  void refusesVolumePathsOutsideTheStoragesDisksDirectory() {
    for (String path : List.of("/etc/shadow", nfs.resolve("disks/../../x.qcow2").toString(),
        nfs.resolve("disks/disk-ffffffffffff.qcow2").toString())) {
      CommandFailedException e = assertThrows(CommandFailedException.class,
          () -> executor.execute(new CreateVolumeCommand(DISK, nfs.toString(), path, 10L << 30)), path);
      assertEquals("INVALID_COMMAND", e.code());
    }
    CommandFailedException e = assertThrows(CommandFailedException.class, () -> executor.execute(
        new AttachDiskCommand("vm-1", new DataDiskDefinition(DISK, "/etc/shadow", "vdc"))));
    assertEquals("INVALID_COMMAND", e.code());
  }

  @Test
  void attachesLiveAndPersistentlyToARunningDomainOnceAndOnlyToTheDefinitionOfAStoppedOne() throws Exception {
    Files.createDirectories(nfs.resolve("disks"));
    Files.writeString(Path.of(volume()), "");
    DataDiskDefinition disk = new DataDiskDefinition(DISK, volume(), "vdc");
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    executor.execute(new AttachDiskCommand("vm-1", disk));
    executor.execute(new AttachDiskCommand("vm-1", disk)); // resent: done
    assertEquals(List.of("attach vm-1 vdc live"), hypervisor.calls);
    executor.execute(new DetachDiskCommand("vm-1", disk));
    assertEquals(Map.of(), hypervisor.dataDisks("vm-1", true));
    assertEquals(Map.of(), hypervisor.dataDisks("vm-1", false));

    hypervisor.domains.put("vm-2", DomainPowerState.SHUTOFF);
    executor.execute(new AttachDiskCommand("vm-2", disk));
    assertEquals("attach vm-2 vdc config", hypervisor.calls.get(hypervisor.calls.size() - 1));
    // an undefined domain gets the disk with its next definition
    executor.execute(new AttachDiskCommand("vm-3", disk));
    assertFalse(hypervisor.calls.stream().anyMatch(c -> c.contains("vm-3")));
  }

  @Test
  void refusesToAttachAtATargetAnotherDiskHolds() throws Exception {
    Files.createDirectories(nfs.resolve("disks"));
    Files.writeString(Path.of(volume()), "");
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);
    hypervisor.configDisks.put("vm-1", Map.of("vdc", nfs.resolve("disks/disk-ffffffffffff.qcow2").toString()));
    CommandFailedException e = assertThrows(CommandFailedException.class, () -> executor.execute(
        new AttachDiskCommand("vm-1", new DataDiskDefinition(DISK, volume(), "vdc"))));
    assertEquals("TARGET_IN_USE", e.code());
  }
}
