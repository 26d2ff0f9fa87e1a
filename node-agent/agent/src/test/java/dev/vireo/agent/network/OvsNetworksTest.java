package dev.vireo.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.EnsureNetworkCommand;
import dev.vireo.agent.protocol.NetworkReply;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OvsNetworksTest {
  @TempDir
  Path state;

  private final FakeOvs ovs = new FakeOvs();
  private final Set<String> devices = new java.util.HashSet<>(Set.of("eth1", "trunk0"));

  private OvsNetworks networks(boolean kernelModule) {
    return new OvsNetworks(ovs, state.resolve("networks.json"), devices::contains, kernelModule);
  }

  @Test
  void aFreeUplinkGetsItsOwnBridgeAsATrunkThenNothingChanges() {
    OvsNetworks n = networks(false);
    NetworkReply first = n.ensure(new EnsureNetworkCommand("net-1", "eth1", 100));
    assertEquals(new NetworkReply("net-1", "br-eth1", true), first);
    assertEquals("br-eth1", ovs.portBridge.get("eth1"));
    assertEquals("trunk", ovs.portVlanMode.get("eth1"));
    assertEquals("netdev", ovs.bridgeDatapath.get("br-eth1"), "no kernel module: userspace datapath");

    int calls = ovs.calls.size();
    assertEquals(new NetworkReply("net-1", "br-eth1", false), n.ensure(new EnsureNetworkCommand("net-1", "eth1", 100)));
    assertEquals(calls + 1, ovs.calls.size(), "the second time only asks port-to-br");
    // another network on the same uplink shares the bridge (VLAN tags are on the VM ports)
    assertEquals(new NetworkReply("net-2", "br-eth1", false), n.ensure(new EnsureNetworkCommand("net-2", "eth1", 200)));
  }

  @Test
  void anUplinkAlreadyInABridgeUsesThatBridge() {
    ovs.bridgeDatapath.put("br-lab", "netdev");
    ovs.portBridge.put("trunk0", "br-lab");
    NetworkReply r = networks(true).ensure(new EnsureNetworkCommand("net-1", "trunk0", null));
    assertEquals(new NetworkReply("net-1", "br-lab", false), r);
    assertEquals(Set.of("br-lab"), ovs.bridgeDatapath.keySet());
  }

  @Test
  void datapathFollowsTheNodesOtherBridgesWhenTheKernelModuleIsThere() {
    ovs.bridgeDatapath.put("br-other", "netdev");
    networks(true).ensure(new EnsureNetworkCommand("net-1", "eth1", 100));
    assertEquals("netdev", ovs.bridgeDatapath.get("br-eth1"));

    FakeOvs kernelOnly = new FakeOvs();
    new OvsNetworks(kernelOnly, null, devices::contains, true).ensure(new EnsureNetworkCommand("n", "eth1", 1));
    assertEquals("system", kernelOnly.bridgeDatapath.get("br-eth1"));
  }

  @Test
  void anUnknownUplinkIsUplinkNotFound() {
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> networks(false).ensure(new EnsureNetworkCommand("net-1", "eth9", 100)));
    assertEquals("UPLINK_NOT_FOUND", e.code());
    assertTrue(e.getMessage().contains("eth9") && e.getMessage().contains("net-1"), e.getMessage());
    assertTrue(ovs.bridgeDatapath.isEmpty());
  }

  @Test
  void badInputIsRefusedBeforeOvsIsAsked() {
    for (EnsureNetworkCommand c : new EnsureNetworkCommand[] {
        new EnsureNetworkCommand("n", "eth1; rm -rf /", 1), new EnsureNetworkCommand("n", "eth1", 4095),
        new EnsureNetworkCommand("n", "eth1", 0), new EnsureNetworkCommand("n", "averyveryverylongname", 1),
        new EnsureNetworkCommand(null, "eth1", 1)}) {
      assertEquals("INVALID_COMMAND", assertThrows(CommandFailedException.class, () -> networks(false).ensure(c)).code());
    }
    assertTrue(ovs.calls.isEmpty());
  }

  @Test
  void ovsNotRunningIsReportedAsSuch() {
    ovs.running = false;
    assertEquals("OVS_UNAVAILABLE", assertThrows(CommandFailedException.class,
        () -> networks(false).ensure(new EnsureNetworkCommand("net-1", "eth1", 100))).code());
  }

  @Test
  void rememberedNetworksAreReappliedAfterDrift() {
    networks(false).ensure(new EnsureNetworkCommand("net-1", "eth1", 100));
    networks(false).ensure(new EnsureNetworkCommand("net-2", "trunk0", null));
    // someone deleted the bridges; a new agent process reads the file
    ovs.bridgeDatapath.clear();
    ovs.portBridge.clear();
    OvsNetworks restarted = networks(false);
    assertEquals(2, restarted.remembered().size());
    assertEquals(new OvsNetworks.Remembered("eth1", 100), restarted.remembered().get("net-1"));
    var replies = restarted.reapplyRemembered();
    assertEquals(2, replies.size());
    assertTrue(replies.stream().allMatch(NetworkReply::changed));
    assertEquals("br-eth1", ovs.portBridge.get("eth1"));
    assertEquals("br-trunk0", ovs.portBridge.get("trunk0"));
    // nothing drifted: nothing changes
    assertFalse(networks(false).reapplyRemembered().stream().anyMatch(NetworkReply::changed));
  }

  @Test
  void aNicsBridgeIsTheUplinksBridgeAndAnUplinkInNoBridgeFailsClearly() {
    OvsNetworks n = networks(false);
    CommandFailedException e = assertThrows(CommandFailedException.class, () -> n.bridgeFor("net-1", "eth1"));
    assertEquals("UPLINK_NOT_IN_BRIDGE", e.code());
    assertTrue(e.getMessage().contains("eth1"), e.getMessage());
    n.ensure(new EnsureNetworkCommand("net-1", "eth1", 100));
    assertEquals("br-eth1", n.bridgeFor("net-1", "eth1"));
  }

  @Test
  void longUplinkNamesGiveBridgeNamesOfAtMost15Characters() {
    assertEquals("br-enp0s31f6", OvsNetworks.newBridgeName("enp0s31f6"));
    assertEquals(15, OvsNetworks.newBridgeName("enx001122334455").length());
  }
}
