package dev.vireo.agent.secgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import dev.vireo.agent.protocol.NicFiltersReply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NicFiltersTest {
  static final String MAC = "52:54:00:5e:c0:01";
  static final String TAP = "vm5254005ec001";
  static final FilterRule SSH = new FilterRule("INGRESS", 0, "tcp,tp_dst=22", true);
  static final FilterRule WEB = new FilterRule("INGRESS", 1, "tcp,tp_dst=80", true);
  static final String COOKIE = "cookie=0x5356000000000001";

  @TempDir
  Path dir;
  final FakeSwitch ovs = new FakeSwitch();
  final Map<String, Set<String>> bridges = Map.of("br-eth1", Set.of("eth1"), "br-eth2", Set.of("eth2"));

  NicFilters filters() {
    ovs.taps.put("eth1", "br-eth1");
    ovs.taps.put("eth2", "br-eth2");
    return new NicFilters(ovs, () -> List.of("eth1", "eth2", "eth9-not-in-a-bridge"), dir.resolve("nic-filters.json"));
  }

  static ApplyNicFiltersCommand apply(FilterRule... rules) {
    return new ApplyNicFiltersCommand(List.of(new NicFilter(MAC, List.of("10.0.0.5"), List.of(rules))), List.of());
  }

  @Test
  void aNicWithoutTapIsPendingWithThePlaceholderOnEveryManagedBridge() {
    NicFiltersReply r = filters().apply(apply(SSH));
    assertEquals(List.of(), r.applied());
    assertEquals(List.of(MAC), r.pending());
    for (String bridge : bridges.keySet()) {
      String b = ovs.last(bridge);
      assertTrue(b.contains("add table=0,priority=65000,in_port=" + bridges.get(bridge).iterator().next()), b);
      assertTrue(b.contains("delete " + COOKIE + "/-1\n"), b);
      assertTrue(b.contains("table=0,priority=150,dl_src=" + MAC + ",actions=drop"), b);
      assertTrue(!b.contains("in_port=" + TAP), b);
    }
    assertEquals(List.of(1), ovs.flushed, "a first filter ends what the zone tracked");
  }

  @Test
  void whenTheTapAppearsItsBridgeGetsTheFullSetAndTheOthersLoseThePlaceholder() {
    NicFilters f = filters();
    f.apply(apply(SSH));
    ovs.clear();
    ovs.taps.put(TAP, "br-eth2");
    f.reconcile(false);
    assertTrue(ovs.last("br-eth2").contains("in_port=" + TAP + ",dl_src=" + MAC + ",ip,nw_src=10.0.0.5"));
    assertTrue(!ovs.last("br-eth2").contains("priority=150,dl_src="));
    assertTrue(ovs.last("br-eth1").endsWith("delete " + COOKIE + "/-1\n"), ovs.last("br-eth1"));
    assertEquals(2, ovs.bundles.size(), "one bundle per bridge");
    assertEquals(List.of(), ovs.flushed);

    ovs.clear();
    f.reconcile(false);
    assertEquals(List.of(), ovs.bundles, "nothing changed, nothing applied");
  }

  @Test
  void applyingTheSameFilterTwiceDoesNothingTheSecondTime() {
    NicFilters f = filters();
    ovs.taps.put(TAP, "br-eth1");
    NicFiltersReply first = f.apply(apply(SSH));
    assertEquals(List.of(MAC), first.applied());
    assertTrue(first.flows() > 20);
    ovs.clear();
    NicFiltersReply again = f.apply(apply(SSH));
    assertEquals(List.of(MAC), again.applied());
    assertEquals(List.of(), ovs.bundles);
    assertEquals(List.of(), ovs.flushed);
  }

  @Test
  void removingAnAcceptFlushesTheZoneAddingOneDoesNot() {
    NicFilters f = filters();
    ovs.taps.put(TAP, "br-eth1");
    f.apply(apply(SSH));
    ovs.clear();
    f.apply(apply(SSH, WEB));
    assertEquals(List.of(), ovs.flushed);
    assertTrue(ovs.last("br-eth1").contains("tp_dst=80"));
    f.apply(apply(SSH));
    assertEquals(List.of(1), ovs.flushed);
    assertTrue(!ovs.last("br-eth1").contains("tp_dst=80"));
  }

  @Test
  void removeDeletesTheCookieEverywhereAndFreesTheZone() {
    NicFilters f = filters();
    ovs.taps.put(TAP, "br-eth1");
    f.apply(apply(SSH));
    ovs.clear();
    f.apply(new ApplyNicFiltersCommand(List.of(), List.of(MAC.toUpperCase())));
    assertTrue(ovs.last("br-eth1").endsWith("delete " + COOKIE + "/-1\n"));
    assertTrue(ovs.last("br-eth2").endsWith("delete " + COOKIE + "/-1\n"));
    assertEquals(Map.of(), f.zones());
  }

  @Test
  void aStoppedVmsTapGoingAwayLeavesThePlaceholderAndTheWantedFilter() {
    NicFilters f = filters();
    ovs.taps.put(TAP, "br-eth1");
    f.apply(apply(SSH));
    ovs.clear();
    ovs.taps.remove(TAP);
    f.reconcile(false);
    assertTrue(ovs.last("br-eth1").contains("priority=150,dl_src=" + MAC + ",actions=drop"));
    assertTrue(!ovs.last("br-eth1").contains("in_port=" + TAP));
    assertEquals(Map.of(MAC, 1), f.zones());
  }

  @Test
  void aRestartedAgentReappliesTheSavedFiltersWithTheirZones() {
    NicFilters f = filters();
    f.apply(new ApplyNicFiltersCommand(List.of(new NicFilter("52:54:00:00:00:09", List.of(), List.of()),
        new NicFilter(MAC, List.of("10.0.0.5"), List.of(SSH))), List.of()));
    ovs.clear();
    ovs.taps.put(TAP, "br-eth1");
    NicFilters restarted = filters();
    restarted.reconcile(true);
    assertEquals(Map.of("52:54:00:00:00:09", 1, MAC, 2), restarted.zones());
    assertTrue(ovs.last("br-eth1").contains("cookie=0x5356000000000002,table=0,priority=200,in_port=" + TAP));
    assertTrue(ovs.last("br-eth1").contains("cookie=0x5356000000000001,table=0,priority=150,dl_src=52:54:00:00:00:09"));
  }

  @Test
  void forgetRemovesTheFiltersOfAVmThatLeft() {
    NicFilters f = filters();
    f.apply(apply(SSH));
    f.forget(List.of(MAC, "52:54:00:00:00:77"));
    assertEquals(Map.of(), f.zones());
    assertTrue(ovs.last("br-eth1").endsWith("delete " + COOKIE + "/-1\n"));
  }

  @Test
  void aTapRecreatedWithAnotherOpenFlowPortGetsItsFlowsAgain() {
    NicFilters f = filters();
    ovs.taps.put(TAP, "br-eth1");
    f.apply(apply(SSH));
    ovs.clear();
    ovs.ofports.put(TAP, 7L); // deleted and added back between two looks: flows hold the old number
    f.reconcile(false);
    assertTrue(ovs.last("br-eth1").contains("in_port=" + TAP));
  }

  @Test
  void aBridgeThatLostItsFlowsGetsEverythingBack() {
    NicFilters f = filters();
    ovs.taps.put(TAP, "br-eth1");
    f.apply(apply(SSH));
    ovs.clear();
    f.verify();
    assertEquals(List.of(), ovs.bundles, "flows in place: nothing to do");
    ovs.withBaseFlows.remove("br-eth2"); // ovs-vswitchd restarted without its flows
    f.verify();
    assertTrue(ovs.last("br-eth1").contains("in_port=" + TAP));
    assertTrue(ovs.last("br-eth2").contains("add table=2,priority=0,actions=NORMAL"));
  }

  @Test
  void aFlushThatCouldNotRunAfterAFailedBundleRunsAtTheNextChance() {
    FakeSwitch failing = new FakeSwitch() {
      int fail = 1;

      @Override
      public void bundle(String bridge, String flows) {
        if (fail-- > 0) {
          throw new CommandFailedException("OVS_ERROR", "bundle failed");
        }
        super.bundle(bridge, flows);
      }
    };
    failing.taps.put(TAP, "br-eth1");
    failing.taps.put("eth1", "br-eth1");
    NicFilters f = new NicFilters(failing, () -> List.of("eth1"), null);
    assertThrows(CommandFailedException.class, () -> f.apply(apply(SSH)));
    assertEquals(List.of(), failing.flushed);
    f.apply(apply(SSH)); // the server retries: same filter, nothing narrows any more
    assertEquals(List.of(1), failing.flushed);
  }

  @Test
  void aMacBothToFilterAndToRemoveIsRefused() {
    CommandFailedException e = assertThrows(CommandFailedException.class, () -> filters().apply(
        new ApplyNicFiltersCommand(List.of(new NicFilter(MAC, List.of(), List.of())), List.of(MAC))));
    assertEquals("INVALID_COMMAND", e.code());
  }

  @Test
  void aMatchThatCouldSmuggleAFlowIsRefused() {
    CommandFailedException e = assertThrows(CommandFailedException.class,
        () -> filters().apply(apply(new FilterRule("INGRESS", 0, "ip,actions=NORMAL\nadd table=0,ip", true))));
    assertEquals("INVALID_COMMAND", e.code());
    assertEquals(List.of(), ovs.bundles);
  }
}
