package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.GuestExec;
import dev.vireo.tests.support.MultiNodeLab;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Suspend to file keeps the memory on the shared storage (ADR 0024): a guest suspended on one node
 * of a 2-node lab, whose node then goes into maintenance (its definition moves), is restored on the
 * other node and goes on running: uptime continues, one GUEST-READY. The lab (its own subnet,
 * bridge and directory) is torn down in any case.
 */
@Tag("e2e")
@Timeout(400)
class SuspendedVmMovesTest {
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-suspend-e2e");
  private static final Duration JOB = Duration.ofSeconds(180);

  private static double uptime(MultiNodeLab lab, String host, String vm) throws Exception {
    lab.awaitGuestAgent(host, vm);
    GuestExec.Result r = GuestExec.busybox(lab, host, vm, 30, "cat", "/proc/uptime");
    assertEquals(0, r.exitCode(), r.stderr());
    return Double.parseDouble(r.stdout().strip().split("\\s+")[0]);
  }

  @Test
  void aSuspendedGuestIsRestoredOnAnotherNodeAfterItsNodeEntersMaintenance() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab("vireo-lv", "vlabv0", "10.236.0", DIR)) {
      lab.up(2);
      VireoClient client = lab.client();
      Map<String, String> hostOf = lab.hostnames();
      String imageId = client.getImage("vireo-test-guest").id();
      String source = client.listNodes().items().get(0).id();
      String vm = lab.createVmOn(source, new CreateVmRequest("susp-vm", null, imageId, "1C1G", null, 1, true, null));
      lab.awaitGuestReady(vm, 1, Duration.ofSeconds(150));
      double before = uptime(lab, hostOf.get(source), vm);

      lab.succeed(client.suspendVm(vm), JOB);
      assertEquals(VmState.SUSPENDED, client.getVm(vm).state());
      assertEquals("shut off", lab.virsh(hostOf.get(source), "domstate", vm).strip());

      lab.succeed(client.lockNode(source, true), JOB);
      lab.succeed(client.maintainNode(source, true), JOB);
      String destination = client.getVm(vm).nodeId();
      assertNotEquals(source, destination, "the suspended VM's definition left the node in maintenance");
      assertEquals(VmState.SUSPENDED, client.getVm(vm).state());
      assertTrue(lab.domains(hostOf.get(source)).stream().noneMatch(vm::equals), "forgotten on its old node");

      lab.succeed(client.resumeVm(vm), JOB);
      assertEquals(VmState.RUNNING, client.getVm(vm).state());
      assertEquals("running", lab.virsh(hostOf.get(destination), "domstate", vm).strip());
      double after = uptime(lab, hostOf.get(destination), vm);
      assertTrue(after >= before, "uptime went on from " + before + " s to " + after + " s");
      String log = client.serialLog(vm, 1 << 20).text();
      assertEquals(1, VireoLab.readyCount(log), "the guest booted again:\n" + log);
      System.out.printf("suspended on %s, restored on %s; guest uptime %.1f s -> %.1f s%n", hostOf.get(source),
          hostOf.get(destination), before, after);
      for (Node n : client.listNodes().items()) {
        assertTrue(n.id().equals(source) || n.id().equals(destination));
      }
    }
  }
}
