package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.CreateNetworkRequest;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.VmNicRequest;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.GuestExec;
import dev.vireo.tests.support.MultiNodeLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flat networks on a real 3-node lab (issue 4, ADR 0015, 0016): two networks on the lab's trunk,
 * VLAN 100 and VLAN 200 with the same subnet; VM a (n1) and VM b (n2) on VLAN 100, VM c (n3) on
 * VLAN 200, addresses from IPAM, hostname, DNS and a custom route delivered by the NoCloud seed and
 * checked inside the guests (serial console and the guest agent). a and b reach each other across
 * the switch namespace; c reaches neither; and with the management server killed, a still reaches
 * b (no VM traffic passes the server).
 */
@Tag("e2e")
@Timeout(600)
class FlatNetworkLabTest {
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-net-e2e");

  @Test
  void vmsOnOneVlanTalkAcrossNodesOtherVlansAreIsolatedAndTheServerIsNotInThePath() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab("vireo-ln", "vlabn0", "10.243.0", DIR)) {
      lab.up(3);
      VireoClient client = lab.client();
      String cluster = client.listClusters().items().get(0).id();
      client.waitForJob(client.updateCluster(cluster, new UpdateClusterRequest(null, 400)).jobId(),
          Duration.ofSeconds(30));
      lab.succeed(client.createNetwork(new CreateNetworkRequest("blue", null, "trunk0", 100, "192.168.100.0/24",
          "192.168.100.1", "192.168.100.10", "192.168.100.99", null, null, null, null, null, false,
          List.of(new NetworkRoute("10.99.0.0/16", "192.168.100.254"))), "net-blue-" + lab.port()),
          Duration.ofSeconds(60));
      lab.succeed(client.createNetwork(new CreateNetworkRequest("red", null, "trunk0", 200, "192.168.100.0/24",
          "192.168.100.1", null, null, null, null, null, null, null, false, null), "net-red-" + lab.port()),
          Duration.ofSeconds(60));
      Map<String, String> host = lab.hostnames();
      Map<String, String> nodeOf = host.entrySet().stream()
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

      String a = lab.createVmOn(nodeOf.get("n1"),
          nicVm(lab, "net-a", "blue", "192.168.100.11", "web-a", List.of("1.1.1.1", "9.9.9.9")));
      String b = lab.createVmOn(nodeOf.get("n2"), nicVm(lab, "net-b", "blue", null, "web-b", null));
      String c = lab.createVmOn(nodeOf.get("n3"), nicVm(lab, "net-c", "red", "192.168.100.13", "db-c", null));
      String bIp = client.getVm(b).nics().get(0).ipv4Address();
      assertTrue(bIp.startsWith("192.168.100."), "IPAM gave b an address of blue's range: " + bIp);
      for (String vm : List.of(a, b, c)) {
        lab.awaitGuestReady(vm, 1, Duration.ofSeconds(150));
      }

      // Inside the guests: what the seed said.
      String serialA = client.serialLog(a, 1 << 20).text();
      assertTrue(serialA.contains("GUEST-READY hostname=web-a ip=192.168.100.11"), serialA);
      assertTrue(serialA.contains("GUEST-NET dns=1.1.1.1,9.9.9.9 routes=10.99.0.0/16>192.168.100.254"), serialA);
      String serialB = client.serialLog(b, 1 << 20).text();
      assertTrue(serialB.contains("hostname=web-b ip=" + bIp), serialB);
      assertTrue(serialB.contains("GUEST-NET dns=114.114.114.114"), "the default DNS: " + serialB);
      lab.awaitGuestAgent("n1", a);
      lab.awaitGuestAgent("n2", b);
      lab.awaitGuestAgent("n3", c);
      assertTrue(GuestExec.busybox(lab, "n1", a, 10, "ip", "route").stdout().contains("10.99.0.0/16 via 192.168.100.254"));

      // Same VLAN across nodes: yes. Other VLAN, same subnet: no.
      assertTrue(GuestExec.ping(lab, "n1", a, bIp, 3), "a (n1) reaches b (n2) on VLAN 100");
      assertTrue(GuestExec.ping(lab, "n2", b, "192.168.100.11", 3), "b reaches a");
      assertFalse(GuestExec.ping(lab, "n3", c, "192.168.100.11", 2), "c on VLAN 200 must not reach a");
      assertFalse(GuestExec.ping(lab, "n1", a, "192.168.100.13", 2), "a must not reach c on VLAN 200");

      // The management server is not in the data path.
      String serverPid = Files.readString(DIR.resolve("run/server.pid")).strip();
      Commands.check(List.of("kill", "-9", serverPid), 10);
      assertTrue(GuestExec.ping(lab, "n1", a, bIp, 3), "a still reaches b with the server killed");
      lab.lab(240, "up", "3"); // brings the server back
      assertEquals(3, client.listNodes().items().stream().map(Node::id).distinct().count());
    }
  }

  /** A 1C1G test guest with one NIC on {@code network} (address, hostname and DNS as given). */
  private static CreateVmRequest nicVm(MultiNodeLab lab, String name, String network, String ip, String hostname,
      List<String> dns) throws Exception {
    String image = lab.client().getImage("vireo-test-guest").id();
    return new CreateVmRequest(name, null, image, "1C1G", null, 1, true, null, null,
        List.of(new VmNicRequest(network, ip, null)), hostname, dns, null);
  }
}
