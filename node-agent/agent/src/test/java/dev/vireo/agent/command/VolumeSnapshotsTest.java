package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.agent.protocol.CreateVolumeCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.VolumeFromSnapshotCommand;
import dev.vireo.agent.protocol.VolumeReply;
import dev.vireo.agent.protocol.VolumeSnapshotCommand;
import dev.vireo.agent.protocol.VolumeSnapshotCommand.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk snapshots (ADR 0025) with the real qemu-img and qemu-io on a fake hypervisor. */
class VolumeSnapshotsTest {
  private static final String DISK = "disk-0123456789ab";
  @TempDir
  Path root;
  Path nfs;
  FakeHypervisor hypervisor;
  CommandExecutor executor;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(run("qemu-img", "--version") == 0, "qemu-img is needed");
    nfs = Files.createDirectories(root.resolve("nfs"));
    hypervisor = new FakeHypervisor();
    executor = new CommandExecutor(hypervisor, new DiskTool(), root.resolve("storage"));
    executor.execute(new CreateVolumeCommand(DISK, nfs.toString(), volume(), 10L << 30));
  }

  private String volume() {
    return nfs.resolve("disks").resolve(DISK + ".qcow2").toString();
  }

  private VolumeReply snap(Action action, String name) {
    return (VolumeReply) executor.execute(new VolumeSnapshotCommand(action, DISK, nfs.toString(), volume(), name, null));
  }

  private void write(int pattern) throws Exception {
    assertEquals(0, run("qemu-io", "-f", "qcow2", "-c", "write -P " + pattern + " 1M 64k", volume()));
  }

  private boolean holds(String path, int pattern) throws Exception {
    return run("qemu-io", "-f", "qcow2", "-c", "read -P " + pattern + " 1M 64k", path) == 0;
  }

  @Test
  void deletingTheMiddleSnapshotKeepsTheOthersRestorable() throws Exception {
    for (int i = 1; i <= 3; i++) {
      write(i);
      snap(Action.CREATE, "snap-00000000000" + i);
    }
    write(4);
    snap(Action.CREATE, "snap-000000000003"); // again: done already
    snap(Action.DELETE, "snap-000000000002");
    snap(Action.DELETE, "snap-000000000002"); // absent counts as deleted
    assertEquals(List.of("snap-000000000001", "snap-000000000003"), new DiskTool().snapshots(Path.of(volume())));
    snap(Action.REVERT, "snap-000000000003");
    assertTrue(holds(volume(), 3));
    snap(Action.REVERT, "snap-000000000001");
    assertTrue(holds(volume(), 1));
    CommandFailedException gone = assertThrows(CommandFailedException.class,
        () -> snap(Action.REVERT, "snap-000000000002"));
    assertEquals("SNAPSHOT_NOT_FOUND", gone.code());
  }

  @Test
  void aNewVolumeFromASnapshotHoldsItsDataWithoutABackingFile() throws Exception {
    write(7);
    snap(Action.CREATE, "snap-0000000000aa");
    write(8);
    String copy = nfs.resolve("disks").resolve("disk-cccccccccccc.qcow2").toString();
    VolumeReply r = (VolumeReply) executor.execute(new VolumeFromSnapshotCommand(DISK, volume(), "snap-0000000000aa",
        "disk-cccccccccccc", nfs.toString(), copy));
    assertEquals(10L << 30, r.virtualSizeBytes());
    assertTrue(holds(copy, 7), "the snapshot's data, not the later write");
    assertEquals(null, new DiskTool().volumeInfo(Path.of(copy)).backingFile());
    assertFalse(Files.exists(Path.of(copy + ".part")));
  }

  @Test
  void aVolumeOpenByARunningDomainIsSnapshottedLiveAndNeverRolledBack() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.liveDisks.put("vm-1", Map.of("vdc", volume()));
    CommandFailedException live = assertThrows(CommandFailedException.class, () -> executor.execute(
        new VolumeSnapshotCommand(Action.CREATE, DISK, nfs.toString(), volume(), "snap-0000000000bb", "vm-1")));
    assertEquals("UNSUPPORTED", live.code(), "went to the hypervisor (the fake cannot), not to qemu-img");
    CommandFailedException revert = assertThrows(CommandFailedException.class, () -> executor.execute(
        new VolumeSnapshotCommand(Action.REVERT, DISK, nfs.toString(), volume(), "snap-0000000000bb", "vm-1")));
    assertEquals("VOLUME_IN_USE", revert.code());
  }

  @Test
  void namesAndPathsOtherThanOursAreRefused() {
    CommandFailedException name = assertThrows(CommandFailedException.class, () -> snap(Action.CREATE, "-d x"));
    assertEquals("INVALID_COMMAND", name.code());
    CommandFailedException path = assertThrows(CommandFailedException.class, () -> executor.execute(
        new VolumeSnapshotCommand(Action.CREATE, DISK, nfs.toString(), "/etc/shadow", "snap-0000000000cc", null)));
    assertEquals("INVALID_COMMAND", path.code());
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    int rc = p.waitFor();
    return out.contains("Pattern verification failed") ? 1 : rc;
  }
}
