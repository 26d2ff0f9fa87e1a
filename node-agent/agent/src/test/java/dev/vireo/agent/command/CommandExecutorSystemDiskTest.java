package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.ResizeSystemDiskCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Growing a system disk (C4, ADR 0026) on a fake hypervisor and the real qemu-img. */
class CommandExecutorSystemDiskTest {
  @TempDir
  Path root;

  @Test
  void growsTheOverlayOfflineWithoutTouchingItsBaseOnlineThroughBlockresizeAndNeverShrinks() throws Exception {
    assumeTrue(QemuImgs.available(), "qemu-img is needed");
    Path storage = Files.createDirectories(root.resolve("storage"));
    Path base = storage.resolve("base.qcow2");
    QemuImgs.run("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "1G");
    Path disk = Files.createDirectories(storage.resolve("vms/vm-1")).resolve("system.qcow2");
    QemuImgs.run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base.toString(), disk.toString(), "2G");
    FakeHypervisor hypervisor = new FakeHypervisor();
    CommandExecutor executor = new CommandExecutor(hypervisor, new DiskTool(), storage);
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);

    DiskReply grown = (DiskReply) executor.execute(new ResizeSystemDiskCommand("vm-1", disk.toString(), 3L << 30));
    assertEquals(3L << 30, grown.virtualSizeBytes());
    assertEquals(1L << 30, new DiskTool().info(base).virtualSize(), "the base image is never written");
    assertEquals(base.toString(), new DiskTool().info(disk).backingFile(), "still an overlay");
    executor.execute(new ResizeSystemDiskCommand("vm-1", disk.toString(), 3L << 30)); // resent: done
    assertEquals(List.of(), hypervisor.calls);

    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    executor.execute(new ResizeSystemDiskCommand("vm-1", disk.toString(), 4L << 30));
    assertEquals(List.of("blockresize vm-1 vda " + (4L << 30)), hypervisor.calls);

    CommandFailedException shrink = assertThrows(CommandFailedException.class, () -> executor.execute(
        new ResizeSystemDiskCommand("vm-1", disk.toString(), 1L << 30)));
    assertEquals("SHRINK_REFUSED", shrink.code());
    CommandFailedException outside = assertThrows(CommandFailedException.class, () -> executor.execute(
        new ResizeSystemDiskCommand("vm-1", "/etc/passwd", 5L << 30)));
    assertEquals("INVALID_COMMAND", outside.code());
  }
}
