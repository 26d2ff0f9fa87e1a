package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.RestoreVmCommand;
import dev.vireo.agent.protocol.SetVcpusCommand;
import dev.vireo.agent.protocol.SuspendVmCommand;
import dev.vireo.agent.protocol.VmStateReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suspend to file, restore and vCPU hot-add on the agent, idempotent by target state. */
class CommandExecutorVmOperationsTest {
  @TempDir
  Path storage;
  FakeHypervisor hypervisor;
  CommandExecutor executor;
  Path image;

  @BeforeEach
  void setUp() {
    hypervisor = new FakeHypervisor();
    executor = new CommandExecutor(hypervisor, new DiskTool(), storage);
    image = storage.resolve("vms/vm-1/memory.save");
  }

  @Test
  void suspendWritesTheImageThenRestoreConsumesIt() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);

    VmStateReply saved = (VmStateReply) executor.execute(new SuspendVmCommand("vm-1", image.toString()));

    assertEquals(DomainPowerState.SHUTOFF, saved.state());
    assertTrue(Files.isRegularFile(image), "the image is renamed into place once complete");
    assertFalse(Files.exists(image.resolveSibling("memory.save.part")));
    VmStateReply restored = (VmStateReply) executor.execute(new RestoreVmCommand("vm-1", image.toString()));
    assertEquals(DomainPowerState.RUNNING, restored.state());
    assertFalse(Files.exists(image), "a consumed image is deleted: restoring stale memory would corrupt the disk");
    assertEquals(List.of("save vm-1", "restore vm-1"), hypervisor.calls);
  }

  @Test
  void aSecondSuspendOrRestoreIsDoneAlready() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    executor.execute(new SuspendVmCommand("vm-1", image.toString()));
    executor.execute(new SuspendVmCommand("vm-1", image.toString()));
    executor.execute(new RestoreVmCommand("vm-1", image.toString()));
    executor.execute(new RestoreVmCommand("vm-1", image.toString()));
    assertEquals(List.of("save vm-1", "restore vm-1"), hypervisor.calls);
  }

  @Test
  void restoreWithoutAnImageFailsInsteadOfBootingAfresh() {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> executor.execute(new RestoreVmCommand("vm-1", image.toString())));
    assertEquals("NO_SAVE_IMAGE", e.code());
    assertTrue(hypervisor.calls.isEmpty());
  }

  @Test
  void suspendOfAShutOffDomainWithoutImageFails() {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);
    assertEquals("NOT_RUNNING", assertThrows(CommandFailedException.class,
        () -> executor.execute(new SuspendVmCommand("vm-1", image.toString()))).code());
  }

  @Test
  void imagesOutsideTheStorageRootAreRefused() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class,
        () -> executor.execute(new SuspendVmCommand("vm-1", "/etc/passwd"))).code());
  }

  @Test
  void setVcpusHotAddsOnceAndTheSameCountIsDone() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    executor.execute(new SetVcpusCommand("vm-1", 2));
    executor.execute(new SetVcpusCommand("vm-1", 2));
    assertEquals(List.of("setvcpus vm-1 2"), hypervisor.calls);
    assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class,
        () -> executor.execute(new SetVcpusCommand("vm-1", 0))).code());
  }
}
