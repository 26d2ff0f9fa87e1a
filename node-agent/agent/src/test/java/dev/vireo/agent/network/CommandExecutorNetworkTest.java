package dev.vireo.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.CommandExecutor;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.command.DiskTool;
import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.command.FenceState;
import dev.vireo.agent.command.Hypervisor.DomainDevices;
import dev.vireo.agent.devices.HostDevicesReader;
import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.EnsureNetworkCommand;
import dev.vireo.agent.protocol.GuestSeed;
import dev.vireo.agent.protocol.NetworkReply;
import dev.vireo.agent.protocol.NicDefinition;
import dev.vireo.agent.protocol.VmDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DefineVm resolves each NIC's bridge on this node and writes the seed beside the system disk. */
class CommandExecutorNetworkTest {
  @TempDir
  Path storage;

  private final FakeOvs ovs = new FakeOvs();
  private final FakeHypervisor hypervisor = new FakeHypervisor();
  private final List<List<String>> mtools = new ArrayList<>();

  private CommandExecutor executor() {
    OvsNetworks networks = new OvsNetworks(ovs, null, Set.of("eth1", "trunk0")::contains, false);
    NoCloudSeed seeds = new NoCloudSeed((cmd, timeout) -> {
      mtools.add(cmd);
      return new CommandRunner.Result(0, "", "");
    });
    return new CommandExecutor(hypervisor, new DiskTool(), storage, FenceState.NEVER, HostDevicesReader.ofThisHost(),
        networks, seeds);
  }

  private VmDefinition vm(List<NicDefinition> nics, GuestSeed seed) {
    Path dir = storage.resolve("vms").resolve("vm-1");
    return new VmDefinition("vm-1", "vm-1", "web", 1, 256, dir.resolve("system.qcow2").toString(), "BIOS",
        dir.resolve("nvram.fd").toString(), dir.resolve("console.log").toString(), "127.0.0.1", "pw", nics, seed);
  }

  @Test
  void nicsGoOnTheirUplinksBridgesAndTheSeedBesideTheDisk() throws Exception {
    ovs.portBridge.put("trunk0", "br-lab");
    ovs.bridgeDatapath.put("br-lab", "system");
    CommandExecutor executor = executor();
    assertEquals(new NetworkReply("net-2", "br-eth1", true), executor.execute(new EnsureNetworkCommand("net-2", "eth1", 7)));

    GuestSeed seed = new GuestSeed("vm-1", "web-01", List.of(), List.of("114.114.114.114"), null);
    executor.execute(new DefineVmCommand(vm(List.of(new NicDefinition("52:54:00:00:00:01", "net-1", "trunk0", 100),
        new NicDefinition("52:54:00:00:00:02", "net-2", "eth1", null)), seed)));

    Path seedImg = storage.resolve("vms/vm-1/seed.img");
    // br-eth1 is new, made with this node's datapath: userspace here (no kernel module), so the guest checksums.
    assertEquals(new DomainDevices(List.of("br-lab", "br-eth1"), seedImg.toString(), true), hypervisor.lastDevices);
    assertTrue(Files.isRegularFile(seedImg));
    assertEquals(List.of("mformat", "-i", seedImg + ".tmp", "-v", "cidata", "::"), mtools.get(0));
  }

  @Test
  void noNicsAndNoSeedDefineAsBefore() {
    executor().execute(new DefineVmCommand(vm(List.of(), null)));
    assertEquals(DomainDevices.NONE, hypervisor.lastDevices);
    assertTrue(ovs.calls.isEmpty() && mtools.isEmpty());
  }

  @Test
  void aNicWhoseUplinkIsInNoBridgeFailsTheDefine() {
    CommandFailedException e = assertThrows(CommandFailedException.class, () -> executor().execute(
        new DefineVmCommand(vm(List.of(new NicDefinition("52:54:00:00:00:01", "net-1", "eth1", 100)), null))));
    assertEquals("UPLINK_NOT_IN_BRIDGE", e.code());
    assertEquals(null, hypervisor.lastDevices, "nothing defined");
  }

  @Test
  void anUnknownUplinkIsUplinkNotFound() {
    assertEquals("UPLINK_NOT_FOUND", assertThrows(CommandFailedException.class,
        () -> executor().execute(new EnsureNetworkCommand("net-1", "nope0", 5))).code());
  }
}
