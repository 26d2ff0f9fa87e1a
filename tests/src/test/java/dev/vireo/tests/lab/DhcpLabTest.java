package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.CreateNetworkRequest;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmNicRequest;
import dev.vireo.tests.support.GuestExec;
import dev.vireo.tests.support.MultiNodeLab;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DHCP where the VMs are (ADR 0017) on a real 2-node lab: a DHCP network on trunk0 VLAN 300; VM a
 * on n1 and VM b on n2 without static addresses get their IPAM addresses by DHCP from their own
 * node's dnsmasq (n1's hosts file lists only a's MAC), with the network's DNS and routes (option
 * 121) inside the guest, and reach each other; a PATCH of the network's routes reaches a's routing
 * table through its guest agent within seconds, without a reboot.
 */
@Tag("e2e")
@Timeout(600)
class DhcpLabTest {
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-dhcp-e2e");

  @Test
  void guestsLeaseTheirIpamAddressesFromTheirOwnNode() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab("vireo-lq", "vlabq0", "10.241.0", DIR)) {
      lab.up(2);
      VireoClient client = lab.client();
      String cluster = client.listClusters().items().get(0).id();
      client.waitForJob(client.updateCluster(cluster, new UpdateClusterRequest(null, 400)).jobId(),
          Duration.ofSeconds(30));
      lab.succeed(client.createNetwork(new CreateNetworkRequest("dyn", null, "trunk0", 300, "192.168.30.0/24",
          "192.168.30.1", "192.168.30.10", "192.168.30.99", null, null, null, null, List.of("192.168.30.53"), true,
          List.of(new NetworkRoute("10.99.0.0/16", "192.168.30.254"))), "net-dyn-" + lab.port()),
          Duration.ofSeconds(60));
      Map<String, String> nodeOf = lab.hostnames().entrySet().stream()
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

      String a = lab.createVmOn(nodeOf.get("n1"), dynVm(lab, "dhcp-a"));
      String b = lab.createVmOn(nodeOf.get("n2"), dynVm(lab, "dhcp-b"));
      Vm va = client.getVm(a);
      Vm vb = client.getVm(b);
      String aIp = va.nics().get(0).ipv4Address();
      String bIp = vb.nics().get(0).ipv4Address();
      // the agent keeps a network's dnsmasq files next to its token: <lab>/nodes/n1/dhcp/vd-<hash>/
      String hostsN1;
      try (var dirs = java.nio.file.Files.list(DIR.resolve("nodes/n1/dhcp"))) {
        List<Path> all = dirs.toList();
        assertEquals(1, all.size(), "one DHCP server on n1: " + all);
        hostsN1 = java.nio.file.Files.readString(all.get(0).resolve("hosts"));
      }
      assertEquals(va.nics().get(0).mac() + "," + aIp + ",dhcp-a\n", hostsN1, "n1's dnsmasq answers only a");
      for (String vm : List.of(a, b)) {
        lab.awaitGuestReady(vm, 1, Duration.ofSeconds(150));
      }
      String serialA = client.serialLog(a, 1 << 20).text();
      assertTrue(serialA.contains("GUEST-READY hostname=dhcp-a ip=" + aIp + " "), serialA);
      assertTrue(serialA.contains("GUEST-NET dns=192.168.30.53 routes=10.99.0.0/16>192.168.30.254"), serialA);
      String serialB = client.serialLog(b, 1 << 20).text();
      assertTrue(serialB.contains("GUEST-READY hostname=dhcp-b ip=" + bIp + " "), serialB);
      lab.awaitGuestAgent("n1", a);
      lab.awaitGuestAgent("n2", b);
      String routes = GuestExec.busybox(lab, "n1", a, 10, "ip", "route").stdout();
      assertTrue(routes.contains("10.99.0.0/16 via 192.168.30.254"), routes);
      assertTrue(routes.contains("default via 192.168.30.1"), routes);
      assertTrue(GuestExec.ping(lab, "n1", a, bIp, 3), "a (n1) reaches b (n2) on VLAN 300");

      // N3: new routes reach the running guest through its guest agent, without a reboot.
      lab.succeed(client.updateNetworkRoutes("dyn", List.of(new NetworkRoute("10.99.0.0/16", "192.168.30.254"),
          new NetworkRoute("10.77.0.0/16", "192.168.30.1"))), Duration.ofSeconds(60));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      String after = GuestExec.busybox(lab, "n1", a, 10, "ip", "route").stdout();
      while (!after.contains("10.77.0.0/16 via 192.168.30.1") && System.nanoTime() < deadline) {
        Thread.sleep(500);
        after = GuestExec.busybox(lab, "n1", a, 10, "ip", "route").stdout();
      }
      assertTrue(after.contains("10.77.0.0/16 via 192.168.30.1"), after);
      assertTrue(after.contains("10.99.0.0/16 via 192.168.30.254"), "the kept route stays: " + after);
      assertEquals(1, VireoLab.readyCount(client.serialLog(a, 1 << 20).text()), "no reboot");
      String conf;
      try (var dirs = java.nio.file.Files.list(DIR.resolve("nodes/n2/dhcp"))) {
        conf = java.nio.file.Files.readString(dirs.toList().get(0).resolve("dnsmasq.conf"));
      }
      assertTrue(conf.contains("10.77.0.0/16,192.168.30.1"), "option 121 on n2 follows: " + conf);
    }
  }

  /** A 1C1G test guest with one NIC on dyn and no address given (DHCP). */
  private static CreateVmRequest dynVm(MultiNodeLab lab, String name) throws Exception {
    String image = lab.client().getImage("vireo-test-guest").id();
    return new CreateVmRequest(name, null, image, "1C1G", null, 1, true, null, null,
        List.of(new VmNicRequest("dyn", null, null)), name, null, null);
  }
}
