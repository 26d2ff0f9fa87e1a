package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0028: system disk paths from the network are the storage root's or {@code <mounted>/vms/<vm>/system.qcow2}. */
class VmPathsTest {
  @TempDir
  Path dir;

  @Test
  void acceptsTheStorageRootAndAMovedSystemDiskOnAMountedStorage() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path other = Files.createDirectories(dir.resolve("nfs"));
    String underRoot = root.resolve("vms/vm-0123456789ab/system.qcow2").toString();
    String moved = other.resolve("vms/vm-0123456789ab/system.qcow2").toString();
    assertEquals(Path.of(underRoot), VmPaths.systemDisk(root, underRoot, "path"));
    assertEquals(Path.of(moved), VmPaths.systemDisk(root, moved, "path"));
    assertEquals(other.resolve("vms/vm-0123456789ab"),
        VmPaths.vmDirectory(root, other.resolve("vms/vm-0123456789ab").toString(), "vmDirectory"));
  }

  @Test
  void refusesAnythingElse() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class,
        () -> VmPaths.systemDisk(root, "/etc/passwd", "path")).code());
    assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class,
        () -> VmPaths.systemDisk(root, "/etc/vms/../shadow/system.qcow2", "path")).code());
    assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class,
        () -> VmPaths.vmDirectory(root, "/var/lib", "vmDirectory")).code());
    assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class,
        () -> VmPaths.systemDisk(root, "relative/vms/vm-0123456789ab/system.qcow2", "path")).code());
    assertEquals("STORAGE_UNAVAILABLE", assertThrows(CommandFailedException.class,
        () -> VmPaths.systemDisk(root, dir.resolve("unmounted/vms/vm-0123456789ab/system.qcow2").toString(),
            "path")).code());
  }
}
