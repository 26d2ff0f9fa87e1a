package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DisplayReply;
import dev.vireo.agent.protocol.SetDisplayPasswordCommand;
import dev.vireo.agent.protocol.DeleteVmFilesCommand;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.PowerOffVmCommand;
import dev.vireo.agent.protocol.QueryVmCommand;
import dev.vireo.agent.protocol.ReadSerialLogCommand;
import dev.vireo.agent.protocol.RebootVmCommand;
import dev.vireo.agent.protocol.SerialLogReply;
import dev.vireo.agent.protocol.ShutdownVmCommand;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.UndefineVmCommand;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.agent.protocol.VmDefinition;
import dev.vireo.agent.protocol.VmStateReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandExecutorTest {
  @TempDir
  Path storage;
  FakeHypervisor hypervisor;
  CommandExecutor executor;

  @BeforeEach
  void setUp() {
    hypervisor = new FakeHypervisor();
    executor = new CommandExecutor(hypervisor, new DiskTool(), storage);
  }

  private VmDefinition definition(String vm) {
    Path dir = storage.resolve("vms").resolve(vm);
    return new VmDefinition(vm, vm, "web", 2, 2048, dir.resolve("system.qcow2").toString(), "BIOS",
        dir.resolve("nvram.fd").toString(), dir.resolve("console.log").toString(), "127.0.0.1", "secret12");
  }

  @Test
  void startsAStoppedVmAndRepliesItsStateAndVncPort() {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);

    VmStateReply reply = (VmStateReply) executor.execute(new StartVmCommand("vm-1"));

    assertEquals(new VmStateReply("vm-1", DomainPowerState.RUNNING, 5900), reply);
    assertEquals(List.of("start vm-1"), hypervisor.calls);
  }

  @Test
  void setsTheVncOrSpicePasswordWithinEachProtocolsLimit() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    java.time.Instant until = java.time.Instant.now().plusSeconds(300);
    String sixty = "a".repeat(60);

    assertEquals(new DisplayReply("vm-1", 5900), executor.execute(new SetDisplayPasswordCommand("vm-1", "abcd1234",
        until)));
    assertEquals(new DisplayReply("vm-1", 5901), executor.execute(new SetDisplayPasswordCommand("vm-1", sixty,
        until, "SPICE")));
    assertEquals(List.of("vnc-password vm-1 abcd1234", "spice-password vm-1 " + sixty), hypervisor.calls);

    for (SetDisplayPasswordCommand bad : List.of(new SetDisplayPasswordCommand("vm-1", "abcd12345", until),
        new SetDisplayPasswordCommand("vm-1", sixty + "a", until, "SPICE"),
        new SetDisplayPasswordCommand("vm-1", "with space", until, "SPICE"),
        new SetDisplayPasswordCommand("vm-1", "abcd1234", null, "SPICE"))) {
      assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class, () -> executor.execute(bad)).code(),
          bad.toString());
    }
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);
    assertEquals("NOT_RUNNING", assertThrows(CommandFailedException.class, () -> executor.execute(
        new SetDisplayPasswordCommand("vm-1", "abcd1234", until, "SPICE"))).code());
  }

  @Test
  void startingARunningVmSucceedsWithoutWork() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);

    VmStateReply reply = (VmStateReply) executor.execute(new StartVmCommand("vm-1"));

    assertEquals(DomainPowerState.RUNNING, reply.state());
    assertEquals(List.of(), hypervisor.calls);
  }

  @Test
  void stoppingAStoppedVmSucceedsWithoutWork() {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);

    VmStateReply graceful = (VmStateReply) executor.execute(new ShutdownVmCommand("vm-1", 30, true));
    VmStateReply forced = (VmStateReply) executor.execute(new PowerOffVmCommand("vm-1"));

    assertEquals(DomainPowerState.SHUTOFF, graceful.state());
    assertEquals(DomainPowerState.SHUTOFF, forced.state());
    assertEquals(List.of(), hypervisor.calls);
  }

  @Test
  void shutsDownARunningVmWithTheAcpiButton() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);

    VmStateReply reply = (VmStateReply) executor.execute(new ShutdownVmCommand("vm-1", 30, true));

    assertEquals(new VmStateReply("vm-1", DomainPowerState.SHUTOFF, null), reply);
    assertEquals(List.of("acpi vm-1"), hypervisor.calls);
  }

  @Test
  void powersOffAGuestThatIgnoresAcpiWhenForceIsAsked() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.acpiPressesToShutOff = 0;

    VmStateReply reply = (VmStateReply) executor.execute(new ShutdownVmCommand("vm-1", 1, true));

    assertEquals(DomainPowerState.SHUTOFF, reply.state());
    assertEquals("destroy vm-1", hypervisor.calls.get(hypervisor.calls.size() - 1));
  }

  @Test
  void failsWithATimeoutWhenTheGuestIgnoresAcpiAndForceIsNotAsked() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.acpiPressesToShutOff = 0;

    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> executor.execute(new ShutdownVmCommand("vm-1", 1, false)));

    assertEquals("SHUTDOWN_TIMEOUT", e.code());
    assertFalse(hypervisor.calls.contains("destroy vm-1"));
    assertEquals(DomainPowerState.RUNNING, hypervisor.state("vm-1"));
  }

  @Test
  void aCommandOnAnUndefinedDomainFailsSayingSo() {
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> executor.execute(new StartVmCommand("vm-404")));

    assertEquals("DOMAIN_NOT_FOUND", e.code());
    assertEquals("domain vm-404 is not defined on this node", e.getMessage());
  }

  @Test
  void rebootsOnlyARunningVm() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.domains.put("vm-2", DomainPowerState.SHUTOFF);

    executor.execute(new RebootVmCommand("vm-1"));
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> executor.execute(new RebootVmCommand("vm-2")));

    assertEquals(List.of("reboot vm-1"), hypervisor.calls);
    assertEquals("NOT_RUNNING", e.code());
  }

  @Test
  void definesAStoppedDomainButLeavesARunningOneAlone() {
    executor.execute(new DefineVmCommand(definition("vm-1")));
    hypervisor.domains.put("vm-2", DomainPowerState.RUNNING);
    executor.execute(new DefineVmCommand(definition("vm-2")));

    assertEquals(List.of("define vm-1"), hypervisor.calls);
  }

  @Test
  void forgettingDestroysARunningDomainAndUndefinesItKeepingItsNvramAndAnAbsentOneIsDone() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.domains.put("vm-2", DomainPowerState.SHUTOFF);

    assertInstanceOf(DoneReply.class, executor.execute(new ForgetDomainCommand("vm-1")));
    assertInstanceOf(DoneReply.class, executor.execute(new ForgetDomainCommand("vm-2")));
    assertInstanceOf(DoneReply.class, executor.execute(new ForgetDomainCommand("vm-1")));

    assertEquals(List.of("destroy vm-1", "forget vm-1", "forget vm-2"), hypervisor.calls,
        "forget, not undefine (which drops the NVRAM)");
  }

  @Test
  void undefiningDestroysARunningDomainAndAnAbsentOneIsDone() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);

    assertInstanceOf(DoneReply.class, executor.execute(new UndefineVmCommand("vm-1")));
    assertInstanceOf(DoneReply.class, executor.execute(new UndefineVmCommand("vm-1")));

    assertEquals(List.of("destroy vm-1", "undefine vm-1"), hypervisor.calls);
  }

  @Test
  void queriesAnAbsentDomainAsAbsent() {
    VmStateReply reply = (VmStateReply) executor.execute(new QueryVmCommand("vm-404"));
    assertEquals(DomainPowerState.ABSENT, reply.state());
  }

  @Test
  void refusesPathsOutsideTheStorageRoot() {
    for (String path : List.of("/etc", storage.resolve("../elsewhere").toString(), storage.toString())) {
      CommandFailedException e = assertThrows(CommandFailedException.class,
          () -> executor.execute(new DeleteVmFilesCommand("vm-1", path)), path);
      assertEquals("INVALID_COMMAND", e.code());
    }
    VmDefinition outside = new VmDefinition("vm-1", "vm-1", "web", 1, 1024, "/etc/shadow", "BIOS", "/tmp/n",
        "/tmp/c", "127.0.0.1", "pw");
    assertThrows(CommandFailedException.class, () -> executor.execute(new DefineVmCommand(outside)));
    assertEquals(List.of(), hypervisor.calls);
  }

  @Test
  void deletesAVmDirectoryAndDeletingItAgainIsDone() throws Exception {
    Path dir = Files.createDirectories(storage.resolve("vms/vm-1"));
    Files.writeString(dir.resolve("console.log"), "boot\n");

    executor.execute(new DeleteVmFilesCommand("vm-1", dir.toString()));
    executor.execute(new DeleteVmFilesCommand("vm-1", dir.toString()));

    assertFalse(Files.exists(dir));
  }

  @Test
  void readsTheTailOfTheSerialLog() throws Exception {
    Path log = Files.createDirectories(storage.resolve("vms/vm-1")).resolve("console.log");
    Files.writeString(log, "line one\nline two\n");

    SerialLogReply tail = (SerialLogReply) executor.execute(new ReadSerialLogCommand("vm-1", log.toString(), 9));
    SerialLogReply none = (SerialLogReply) executor.execute(
        new ReadSerialLogCommand("vm-2", storage.resolve("vms/vm-2/console.log").toString(), 100));

    assertEquals("line two\n", tail.text());
    assertEquals(18, tail.totalBytes());
    assertEquals("", none.text());
    assertTrue(none.totalBytes() == 0);
  }
}
