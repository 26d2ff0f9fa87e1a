package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.MultiNodeLab;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Maintenance mode on a real three-node lab (`bin/vireo lab up 3`) with the real test guest: two
 * running VMs and a stopped one on one node; the node is locked and enters maintenance; the job
 * live-migrates the running VMs and moves the stopped one's definition to the other nodes; libvirt
 * on the node then knows no domain of them, each running VM runs elsewhere and did not boot again
 * (one GUEST-READY on its serial console, which lives in the shared storage). Unlocking a node in
 * maintenance is refused; exit returns it to LOCKED, then unlock works. The lab has its own
 * directory, names, bridge, subnet and port, and is torn down in any case.
 */
@Tag("e2e")
@Timeout(300)
class NodeMaintenanceLabTest {
  private static final String NAME = "vireo-mm";
  private static final String BRIDGE = "vlabmm0";
  private static final String NET = "10.249.0";
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-maint-e2e");

  @Test
  void enteringMaintenanceMovesEveryVmAwayWithoutRebootingThenExitReturnsToLocked() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab(NAME, BRIDGE, NET, DIR)) {
      lab.up(3);
      VireoClient client = lab.client();
      List<Node> nodes = client.listNodes().items();
      assertEquals(3, nodes.size(), "nodes: " + nodes);
      Map<String, String> hostOf = lab.hostnames();
      String cluster = client.listClusters().items().get(0).id();
      // three 1-vCPU guests on 2-CPU nodes at most two per node: overcommit keeps the test about
      // maintenance, not capacity
      lab.succeed(client.updateCluster(cluster, new UpdateClusterRequest(null, 400)), Duration.ofSeconds(60));

      String home = nodes.get(0).id();
      String imageId = client.getImage("vireo-test-guest").id();
      List<String> running = new ArrayList<>();
      String cold;
      for (Node n : nodes.subList(1, nodes.size())) {
        lab.succeed(client.lockNode(n.id(), true), Duration.ofSeconds(30));
      }
      try {
        List<Accepted> creates = new ArrayList<>();
        for (String name : List.of("maint-a", "maint-b")) {
          creates.add(client.createVm(new CreateVmRequest(name, null, imageId, "1C1G", null, 1, true, null),
              name + "-" + lab.port()));
        }
        Accepted coldCreate = client.createVm(new CreateVmRequest("maint-cold", null, imageId, "1C1G", null, 1,
            false, null), "maint-cold-" + lab.port());
        for (Accepted a : creates) {
          lab.succeed(a, Duration.ofSeconds(120));
          running.add(a.resourceId());
        }
        lab.succeed(coldCreate, Duration.ofSeconds(120));
        cold = coldCreate.resourceId();
      } finally {
        for (Node n : nodes.subList(1, nodes.size())) {
          lab.succeed(client.lockNode(n.id(), false), Duration.ofSeconds(30));
        }
      }
      for (String vm : running) {
        assertEquals(home, client.getVm(vm).nodeId());
        lab.awaitGuestReady(vm, 1, Duration.ofSeconds(150));
      }
      assertEquals(home, client.getVm(cold).nodeId());
      assertEquals(3, lab.domains(hostOf.get(home)).size(), "all three defined on " + hostOf.get(home));

      ApiException unlockedEnter = assertThrows(ApiException.class, () -> client.maintainNode(home, true));
      assertEquals(409, unlockedEnter.status(), "an unlocked node cannot enter maintenance: " + unlockedEnter);

      lab.succeed(client.lockNode(home, true), Duration.ofSeconds(30));
      long t0 = System.nanoTime();
      Job job = lab.succeed(client.maintainNode(home, true), Duration.ofSeconds(180));
      long enterMillis = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("ENTER_MAINTENANCE", job.type());

      Node maintained = client.getNode(home);
      assertEquals(NodeSchedulingStatus.MAINTENANCE, maintained.schedulingStatus());
      assertEquals(0, maintained.vmCount(), "the inventory has no VM on the node");
      assertEquals(0, client.listVms(null, home).total());
      assertEquals(List.of(), lab.domains(hostOf.get(home)), "libvirt on " + hostOf.get(home) + " knows none");

      List<String> report = new ArrayList<>();
      for (String vm : running) {
        Vm after = client.getVm(vm);
        assertEquals(VmState.RUNNING, after.state());
        assertNotEquals(home, after.nodeId());
        String host = hostOf.get(after.nodeId());
        assertEquals("running", lab.virsh(host, "domstate", vm).strip(), vm + " runs on " + host);
        report.add(vm + " -> " + host);
      }
      Vm coldAfter = client.getVm(cold);
      assertEquals(VmState.STOPPED, coldAfter.state());
      assertNotEquals(home, coldAfter.nodeId());
      String coldHost = hostOf.get(coldAfter.nodeId());
      assertEquals("shut off", lab.virsh(coldHost, "domstate", cold).strip(), "defined, stopped, on " + coldHost);
      report.add(cold + " (stopped) -> " + coldHost);

      // A guest restarted at a switch-over would print its kernel banner again within a second or
      // two and GUEST-READY 4-16 s later (lab-facts); give it the banner's time, check both.
      Thread.sleep(5000);
      for (String vm : running) {
        String log = client.serialLog(vm, 1 << 20).text();
        assertEquals(1, VireoLab.readyCount(log), vm + " booted again:\n" + log);
        assertTrue(log.split("Linux version", -1).length <= 2, vm + "'s kernel started again:\n" + log);
      }

      ApiException unlock = assertThrows(ApiException.class, () -> client.lockNode(home, false));
      assertEquals(409, unlock.status(), "a node in maintenance is not unlocked directly: " + unlock);
      lab.succeed(client.maintainNode(home, false), Duration.ofSeconds(30));
      assertEquals(NodeSchedulingStatus.LOCKED, client.getNode(home).schedulingStatus());
      lab.succeed(client.lockNode(home, false), Duration.ofSeconds(30));
      assertEquals(NodeSchedulingStatus.UNLOCKED, client.getNode(home).schedulingStatus());
      assertFalse(client.getNode(home).locked());
      System.out.println("maintenance: entering took " + enterMillis + " ms (job " + job.id() + "); "
          + String.join("; ", report));
    }
  }
}
