package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.agent.devices.HostDevicesReader;
import dev.vireo.agent.network.NoCloudSeed;
import dev.vireo.agent.network.OvsNetworks;
import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.agent.protocol.MigrateVmCommand;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFiltersReply;
import dev.vireo.agent.protocol.UndefineVmCommand;
import dev.vireo.agent.secgroup.NicFilters;
import dev.vireo.agent.secgroup.OvsSwitch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ApplyNicFilters is carried out by the node's NicFilters; VMs leaving the node lose their filters. */
class CommandExecutorNicFiltersTest {
  static final String MAC = "52:54:00:00:00:01";

  @TempDir
  Path storage;
  FakeHypervisor hypervisor;
  NicFilters filters;
  CommandExecutor executor;

  /** An Open vSwitch without taps that takes every bundle. */
  static final class NoTaps implements OvsSwitch {
    @Override
    public Ports ports() {
      return Ports.NONE;
    }

    @Override
    public void bundle(String bridge, String flows) {}

    @Override
    public int countFlows(String bridge, String match) {
      return 0;
    }

    @Override
    public void flushZone(int zone) {}
  }

  @BeforeEach
  void setUp() {
    hypervisor = new FakeHypervisor();
    filters = new NicFilters(new NoTaps(), List::of, null);
    executor = new CommandExecutor(hypervisor, new DiskTool(), storage, FenceState.NEVER,
        HostDevicesReader.ofThisHost(), OvsNetworks.ofThisHost(null), NoCloudSeed.ofThisHost(), null, filters);
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    hypervisor.macs.put("vm-1", List.of(MAC));
    executor.execute(new ApplyNicFiltersCommand(List.of(new NicFilter(MAC, List.of(), List.of())), List.of()));
  }

  @Test
  void applyRepliesWhatIsPending() {
    NicFiltersReply r = (NicFiltersReply) executor.execute(
        new ApplyNicFiltersCommand(List.of(new NicFilter("52:54:00:00:00:02", List.of(), List.of())), List.of()));
    assertEquals(List.of("52:54:00:00:00:02"), r.pending());
    assertEquals(Map.of(MAC, 1, "52:54:00:00:00:02", 2), filters.zones());
  }

  @Test
  void undefiningAVmRemovesItsNicFilters() {
    executor.execute(new UndefineVmCommand("vm-1"));
    assertEquals(Map.of(), filters.zones());
  }

  @Test
  void forgettingAVmRemovesItsNicFilters() {
    executor.execute(new ForgetDomainCommand("vm-1"));
    assertEquals(Map.of(), filters.zones());
  }

  @Test
  void aVmMigratedAwayLosesItsNicFiltersHere() {
    executor.execute(new MigrateVmCommand("vm-1", "qemu+tcp://node2/system", null));
    assertEquals(Map.of(), filters.zones());
  }

  @Test
  void anAgentWithoutFiltersRefusesTheCommand() {
    CommandExecutor plain = new CommandExecutor(hypervisor, new DiskTool(), storage);
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> plain.execute(new ApplyNicFiltersCommand(List.of(), List.of())));
    assertEquals("FILTERS_UNAVAILABLE", e.code());
  }
}
