package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandExecutorForgetTest {
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
  void forgetsAShutOffDomainWithoutDestroyingIt() {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);

    assertInstanceOf(DoneReply.class, executor.execute(new ForgetDomainCommand("vm-1")));

    assertEquals(List.of("forget vm-1"), hypervisor.calls);
    assertEquals(DomainPowerState.ABSENT, hypervisor.state("vm-1"));
  }

  @Test
  void destroysARunningDomainBeforeForgettingIt() {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);

    executor.execute(new ForgetDomainCommand("vm-1"));

    assertEquals(List.of("destroy vm-1", "forget vm-1"), hypervisor.calls);
  }

  @Test
  void anAbsentDomainCountsAsForgotten() {
    assertInstanceOf(DoneReply.class, executor.execute(new ForgetDomainCommand("vm-gone")));

    assertEquals(List.of(), hypervisor.calls);
  }

  @Test
  void neverUndefinesWithTheNvramFlag() {
    hypervisor.domains.put("vm-1", DomainPowerState.PAUSED);

    executor.execute(new ForgetDomainCommand("vm-1"));

    // undefine would delete the NVRAM, which belongs to the VM's new home
    assertEquals(List.of("destroy vm-1", "forget vm-1"), hypervisor.calls);
  }
}
