package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.BlockDevice;
import dev.vireo.api.model.NetworkDevice;
import dev.vireo.api.model.NodeDevices;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /nodes/{id}/devices} through the real agent on this machine: what it reports is what
 * {@code ip -o link} and {@code lsblk} see here. Other labs on a shared host create and remove
 * veths meanwhile, so each tool runs before and after the request: what both runs saw must be
 * reported, and nothing may be reported that neither saw.
 */
@Tag("e2e")
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeDevicesE2eTest {
  private static VireoLab lab;
  private static String nodeId;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("devices");
    nodeId = lab.node().orElseThrow().id();
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void reportsTheInterfacesIpLinkShowsButLoopbackWithTheirMacs() {
    Map<String, String> before = ipLinks();
    NodeDevices devices = lab.client().getNodeDevices(nodeId);
    Map<String, String> after = ipLinks();

    Map<String, NetworkDevice> reported = devices.networkDevices().stream()
        .collect(Collectors.toMap(NetworkDevice::name, n -> n, (a, b) -> a, TreeMap::new));
    System.out.printf("agent reports %d interfaces %s; ip -o link showed %s%n", reported.size(), reported.keySet(),
        before.keySet());
    assertFalse(reported.containsKey("lo"), "loopback is left out");
    Set<String> stable = new TreeSet<>(before.keySet());
    stable.retainAll(after.keySet());
    stable.remove("lo");
    assertFalse(stable.isEmpty(), "this host has interfaces besides lo");
    assertTrue(reported.keySet().containsAll(stable), "ip -o link shows " + stable + ", the agent " + reported.keySet());
    Set<String> seen = new HashSet<>(before.keySet());
    seen.addAll(after.keySet());
    assertTrue(seen.containsAll(reported.keySet()), "the agent reports " + reported.keySet() + ", ip saw " + seen);
    for (String name : stable) {
      NetworkDevice n = reported.get(name);
      if (before.get(name) != null) {
        assertEquals(before.get(name), n.mac(), name + " MAC");
      }
      assertEquals(Files.exists(Path.of("/sys/devices/virtual/net", name)), n.virtual(), name + " virtual");
      assertTrue(n.state().equals("up") || n.state().equals("down"), name + " state " + n.state());
    }
  }

  @Test
  @Order(2)
  void reportsTheDisksLsblkListsWithTheirSizes() {
    Map<String, Long> before = lsblkDisks();
    NodeDevices devices = lab.client().getNodeDevices(nodeId);
    Map<String, Long> after = lsblkDisks();

    Map<String, Long> reported = devices.blockDevices().stream().filter(b -> b.type().equals("disk"))
        .collect(Collectors.toMap(BlockDevice::name, BlockDevice::sizeBytes, (a, b) -> a, TreeMap::new));
    System.out.printf("agent reports disks %s; lsblk listed %s%n", reported, before);
    Set<String> stable = new TreeSet<>(before.keySet());
    stable.retainAll(after.keySet());
    assertFalse(stable.isEmpty(), "lsblk lists a disk on this host");
    Set<String> seen = new TreeSet<>(before.keySet());
    seen.addAll(after.keySet());
    assertTrue(reported.keySet().containsAll(stable), "lsblk lists " + stable + ", the agent " + reported.keySet());
    assertTrue(seen.containsAll(reported.keySet()), "the agent reports " + reported.keySet() + ", lsblk " + seen);
    for (String name : stable) {
      assertEquals(before.get(name), reported.get(name), name + " size in bytes");
    }
  }

  @Test
  @Order(3)
  void aNodeWhoseAgentIsDeadIs503NotAStaleList() {
    assertEquals(137, lab.killAgent(), "agent exit status after SIGKILL");
    // the server still has the node CONNECTED until its heartbeat timeout; the call finds the agent gone
    ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
        () -> lab.client().getNodeDevices(nodeId));
    assertEquals(503, e.status(), e.getMessage());
    assertTrue(e.getMessage().contains(nodeId), e.getMessage());
  }

  /** Interface name to Ethernet MAC (null for other link types), from {@code ip -o link} ({@code veth0@if12} is {@code veth0}). */
  private static Map<String, String> ipLinks() {
    Map<String, String> links = new TreeMap<>();
    for (String line : Commands.check(List.of("ip", "-o", "link"), 10).split("\n")) {
      String[] f = line.split(":", 3);
      if (f.length < 3) {
        continue;
      }
      String name = f[1].strip().replaceAll("@.*$", "");
      List<String> words = Arrays.asList(line.replace("\\", " ").split("\\s+"));
      int i = words.indexOf("link/ether"); // other link types write their address differently in sysfs
      links.put(name, i >= 0 && i + 1 < words.size() ? words.get(i + 1) : null);
    }
    return links;
  }

  /** Disk name to size in bytes, from {@code lsblk -dn -b -o NAME,SIZE}. */
  private static Map<String, Long> lsblkDisks() {
    Map<String, Long> disks = new TreeMap<>();
    for (String line : Commands.check(List.of("lsblk", "-dn", "-b", "-o", "NAME,SIZE"), 10).split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2) {
        disks.put(f[0], Long.parseLong(f[1]));
      }
    }
    return disks;
  }
}
