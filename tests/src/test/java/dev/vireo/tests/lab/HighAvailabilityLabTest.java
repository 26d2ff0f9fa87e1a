package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.MultiNodeLab;
import dev.vireo.tests.support.QemuWatch;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HA on a real 3-node lab (ADR 0013, 0014), with 1 s heartbeats, a 4 s node timeout and 1 s peer
 * probes: (a) every process of a node is killed — its "never stop" VM runs on another node and
 * boots again; (b) a node's management link goes down while everything on it keeps running — it
 * fences itself, its VM restarts elsewhere, and a watcher scanning every QEMU process on the
 * machine every 50 ms never sees the VM run twice; (c) each node comes back and is cleaned up: no
 * stale definition, nothing restarted there; (d) a "never stop" guest destroyed behind Vireo's
 * back is started again in place. Failover times (failure → RUNNING elsewhere) are printed.
 */
@Tag("e2e")
@Timeout(600)
class HighAvailabilityLabTest {
  private static final String NAME = "vireo-lh";
  private static final String BRIDGE = "vlabh0";
  private static final String NET = "10.246.0";
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-ha-e2e");

  @Test
  void killedAndPartitionedNodesFailOverWithoutEverRunningAVmTwiceAndAreCleanedUpWhenBack() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab(NAME, BRIDGE, NET, DIR)
        .env("VIREO_LAB_HEARTBEAT_SECONDS", "1").env("VIREO_LAB_NODE_TIMEOUT_SECONDS", "4")) {
      lab.up(3);
      VireoClient client = lab.client();
      String cluster = client.listClusters().items().get(0).id();
      client.waitForJob(client.updateCluster(cluster, new UpdateClusterRequest(null, 400, 1)).jobId(),
          Duration.ofSeconds(30));
      Map<String, String> host = lab.hostnames();
      List<String> report = new ArrayList<>();

      // (a) A node dies with everything on it.
      String killedVm = neverStopVm(lab, "ha-killed");
      String killedNode = client.getVm(killedVm).nodeId();
      String killedHost = host.get(killedNode);
      long t0 = System.nanoTime();
      lab.killEverythingIn(killedHost);
      long failoverMs = awaitElsewhere(client, killedVm, killedNode, Duration.ofSeconds(60));
      report.add("kill " + killedHost + ": RUNNING elsewhere after " + failoverMs + " ms");
      assertEquals(NodeState.DOWN, node(client, killedNode).state());
      String newHost = host.get(client.getVm(killedVm).nodeId());
      assertEquals("running", lab.virsh(newHost, "domstate", killedVm).strip());
      lab.awaitGuestReady(killedVm, 2, Duration.ofSeconds(120)); // booted again on its new node
      report.add("kill " + killedHost + ": GUEST-READY again after " + ms(t0) + " ms");

      // (c) ... and comes back: `lab up 3` starts its daemons and agent again.
      lab.lab(240, "up", "3");
      awaitNodeConnected(lab, client, killedNode);
      assertFalse(lab.domains(killedHost).contains(killedVm), "stale definition left on " + killedHost);
      assertEquals(VmState.RUNNING, client.getVm(killedVm).state());
      assertNotEquals(killedNode, client.getVm(killedVm).nodeId(), "not moved back");

      // (b) A node is cut off: its management link goes down, its processes live on.
      String cutVm = neverStopVm(lab, "ha-cut");
      String cutNode = client.getVm(cutVm).nodeId();
      String cutHost = host.get(cutNode);
      try (QemuWatch watch = QemuWatch.start(List.of(killedVm, cutVm), Duration.ofMillis(50))) {
        long t1 = System.nanoTime();
        Commands.check(List.of("ip", "link", "set", BRIDGE + "-" + cutHost, "down"), 10);
        long cutMs = awaitElsewhere(client, cutVm, cutNode, Duration.ofSeconds(60));
        report.add("partition " + cutHost + ": RUNNING elsewhere after " + cutMs + " ms");
        String agentLog = Files.readString(DIR.resolve("nodes/" + cutHost + "/agent.log"));
        assertTrue(agentLog.toLowerCase().contains("fenc"), "the cut-off node fenced itself:\n" + tail(agentLog));
        lab.awaitGuestReady(cutVm, 2, Duration.ofSeconds(120));
        report.add("partition " + cutHost + ": GUEST-READY again after " + ms(t1) + " ms");

        Commands.check(List.of("ip", "link", "set", BRIDGE + "-" + cutHost, "up"), 10);
        awaitNodeConnected(lab, client, cutNode);
        assertFalse(lab.domains(cutHost).contains(cutVm), "stale definition left on " + cutHost);
        assertEquals(VmState.RUNNING, client.getVm(cutVm).state());
        Thread.sleep(3000); // nothing restarts it on the node that came back
        assertEquals(1, watch.running(cutVm), "exactly one QEMU runs " + cutVm);
        assertEquals(List.of(), watch.violations(), "a VM ran twice at some moment");
        report.add("QEMU watch: " + watch.scans() + " scans, never two processes for one VM");
      }

      // (d) A "never stop" guest that dies on its own (QEMU killed behind Vireo's back) is started again.
      String home = host.get(client.getVm(cutVm).nodeId());
      long t2 = System.nanoTime();
      lab.virsh(home, "destroy", cutVm);
      lab.awaitGuestReady(cutVm, 3, Duration.ofSeconds(120));
      assertEquals("running", lab.virsh(home, "domstate", cutVm).strip(), "restarted in place on " + home);
      assertEquals(VmState.RUNNING, client.getVm(cutVm).state());
      report.add("guest destroyed outside Vireo: GUEST-READY again after " + ms(t2) + " ms");
      System.out.println("HA: " + String.join("; ", report));
    }
  }

  /** A running NEVER_STOP VM of the test guest, booted (GUEST-READY). */
  private static String neverStopVm(MultiNodeLab lab, String name) throws Exception {
    VireoClient client = lab.client();
    String image = client.getImage("vireo-test-guest").id();
    Accepted a = client.createVm(new CreateVmRequest(name, null, image, "1C1G", null, 1, true, null,
        HaMode.NEVER_STOP), name + "-" + lab.port());
    lab.succeed(a, Duration.ofSeconds(120));
    lab.awaitGuestReady(a.resourceId(), 1, Duration.ofSeconds(150));
    return a.resourceId();
  }

  /** Waits until the VM is RUNNING on another node; returns the time since the call. */
  private static long awaitElsewhere(VireoClient client, String vm, String from, Duration timeout) throws Exception {
    long t0 = System.nanoTime();
    await("VM " + vm + " RUNNING on another node than " + from, timeout, () -> {
      Vm v = client.getVm(vm);
      return v.state() == VmState.RUNNING && v.nodeId() != null && !v.nodeId().equals(from);
    });
    return ms(t0);
  }

  private static void awaitNodeConnected(MultiNodeLab lab, VireoClient client, String nodeId) throws Exception {
    await("node " + nodeId + " CONNECTED (cleaned up)", Duration.ofSeconds(60),
        () -> node(client, nodeId).state() == NodeState.CONNECTED);
  }

  private static Node node(VireoClient client, String id) {
    return client.listNodes().items().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    if (VireoLab.millisUntil(timeout, condition) < 0) {
      throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s");
    }
  }

  private static String tail(String log) {
    return log.substring(Math.max(0, log.length() - 3000));
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
