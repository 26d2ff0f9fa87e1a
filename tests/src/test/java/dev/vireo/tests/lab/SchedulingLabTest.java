package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateGroupRequest;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.GroupKind;
import dev.vireo.api.model.GroupRelation;
import dev.vireo.api.model.GroupStrictness;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.MultiNodeLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler on a real three-node lab (`bin/vireo lab up 3`) with the real test guest: (a)
 * balanced placement: three VMs land on three different nodes and run there; (c) a HARD
 * node-group affinity pins three VMs to n2 against the spread weigher; (b) a HARD anti-affinity VM
 * group then spreads three VMs over the three nodes, one on the busy n2, and a fourth create FAILS
 * with a reason naming the rule and the group. Every placement is checked against libvirt on the nodes
 * (virsh), not only the inventory. Only (a) boots guests (three); the others are defined, stopped.
 */
@Tag("e2e")
@Timeout(360)
class SchedulingLabTest {
  private static final String NAME = "vireo-lo";
  private static final String BRIDGE = "vlablo0";
  private static final String NET = "10.248.0";
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-offline-e2e");

  @Test
  void vmsSpreadNodeAffinityPinsAndHardAntiAffinityCapsAtOnePerNode() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab(NAME, BRIDGE, NET, DIR)) {
      lab.up(3);
      VireoClient client = lab.client();
      Map<String, String> hostOf = lab.hostnames();
      assertEquals(3, hostOf.size(), "nodes: " + hostOf);
      String cluster = client.listClusters().items().get(0).id();
      // 2 host CPUs per node: 600 % leaves room for every 1C1G VM below; the groups, not the CPUs, decide.
      lab.succeed(client.updateCluster(cluster, new UpdateClusterRequest(null, 600)), Duration.ofSeconds(60));
      String image = client.getImage("vireo-test-guest").id();
      long t0 = System.nanoTime();

      // (a) balanced placement, the guests started.
      Set<String> spreadNodes = new HashSet<>();
      for (int i = 1; i <= 3; i++) {
        String vm = create(lab, new CreateVmRequest("spread-" + i, null, image, "1C1G", null, 1, true, null));
        String node = client.getVm(vm).nodeId();
        spreadNodes.add(node);
        assertEquals(VmState.RUNNING, client.getVm(vm).state());
        assertEquals("running", lab.virsh(hostOf.get(node), "domstate", vm).strip(), vm + " on " + hostOf.get(node));
      }
      assertEquals(3, spreadNodes.size(), "three VMs on three equal nodes spread one per node");
      long spreadMs = (System.nanoTime() - t0) / 1_000_000;

      // (c) hard node affinity: all pinned to n2 although the spread weigher prefers the emptier nodes.
      String n2 = hostOf.entrySet().stream().filter(e -> e.getValue().equals("n2")).findFirst().orElseThrow().getKey();
      String pinned = lab.succeed(client.createGroup(new CreateGroupRequest("on-n2", GroupKind.NODE,
          GroupRelation.AFFINITY, GroupStrictness.HARD, List.of(n2)), null), Duration.ofSeconds(60)).resourceId();
      List<String> pins = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        String vm = create(lab, new CreateVmRequest("pinned-" + i, null, image, "1C1G", null, 1, false, List.of(pinned)));
        pins.add(vm);
        assertEquals(n2, client.getVm(vm).nodeId(), vm + " is pinned to n2");
      }
      List<String> onN2 = lab.domains("n2");
      assertTrue(onN2.containsAll(pins), "libvirt on n2 defines " + pins + ": " + onN2);
      for (String host : List.of("n1", "n3")) {
        assertTrue(lab.domains(host).stream().noneMatch(pins::contains), "no pinned VM on " + host);
      }

      // (b) hard anti-affinity: three on three nodes, although n2 is now the busiest node (without the
      // rule the spread weigher would put the third next to another on n1 or n3); the fourth refused.
      String apart = lab.succeed(client.createGroup(new CreateGroupRequest("apart", GroupKind.VM,
          GroupRelation.ANTI_AFFINITY, GroupStrictness.HARD, null), null), Duration.ofSeconds(60)).resourceId();
      Set<String> apartNodes = new HashSet<>();
      for (int i = 1; i <= 3; i++) {
        String vm = create(lab, new CreateVmRequest("apart-" + i, null, image, "1C1G", null, 1, false, List.of(apart)));
        String host = hostOf.get(client.getVm(vm).nodeId());
        apartNodes.add(host);
        assertTrue(lab.domains(host).contains(vm), vm + " is defined on " + host);
      }
      assertEquals(Set.of("n1", "n2", "n3"), apartNodes, "one VM of the group per node");
      Accepted fourth = client.createVm(new CreateVmRequest("apart-4", null, image, "1C1G", null, 1, false,
          List.of(apart)), null);
      Job refused = client.waitForJob(fourth.jobId(), Duration.ofSeconds(120));
      assertEquals(JobState.FAILED, refused.state(), "a fourth VM of a hard anti-affinity group on three nodes");
      assertTrue(refused.error().contains("anti-affinity") && refused.error().contains("'apart'"),
          "the reason names the rule and the group: " + refused.error());
      assertEquals(VmState.FAILED, client.getVm(fourth.resourceId()).state());
      for (String host : List.of("n1", "n2", "n3")) {
        assertTrue(!lab.domains(host).contains(fourth.resourceId()), "the refused VM is defined nowhere");
      }

      System.out.printf("scheduling lab: 3 started VMs placed and running in %d ms; VMs per node %s; 4th refused: %s%n",
          spreadMs, perNode(lab, hostOf), refused.error());
    }
  }

  private static String create(MultiNodeLab lab, CreateVmRequest request) throws Exception {
    Accepted a = lab.client().createVm(request, null);
    lab.succeed(a, Duration.ofSeconds(150));
    return a.resourceId();
  }

  private static Map<String, Integer> perNode(MultiNodeLab lab, Map<String, String> hostOf) throws Exception {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (String host : hostOf.values()) {
      counts.put(host, lab.domains(host).size());
    }
    return counts;
  }
}
