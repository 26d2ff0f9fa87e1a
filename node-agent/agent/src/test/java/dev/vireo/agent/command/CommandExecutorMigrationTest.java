package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.MigrateVmCommand;
import dev.vireo.agent.protocol.MigrationReply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live migration on the agent: idempotent by target state, only for running domains. */
class CommandExecutorMigrationTest {
  private static final String DEST = "qemu+tcp://10.251.0.12/system";
  @TempDir
  Path storage;
  FakeHypervisor hypervisor;
  CommandExecutor executor;

  @BeforeEach
  void setUp() {
    hypervisor = new FakeHypervisor();
    executor = new CommandExecutor(hypervisor, new DiskTool(), storage);
  }

  @Test
  void migratesARunningDomainAndRepliesWhatWasMeasured() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);

    MigrationReply reply = (MigrationReply) executor.execute(new MigrateVmCommand("vm-1", DEST, null));

    assertEquals(new MigrationReply("vm-1", DomainPowerState.RUNNING, 5, 1L, 1024L, false), reply);
    assertEquals(List.of("migrate vm-1 " + DEST), hypervisor.calls);
    assertEquals(DomainPowerState.ABSENT, hypervisor.state("vm-1"));
  }

  @Test
  void aResentCommandAfterTheMigrationSucceedsWithoutWork() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    executor.execute(new MigrateVmCommand("vm-1", DEST, null));

    MigrationReply again = (MigrationReply) executor.execute(new MigrateVmCommand("vm-1", DEST, null));

    assertTrue(again.alreadyDone());
    assertEquals(DomainPowerState.RUNNING, again.destinationState());
    assertEquals(1, hypervisor.calls.size(), "migrated once: " + hypervisor.calls);
  }

  @Test
  void aDomainThatIsNowhereIsNotFound() {
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> executor.execute(new MigrateVmCommand("vm-1", DEST, null)));
    assertEquals("DOMAIN_NOT_FOUND", e.code());
  }

  @Test
  void aStoppedDomainDoesNotMigrateLive() {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> executor.execute(new MigrateVmCommand("vm-1", DEST, null)));
    assertEquals("NOT_RUNNING", e.code());
    assertEquals(List.of(), hypervisor.calls);
  }

  @Test
  void onlyATcpLibvirtUriIsADestination() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    for (String uri : List.of("qemu:///system", "qemu+ssh://root@h/system", "qemu+tcp://h/system?command=x")) {
      CommandFailedException e = assertThrows(CommandFailedException.class,
          () -> executor.execute(new MigrateVmCommand("vm-1", uri, null)));
      assertEquals("INVALID_COMMAND", e.code(), uri);
    }
    assertEquals(List.of(), hypervisor.calls);
  }
}
