package dev.vireo.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.NodeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private final Scheduler scheduler = Scheduler.standard();

  private static NodeCandidate.Builder node(String id) {
    return NodeCandidate.builder(id).cluster("c1").arch("x86_64").cpus(8).memoryGiB(32);
  }

  private static PlacementRequest vm(String id, int cpu, int memoryGiB) {
    return PlacementRequest.of(id, "c1", "x86_64", cpu, memoryGiB);
  }

  private static ClusterSnapshot snapshot(NodeCandidate.Builder... nodes) {
    List<NodeCandidate> built = new ArrayList<>();
    for (NodeCandidate.Builder b : nodes) {
      built.add(b.build());
    }
    return ClusterSnapshot.of(built);
  }

  /** Places the VM and records it on the chosen node, as the create job does. */
  private ClusterSnapshot placeAndRecord(ClusterSnapshot s, PlacementRequest r) {
    PlacementDecision d = scheduler.decide(s, r);
    assertTrue(d.placed(), () -> d.explain());
    Set<String> groups = new java.util.HashSet<>();
    r.vmGroups().forEach(g -> groups.add(g.group()));
    return s.withVm(d.nodeId().orElseThrow(), new PlacedVm(r.vmId(), r.cpu(), r.memoryBytes(), r.gpus(), groups));
  }

  @Test
  void spreadsEqualVmsOverEqualNodes() {
    ClusterSnapshot s = snapshot(node("n1"), node("n2"), node("n3"));
    for (int i = 0; i < 9; i++) {
      s = placeAndRecord(s, vm("vm" + i, 1, 2));
    }
    for (NodeCandidate n : s.nodes()) {
      assertEquals(3, n.vmCount(), n.id());
    }
  }

  @Test
  void prefersTheLeastLoadedNode() {
    ClusterSnapshot s = snapshot(node("busy").vm(PlacedVm.of("a", 6, 24)), node("idle").vm(PlacedVm.of("b", 1, 1)),
        node("half").vm(PlacedVm.of("c", 4, 16)));
    assertEquals("idle", scheduler.decide(s, vm("new", 1, 2)).nodeId().orElseThrow());
  }

  @Test
  void liveUseFromHeartbeatsCountsTowardsLoad() {
    ClusterSnapshot s = snapshot(node("hot").liveCpuUse(0.95).liveMemoryUsedBytes(30L << 30),
        node("cool").liveCpuUse(0.05).liveMemoryUsedBytes(1L << 30));
    assertEquals("cool", scheduler.decide(s, vm("new", 1, 2)).nodeId().orElseThrow());
  }

  @Test
  void overcommitAllowsTwiceThePhysicalCpusAt200Percent() {
    NodeCandidate.Builder n = node("n1").cpus(4).cpuOvercommitPercent(200).memoryGiB(1024);
    ClusterSnapshot s = snapshot(n);
    for (int i = 0; i < 8; i++) {
      s = placeAndRecord(s, vm("vm" + i, 1, 1));
    }
    PlacementDecision ninth = scheduler.decide(s, vm("vm8", 1, 1));
    assertFalse(ninth.placed());
    assertEquals("cpu", ninth.verdict("n1").orElseThrow().filter());
    assertEquals("needs 1 vCPU, 8 of 8 allocated (4 CPUs × 200 %)", ninth.verdict("n1").orElseThrow().reason());
    assertEquals("no eligible node has 1 free vCPU (CPU overcommit counted)", ninth.failure());
  }

  @Test
  void withoutOvercommitTheVcpusStopAtThePhysicalCpus() {
    ClusterSnapshot s = snapshot(node("n1").cpus(4).vm(PlacedVm.of("a", 3, 1)));
    assertTrue(scheduler.decide(s, vm("b", 1, 1)).placed());
    assertFalse(scheduler.decide(s, vm("b", 2, 1)).placed());
  }

  @Test
  void memoryIsNeverOvercommitted() {
    ClusterSnapshot s = snapshot(node("n1").memoryGiB(8).cpuOvercommitPercent(600).vm(PlacedVm.of("a", 1, 6)));
    assertTrue(scheduler.decide(s, vm("b", 1, 2)).placed());
    PlacementDecision d = scheduler.decide(s, vm("b", 1, 3));
    assertEquals("memory", d.verdict("n1").orElseThrow().filter());
    assertEquals("needs 3 GiB, 2 GiB of 8 GiB free", d.verdict("n1").orElseThrow().reason());
    assertEquals("no eligible node has 3 GiB of free memory", d.failure());
  }

  @Test
  void gpuVmsGoOnlyWhereEnoughGpusAreFree() {
    ClusterSnapshot s = snapshot(node("plain"),
        node("one-busy").gpus(2).vm(new PlacedVm("g", 1, 1L << 30, 1, Set.of())), node("two").gpus(2));
    PlacementDecision d = scheduler.decide(s, vm("new", 1, 2).withGpus(2));
    assertEquals("two", d.nodeId().orElseThrow());
    assertEquals("needs 2 GPU, 0 of 0 free", d.verdict("plain").orElseThrow().reason());
    assertEquals("needs 2 GPU, 1 of 2 free", d.verdict("one-busy").orElseThrow().reason());
  }

  @Test
  void skipsDisconnectedAndLockedNodesAndOtherClustersAndArchs() {
    ClusterSnapshot s = snapshot(node("down").state(NodeState.DISCONNECTED), node("locked").locked(true),
        node("other").cluster("c2"), node("arm").arch("aarch64"), node("ok").cpus(1));
    PlacementDecision d = scheduler.decide(s, vm("new", 1, 1));
    assertEquals("ok", d.nodeId().orElseThrow());
    assertEquals("node is DISCONNECTED", d.verdict("down").orElseThrow().reason());
    assertEquals("node is locked (no new placements)", d.verdict("locked").orElseThrow().reason());
    assertEquals("node is in cluster 'c2', the VM asks for 'c1'", d.verdict("other").orElseThrow().reason());
    assertEquals("node arch is aarch64, the VM needs x86_64", d.verdict("arm").orElseThrow().reason());
  }

  @Test
  void rejectsANodeInMaintenanceSayingSoEvenWhenItsLockFlagIsNotSet() {
    ClusterSnapshot s = snapshot(node("maint").maintenance(true), node("ok").cpus(1));
    PlacementDecision d = scheduler.decide(s, vm("new", 1, 1));
    assertEquals("ok", d.nodeId().orElseThrow());
    assertEquals("node is entering or in maintenance (no new placements)", d.verdict("maint").orElseThrow().reason());
    assertEquals("no node of cluster 'c1' is connected and unlocked",
        scheduler.decide(snapshot(node("maint").maintenance(true)), vm("v", 1, 1)).failure());
  }

  @Test
  void aClusterWithoutAConnectedNodeSaysSo() {
    ClusterSnapshot s = snapshot(node("down").state(NodeState.DISCONNECTED), node("elsewhere").cluster("c2"));
    assertEquals("no node of cluster 'c1' is connected and unlocked", scheduler.decide(s, vm("v", 1, 1)).failure());
    assertEquals("no node in cluster 'c9' with arch x86_64",
        scheduler.decide(s, PlacementRequest.of("v", "c9", "x86_64", 1, 1)).failure());
    assertEquals("no node in the snapshot", scheduler.decide(ClusterSnapshot.of(List.of()), vm("v", 1, 1)).failure());
  }

  @Test
  void explainsEveryRejectedNodeWithItsFilter() {
    ClusterSnapshot s = snapshot(
        node("a-other-cluster").cluster("c2"),
        node("b-down").state(NodeState.DISCONNECTED),
        node("c-full-cpu").cpus(2).vm(PlacedVm.of("x", 2, 1)),
        node("d-full-memory").memoryGiB(2).vm(PlacedVm.of("y", 1, 2)),
        node("e-excluded"),
        node("f-web-here").vm(PlacedVm.of("w", 1, 1).inGroups("web")),
        node("g-fine"));
    PlacementRequest r = vm("new", 1, 1)
        .withVmGroup(VmGroupRule.hard("web", Relation.ANTI_AFFINITY))
        .withNodeGroup(NodeGroupRule.hard("not-e", Relation.ANTI_AFFINITY, Set.of("e-excluded")));
    PlacementDecision d = scheduler.decide(s, r);
    assertEquals("g-fine", d.nodeId().orElseThrow());
    Map<String, String> filters = new HashMap<>();
    d.verdicts().forEach(v -> filters.put(v.nodeId(), v.filter()));
    assertEquals(Map.of("a-other-cluster", "cluster-arch", "b-down", "state", "c-full-cpu", "cpu",
        "d-full-memory", "memory", "e-excluded", "node-groups", "f-web-here", "vm-groups"),
        withoutNulls(filters));
    assertEquals(7, d.verdicts().size());
    assertNull(d.verdict("g-fine").orElseThrow().filter());
    assertTrue(d.verdict("g-fine").orElseThrow().accepted());
    assertEquals("hard anti-affinity group 'web' already has 1 VM(s) here", d.verdict("f-web-here").orElseThrow().reason());
    assertEquals("hard node anti-affinity group 'not-e' excludes this node", d.verdict("e-excluded").orElseThrow().reason());
    String text = d.explain();
    assertTrue(text.startsWith("placed on g-fine"), text);
    assertTrue(text.contains("c-full-cpu: rejected by cpu: needs 1 vCPU, 2 of 2 allocated (2 CPUs × 100 %)"), text);
    assertTrue(text.contains("g-fine: accepted, score"), text);
  }

  private static Map<String, String> withoutNulls(Map<String, String> m) {
    Map<String, String> out = new HashMap<>(m);
    out.values().removeIf(java.util.Objects::isNull);
    return out;
  }

  @Test
  void explainsTheScoreOfEveryAcceptedNode() {
    ClusterSnapshot s = snapshot(node("empty"), node("one").vm(PlacedVm.of("a", 1, 1)));
    PlacementDecision d = scheduler.decide(s, vm("new", 1, 1));
    NodeVerdict empty = d.verdict("empty").orElseThrow();
    NodeVerdict one = d.verdict("one").orElseThrow();
    assertEquals(2.0, empty.score(), 1e-9); // best on load (1) and spread (1)
    assertEquals(0.0, one.score(), 1e-9);
    assertEquals(1.0, empty.scores().get("spread"), 1e-9);
    assertEquals(Set.of("load", "spread", "soft-vm-groups", "soft-node-groups"), empty.scores().keySet());
  }

  @Test
  void rejectsPlacementWhenHardAntiAffinityCannotBeMet() {
    ClusterSnapshot s = snapshot(node("n1"), node("n2"), node("n3"));
    PlacementRequest web = vm("web0", 1, 1).withVmGroup(VmGroupRule.hard("web", Relation.ANTI_AFFINITY));
    for (int i = 0; i < 3; i++) {
      s = placeAndRecord(s, web.forVm("web" + i));
    }
    for (NodeCandidate n : s.nodes()) {
      assertEquals(1, n.groupMembers("web"), n.id());
    }
    PlacementDecision fourth = scheduler.decide(s, web.forVm("web3"));
    assertFalse(fourth.placed());
    assertEquals("hard anti-affinity group 'web' already has a VM on every eligible node", fourth.failure());
    fourth.verdicts().forEach(v -> assertEquals("vm-groups", v.filter()));
  }

  @Test
  void hardAntiAffinityNamesTheRuleEvenWhenOtherNodesFailEarlierFilters() {
    ClusterSnapshot s = snapshot(node("full").cpus(1).vm(PlacedVm.of("x", 1, 1)),
        node("web").vm(PlacedVm.of("w", 1, 1).inGroups("web")));
    PlacementDecision d = scheduler.decide(s, vm("v", 1, 1).withVmGroup(VmGroupRule.hard("web", Relation.ANTI_AFFINITY)));
    assertEquals("hard anti-affinity group 'web' already has a VM on every eligible node", d.failure());
  }

  @Test
  void hardAffinityKeepsTheGroupTogether() {
    ClusterSnapshot s = snapshot(node("n1"), node("n2").vm(PlacedVm.of("db0", 1, 1).inGroups("db")), node("n3"));
    PlacementRequest db = vm("db1", 1, 1).withVmGroup(VmGroupRule.hard("db", Relation.AFFINITY));
    PlacementDecision d = scheduler.decide(s, db);
    assertEquals("n2", d.nodeId().orElseThrow()); // although n1 and n3 are emptier
    assertEquals("hard affinity group 'db' has no VM here (its 1 VM(s) are on other nodes)",
        d.verdict("n1").orElseThrow().reason());

    ClusterSnapshot full = snapshot(node("n1"), node("n2").cpus(1).vm(PlacedVm.of("db0", 1, 1).inGroups("db")));
    PlacementDecision none = scheduler.decide(full, db);
    assertEquals("hard affinity group 'db' has its VMs only on nodes that cannot take this VM", none.failure());
  }

  @Test
  void hardAffinityToAnEmptyGroupAcceptsAnyNode() {
    ClusterSnapshot s = snapshot(node("n1"), node("n2"));
    assertTrue(scheduler.decide(s, vm("a", 1, 1).withVmGroup(VmGroupRule.hard("new", Relation.AFFINITY))).placed());
  }

  @Test
  void hardNodeAffinityPinsTheVm() {
    ClusterSnapshot s = snapshot(node("n1"), node("n2").vm(PlacedVm.of("a", 4, 16)), node("n3"));
    PlacementRequest r = vm("v", 1, 1).withNodeGroup(NodeGroupRule.hard("pin", Relation.AFFINITY, Set.of("n2")));
    assertEquals("n2", scheduler.decide(s, r).nodeId().orElseThrow());

    PlacementRequest toDown = vm("v", 1, 1).withNodeGroup(NodeGroupRule.hard("pin", Relation.AFFINITY, Set.of("gone")));
    assertEquals("hard node affinity group 'pin' allows none of the eligible nodes", scheduler.decide(s, toDown).failure());
  }

  @Test
  void hardNodeAntiAffinityExcludesItsNodes() {
    ClusterSnapshot s = snapshot(node("n1"), node("n2"));
    PlacementRequest r = vm("v", 1, 1).withNodeGroup(NodeGroupRule.hard("no", Relation.ANTI_AFFINITY, Set.of("n1", "n2")));
    assertEquals("hard node anti-affinity group 'no' excludes every eligible node", scheduler.decide(s, r).failure());
  }

  @Test
  void softAffinityPrefersButNeverRejects() {
    ClusterSnapshot s = snapshot(node("n1"), node("n2").vm(PlacedVm.of("app0", 2, 8).inGroups("app")), node("n3"));
    PlacementRequest app = vm("app1", 1, 1).withVmGroup(VmGroupRule.soft("app", Relation.AFFINITY));
    assertEquals("n2", scheduler.decide(s, app).nodeId().orElseThrow()); // preferred over the emptier nodes

    ClusterSnapshot full = snapshot(node("n1"), node("n2").cpus(2).vm(PlacedVm.of("app0", 2, 8).inGroups("app")));
    PlacementDecision d = scheduler.decide(full, app);
    assertEquals("n1", d.nodeId().orElseThrow()); // cannot be met: placed anyway

    PlacementRequest pinned = vm("v", 1, 1).withNodeGroup(NodeGroupRule.soft("pin", Relation.AFFINITY, Set.of("n3")));
    assertEquals("n3", scheduler.decide(s, pinned).nodeId().orElseThrow());
    PlacementRequest pinnedToFull = vm("v", 1, 1).withNodeGroup(NodeGroupRule.soft("pin", Relation.AFFINITY, Set.of("n2")));
    assertEquals("n1", scheduler.decide(full, pinnedToFull).nodeId().orElseThrow());
  }

  @Test
  void softAntiAffinitySpreadsButStacksWhenItMust() {
    ClusterSnapshot s = snapshot(node("n1"), node("n2"));
    PlacementRequest r = vm("w0", 1, 1).withVmGroup(VmGroupRule.soft("web", Relation.ANTI_AFFINITY));
    for (int i = 0; i < 4; i++) {
      s = placeAndRecord(s, r.forVm("w" + i));
    }
    assertEquals(2, s.nodes().get(0).groupMembers("web"));
    assertEquals(2, s.nodes().get(1).groupMembers("web"));

    ClusterSnapshot one = snapshot(node("only").vm(PlacedVm.of("w", 1, 1).inGroups("web")));
    assertTrue(scheduler.decide(one, r).placed());
    // a soft anti-affinity also outweighs load: the busier node without the group wins
    ClusterSnapshot two = snapshot(node("web-here").vm(PlacedVm.of("w", 1, 1).inGroups("web")),
        node("busy").vm(PlacedVm.of("a", 4, 16)).vm(PlacedVm.of("b", 2, 8)));
    assertEquals("busy", scheduler.decide(two, r).nodeId().orElseThrow());
  }

  @Test
  void reservationsCountAsAllocatedAndAsGroupMembers() {
    ClusterSnapshot s = snapshot(node("n1").cpus(2), node("n2").cpus(2))
        .withReservations(List.of(new Reservation("r1", "n1", 2, 1L << 30, 0, Set.of("web"))));
    PlacementDecision d = scheduler.decide(s, vm("v", 1, 1));
    assertEquals("n2", d.nodeId().orElseThrow());
    assertEquals("cpu", d.verdict("n1").orElseThrow().filter());

    ClusterSnapshot big = snapshot(node("n1"), node("n2"))
        .withReservations(List.of(new Reservation("r1", "n2", 1, 1L << 30, 0, Set.of("web"))));
    PlacementRequest web = vm("v", 1, 1).withVmGroup(VmGroupRule.hard("web", Relation.AFFINITY));
    assertEquals("n2", scheduler.decide(big, web).nodeId().orElseThrow());
  }

  @Test
  void aReservationForAVmAlreadyRecordedIsNotCountedTwice() {
    ClusterSnapshot s = snapshot(node("n1").cpus(2).vm(PlacedVm.of("r1", 1, 1)))
        .withReservations(List.of(new Reservation("r1", "n1", 1, 1L << 30, 0, Set.of())));
    assertTrue(scheduler.decide(s, vm("v", 1, 1)).placed());
  }

  @Test
  void tiesGoToTheSmallerNodeIdSoDecisionsAreRepeatable() {
    ClusterSnapshot s = snapshot(node("n3"), node("n1"), node("n2"));
    assertEquals("n1", scheduler.decide(s, vm("v", 1, 1)).nodeId().orElseThrow());
  }

  /** The bulk path that decides (retain, rawAll) and the per-node path that explains (test, raw) agree. */
  @Test
  void theDecisionAndItsExplanationAgreeOnRandomClusters() {
    java.util.Random random = new java.util.Random(11);
    for (int round = 0; round < 300; round++) {
      List<NodeCandidate> nodes = new ArrayList<>();
      int count = 1 + random.nextInt(12);
      for (int i = 0; i < count; i++) {
        NodeCandidate.Builder b = NodeCandidate.builder("n" + i).cluster(random.nextInt(5) == 0 ? "c2" : "c1")
            .arch(random.nextInt(8) == 0 ? "aarch64" : "x86_64").cpus(1 + random.nextInt(8))
            .cpuOvercommitPercent(100 + 50 * random.nextInt(11)).memoryGiB(1 + random.nextInt(32))
            .gpus(random.nextInt(3)).locked(random.nextInt(10) == 0)
            .state(random.nextInt(10) == 0 ? NodeState.DISCONNECTED : NodeState.CONNECTED);
        if (random.nextBoolean()) {
          b.liveCpuUse(random.nextDouble()).liveMemoryUsedBytes(random.nextInt(4) << 30L);
        }
        for (int v = random.nextInt(5); v > 0; v--) {
          b.vm(new PlacedVm("vm" + i + "-" + v, 1 + random.nextInt(4), (1L + random.nextInt(8)) << 30,
              random.nextInt(5) == 0 ? 1 : 0, random.nextBoolean() ? Set.of("g" + random.nextInt(3)) : Set.of()));
        }
        nodes.add(b.build());
      }
      List<Reservation> reservations = new ArrayList<>();
      for (int r = random.nextInt(4); r > 0; r--) {
        reservations.add(new Reservation("r" + r, "n" + random.nextInt(count), 1 + random.nextInt(3),
            (1L + random.nextInt(4)) << 30, 0, random.nextBoolean() ? Set.of("g" + random.nextInt(3)) : Set.of()));
      }
      PlacementRequest request = vm("new", 1 + random.nextInt(4), 1 + random.nextInt(8)).withGpus(random.nextInt(2));
      for (int g = random.nextInt(3); g > 0; g--) {
        request = request.withVmGroup(new VmGroupRule("g" + random.nextInt(3),
            random.nextBoolean() ? Relation.AFFINITY : Relation.ANTI_AFFINITY, random.nextBoolean()));
      }
      for (int g = random.nextInt(3); g > 0; g--) {
        request = request.withNodeGroup(new NodeGroupRule("ng" + g, random.nextBoolean() ? Relation.AFFINITY
            : Relation.ANTI_AFFINITY, random.nextBoolean(),
            new java.util.HashSet<>(List.of("n" + random.nextInt(count), "n" + random.nextInt(count)))));
      }
      ClusterSnapshot s = ClusterSnapshot.of(nodes).withReservations(reservations);
      PlacementDecision d = scheduler.decide(s, request);
      String context = "round " + round + ": " + d.explain();
      List<NodeVerdict> verdicts = d.verdicts();
      assertEquals(count, verdicts.size(), context);
      boolean anyAccepted = verdicts.stream().anyMatch(NodeVerdict::accepted);
      assertEquals(anyAccepted, d.placed(), context);
      if (d.placed()) {
        NodeVerdict chosen = d.verdict(d.nodeId().orElseThrow()).orElseThrow();
        assertTrue(chosen.accepted(), context);
        for (NodeVerdict v : verdicts) {
          assertTrue(!v.accepted() || v.score() <= chosen.score() + 1e-9, context);
        }
        assertNull(d.failure());
      } else {
        assertTrue(d.failure() != null && !d.failure().isEmpty(), context);
        verdicts.forEach(v -> assertTrue(v.filter() != null && v.reason() != null, context));
      }
    }
  }
}
