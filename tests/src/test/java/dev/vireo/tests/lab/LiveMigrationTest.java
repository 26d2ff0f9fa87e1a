package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.MultiNodeLab;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live migration on a real two-node lab (`bin/vireo lab up 2`) with the real test guest: the VM
 * moves to the other node and back (the second time the scheduler chooses), the job succeeds, the
 * inventory follows, libvirt on each node agrees, and the guest keeps running (no second
 * GUEST-READY on its serial console, which lives in the shared storage). Migrating a VM to its own
 * node is a 422. Downtime and data moved are read from libvirt's completed-job statistics on the
 * destination (`virsh domjobinfo --completed`). The lab has its own directory, names, bridge,
 * subnet and port, and is torn down in any case.
 */
@Tag("e2e")
@Timeout(300)
class LiveMigrationTest {
  private static final String NAME = "vireo-lm";
  private static final String BRIDGE = "vlabm0";
  private static final String NET = "10.247.0";
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-migrate-e2e");
  private static final Pattern DOWNTIME = Pattern.compile("Total downtime:\\s+(\\d+)\\s+ms");
  private static final Pattern TIME = Pattern.compile("Time elapsed:\\s+(\\d+)\\s+ms");
  private static final Pattern DATA = Pattern.compile("Data processed:\\s+([\\d.]+ \\S+)");

  @Test
  void aRunningGuestMovesToTheOtherNodeAndBackWithoutRebooting() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab(NAME, BRIDGE, NET, DIR)) {
      lab.up(2);
      VireoClient client = lab.client();
      List<Node> nodes = client.listNodes().items();
      assertEquals(2, nodes.size(), "nodes: " + nodes);
      Map<String, String> hostOf = lab.hostnames();

      String imageId = client.getImage("vireo-test-guest").id();
      Accepted created = client.createVm(new CreateVmRequest("mig-vm", null, imageId, "1C1G", null, 1, true, null),
          "mig-create-" + lab.port());
      String vm = created.resourceId();
      lab.succeed(created, Duration.ofSeconds(120));
      lab.awaitGuestReady(vm, 1, Duration.ofSeconds(150));
      String source = client.getVm(vm).nodeId();
      String destination = nodes.stream().map(Node::id).filter(id -> !id.equals(source)).findFirst().orElseThrow();

      ApiException self = assertThrows(ApiException.class, () -> client.migrateVm(vm, source));
      assertEquals(422, self.status(), "migrate to its own node: " + self);
      assertTrue(self.getMessage().contains("nodeId"), self.getMessage());
      assertEquals(VmState.RUNNING, client.getVm(vm).state(), "a refused migration changes nothing");

      List<String> report = new ArrayList<>();
      // There, to a chosen node.
      migrate(lab, vm, destination, source, hostOf, report);
      // And back: the scheduler chooses, and the only other node is where it came from.
      migrate(lab, vm, null, destination, hostOf, report);
      assertEquals(source, client.getVm(vm).nodeId());

      // A guest restarted at a switch-over would print its kernel banner again within a second or
      // two and GUEST-READY 4-16 s later (lab-facts); give it the banner's time, check both.
      Thread.sleep(5000);
      String log = client.serialLog(vm, 1 << 20).text();
      assertEquals(1, VireoLab.readyCount(log), "the guest booted again:\n" + log);
      assertTrue(log.split("Linux version", -1).length <= 2, "the kernel started again:\n" + log);
      System.out.println("live migration: " + String.join("; ", report));
    }
  }

  private void migrate(MultiNodeLab lab, String vm, String to, String from, Map<String, String> hostOf,
      List<String> report) throws Exception {
    VireoClient client = lab.client();
    long t0 = System.nanoTime();
    Accepted a = client.migrateVm(vm, to);
    Job job = client.waitForJob(a.jobId(), Duration.ofSeconds(120));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(JobState.SUCCEEDED, job.state(), "migrate: " + job.error());
    Vm after = client.getVm(vm);
    assertEquals(VmState.RUNNING, after.state());
    assertNotEquals(from, after.nodeId(), "moved away from " + from);
    if (to != null) {
      assertEquals(to, after.nodeId());
    }
    String dst = hostOf.get(after.nodeId());
    String src = hostOf.get(from);
    assertEquals("running", lab.virsh(dst, "domstate", vm).strip(), "running on " + dst);
    assertEquals("", lab.virsh(src, "list", "--all", "--name").lines().filter(vm::equals)
        .collect(Collectors.joining()), "gone from " + src + " (not even defined)");
    assertTrue(lab.virsh(dst, "list", "--persistent", "--name").lines().anyMatch(vm::equals), "persistent on " + dst);
    assertEquals(1, VireoLab.readyCount(client.serialLog(vm, 1 << 20).text()), "the guest did not reboot");
    String info = Commands.run(List.of("nsenter", "-t", lab.holder(dst), "-m", "-n", "virsh", "-c", "qemu:///system",
        "domjobinfo", "--completed", vm), 30).output();
    assertTrue(DOWNTIME.matcher(info).find(), "libvirt reports the downtime on " + dst + ":\n" + info);
    String agent = Files.readAllLines(DIR.resolve("nodes/" + src + "/agent.log")).stream()
        .filter(l -> l.contains("migrated " + vm)).reduce((x, y) -> y).orElse("(no line in the agent log)");
    report.add(src + "->" + dst + " job " + ms + " ms; virsh domjobinfo --completed on " + dst + ": time "
        + find(TIME, info) + " ms, downtime " + find(DOWNTIME, info) + " ms, data " + find(DATA, info)
        + (DOWNTIME.matcher(info).find() ? "" : " [" + info.strip().replace('\n', '|') + "]")
        + "; source agent: " + agent.substring(Math.max(0, agent.indexOf("migrated "))));
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : "?";
  }
}
