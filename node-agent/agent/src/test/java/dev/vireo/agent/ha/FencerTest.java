package dev.vireo.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.CommandExecutor;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.command.DiskTool;
import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.MigrateVmCommand;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.VmDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FencerTest {
  static final NodeContact LOST = new NodeContact(true, 2, 0, Duration.ofSeconds(10), 5);
  static final NodeContact FINE = new NodeContact(true, 2, 2, Duration.ofSeconds(1), 5);

  @TempDir
  Path storage;
  final FakeHypervisor hypervisor = new FakeHypervisor();
  final Fencer fencer = new Fencer(hypervisor);

  @AfterEach
  void tearDown() {
    fencer.close();
  }

  @Test
  void fencingDestroysEveryRunningVireoDomainAndNothingElse() {
    hypervisor.domains.put("vm-a", DomainPowerState.RUNNING);
    hypervisor.domains.put("vm-b", DomainPowerState.PAUSED);
    hypervisor.domains.put("vm-off", DomainPowerState.SHUTOFF);
    hypervisor.domains.put("someone-elses", DomainPowerState.RUNNING);

    fencer.check(LOST);

    assertNotNull(fencer.fencedAt());
    assertEquals(fencer.fencedAt(), fencer.reportedFencedAt());
    assertEquals(List.of("destroy vm-a", "destroy vm-b"), hypervisor.calls.stream().sorted().toList());
    assertEquals(DomainPowerState.RUNNING, hypervisor.state("someone-elses"));
  }

  @Test
  void doesNothingWhileTheRuleDoesNotHold() {
    hypervisor.domains.put("vm-a", DomainPowerState.RUNNING);

    fencer.check(FINE);

    assertNull(fencer.fencedAt());
    assertEquals(List.of(), hypervisor.calls);
  }

  @Test
  void fencingIsReportedOnlyOnceEveryVireoDomainIsOff() {
    hypervisor.domains.put("vm-a", DomainPowerState.RUNNING);
    hypervisor.destroyFailure = new CommandFailedException("LIBVIRT_ERROR", "libvirt hiccup");

    fencer.check(LOST);
    assertNotNull(fencer.fencedAt(), "commands are refused at once");
    assertNull(fencer.reportedFencedAt(), "but the server is not told the VMs are off");

    hypervisor.destroyFailure = null;
    fencer.check(LOST);

    assertEquals(DomainPowerState.SHUTOFF, hypervisor.state("vm-a"));
    assertEquals(fencer.fencedAt(), fencer.reportedFencedAt());
  }

  @Test
  void destroysDomainsInParallel() {
    hypervisor.destroyDelayMillis = 500;
    for (int i = 0; i < 4; i++) {
      hypervisor.domains.put("vm-" + i, DomainPowerState.RUNNING);
    }

    long started = System.nanoTime();
    fencer.check(LOST);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertEquals(4, hypervisor.calls.size());
    assertTrue(millis < 1500, "fencing took " + millis + " ms; four destroys of 500 ms in sequence take 2000");
  }

  @Test
  void aDomainStartedWhileFencedIsDestroyedAgainOnTheNextCheck() {
    fencer.check(LOST);
    hypervisor.domains.put("vm-a", DomainPowerState.RUNNING); // started behind the agent's back

    fencer.check(FINE); // fenced stays fenced, whatever the contact now

    assertEquals(DomainPowerState.SHUTOFF, hypervisor.state("vm-a"));
    assertNotNull(fencer.fencedAt());
  }

  @Test
  void aFencedNodeRefusesToDefineStartOrReceiveVms() {
    CommandExecutor executor = new CommandExecutor(hypervisor, new DiskTool(), storage, fencer);
    hypervisor.domains.put("vm-a", DomainPowerState.SHUTOFF);
    fencer.check(LOST);

    CommandFailedException start = assertThrows(CommandFailedException.class,
        () -> executor.execute(new StartVmCommand("vm-a")));
    CommandFailedException define = assertThrows(CommandFailedException.class,
        () -> executor.execute(new DefineVmCommand(definition("vm-b"))));
    CommandFailedException migrate = assertThrows(CommandFailedException.class,
        () -> executor.execute(new MigrateVmCommand("vm-a", "qemu+tcp://10.0.0.2/system", null)));

    assertEquals("FENCED", start.code());
    assertEquals("FENCED", define.code());
    assertEquals("FENCED", migrate.code());
    assertTrue(start.getMessage().contains("fenced itself at " + fencer.fencedAt()), start.getMessage());
    assertEquals(DomainPowerState.SHUTOFF, hypervisor.state("vm-a"));
  }

  @Test
  void anAcceptedHeartbeatCarryingTheFencingEndsIt() {
    CommandExecutor executor = new CommandExecutor(hypervisor, new DiskTool(), storage, fencer);
    hypervisor.domains.put("vm-a", DomainPowerState.SHUTOFF);
    fencer.check(LOST);
    Instant fencedAt = fencer.reportedFencedAt();

    fencer.heartbeatAccepted(null); // a heartbeat sent before the fencing says nothing
    fencer.heartbeatAccepted(fencedAt.minusSeconds(60)); // nor one about an older fencing
    assertEquals(fencedAt, fencer.fencedAt());

    fencer.heartbeatAccepted(fencedAt);

    assertNull(fencer.fencedAt());
    executor.execute(new StartVmCommand("vm-a"));
    assertEquals(DomainPowerState.RUNNING, hypervisor.state("vm-a"));
  }

  private VmDefinition definition(String vm) {
    Path dir = storage.resolve("vms").resolve(vm);
    return new VmDefinition(vm, vm, "web", 2, 2048, dir.resolve("system.qcow2").toString(), "BIOS",
        dir.resolve("nvram.fd").toString(), dir.resolve("console.log").toString(), "127.0.0.1", "secret12");
  }
}
