package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.MultiNodeLab;
import dev.vireo.tests.support.VireoLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `bin/vireo lab up 3` on this machine (ADR 0008): three nodes in namespaces register with the
 * lab's own server, three VMs of the real test guest land on three different nodes and boot, the
 * storage is one directory at the same path on every node, a fourth node joins (`lab up 4`)
 * without disturbing the running VMs, and `lab down` leaves nothing behind.
 * The lab runs with its own directory, namespace prefix, bridge, subnet and port, so a
 * developer's lab (or anyone else's VMs) on this machine is never touched.
 */
@Tag("e2e")
@Timeout(360)
class ThreeNodeLabTest {
  private static final String NAME = "vireo-lt";
  private static final String BRIDGE = "vlabt0";
  private static final String NET = "10.252.0";
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-e2e");
  private static final Path SHARED = DIR.resolve("shared");

  @Test
  void threeNodesThreeVmsThenNothingLeft() throws Exception {
    MultiNodeLab lab = new MultiNodeLab(NAME, BRIDGE, NET, DIR); // the test image is ready before the clock starts
    lab.lab(60, "down"); // a run killed earlier may have left its lab (same names: only ever ours)
    int port = lab.port();
    boolean down = false;
    Set<Long> pids = new HashSet<>();
    List<String> vmIds = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      lab.lab(240, "up", "3");
      long upMs = ms(t0);

      VireoClient client = lab.client();
      List<Node> nodes = client.listNodes().items();
      assertEquals(3, nodes.size(), "nodes: " + nodes);
      assertTrue(nodes.stream().allMatch(n -> n.state() == NodeState.CONNECTED), "all CONNECTED: " + nodes);
      assertEquals(Set.of("n1", "n2", "n3"), nodes.stream().map(Node::hostname).collect(Collectors.toSet()),
          "each node has its own UTS namespace");
      assertEquals(Set.of("http://" + NET + ".11:7070", "http://" + NET + ".12:7070", "http://" + NET + ".13:7070"),
          nodes.stream().map(Node::agentUrl).collect(Collectors.toSet()), "agents on their management addresses");

      String imageId = client.getImage("vireo-test-guest").id();
      Map<String, String> nodeOf = new HashMap<>();
      long t1 = System.nanoTime();
      for (int i = 1; i <= 3; i++) { // one at a time: placement is "fewest VMs", without reservations yet
        Accepted a = client.createVm(new CreateVmRequest("lab-vm-" + i, null, imageId, "1C1G", null, 1, true, null),
            "lab-create-" + i + "-" + port);
        vmIds.add(a.resourceId());
        Job job = client.waitForJob(a.jobId(), Duration.ofSeconds(120));
        assertEquals(JobState.SUCCEEDED, job.state(), "create " + i + ": " + job.error());
        nodeOf.put(a.resourceId(), client.getVm(a.resourceId()).nodeId());
      }
      long createMs = ms(t1);
      assertEquals(3, new HashSet<>(nodeOf.values()).size(), "three VMs on three different nodes: " + nodeOf);
      for (String id : vmIds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (VireoLab.readyCount(client.serialLog(id, 1 << 20).text()) < 1) {
          assertTrue(System.nanoTime() < deadline, id + " printed no " + VireoLab.GUEST_READY + ":\n"
              + client.serialLog(id, 4096).text());
          Thread.sleep(500);
        }
      }
      long readyMs = ms(t1);

      // One storage directory, the same path (and the same inode) on every node; the disks are in it.
      String rootInode = sh("stat", "-c", "%d:%i", SHARED.toString()).strip();
      for (int i = 1; i <= 3; i++) {
        String holder = Files.readString(DIR.resolve("nodes/n" + i + "/holder.pid")).strip();
        assertEquals(rootInode, sh("nsenter", "-t", holder, "-m", "stat", "-c", "%d:%i", SHARED.toString()).strip());
        assertEquals(SHARED.toString(), sh("nsenter", "-t", holder, "-m", "findmnt", "-n", "-o", "TARGET",
            SHARED.toString()).strip(), "the shared directory is mounted on n" + i);
        assertEquals("n" + i, sh("nsenter", "-t", holder, "-u", "hostname").strip());
        String ovs = sh("nsenter", "-t", holder, "-m", "-n", "ovs-vsctl", "show");
        assertTrue(ovs.contains("br-lab") && ovs.contains("trunk0") && ovs.contains("netdev"), ovs);
      }
      String sw = sh("nsenter", "-t", Files.readString(DIR.resolve("nodes/sw/holder.pid")).strip(), "-m", "-n",
          "ovs-vsctl", "show");
      assertTrue(sw.contains("trunk-n1") && sw.contains("trunk-n2") && sw.contains("trunk-n3"), sw);
      // The trunks carry VLANs: n1 and n2 on VLAN 100 reach each other through the switch, n3 on
      // VLAN 200 (same subnet) is isolated. Addresses exist only inside the lab's namespaces.
      for (int i = 1; i <= 3; i++) {
        String holder = Files.readString(DIR.resolve("nodes/n" + i + "/holder.pid")).strip();
        sh("nsenter", "-t", holder, "-m", "-n", "ovs-vsctl", "add-port", "br-lab", "vt", "--", "set", "interface", "vt",
            "type=internal", "--", "set", "port", "vt", "tag=" + (i == 3 ? 200 : 100));
        sh("nsenter", "-t", holder, "-n", "ip", "addr", "add", "192.168.77." + i + "/24", "dev", "vt");
        sh("nsenter", "-t", holder, "-n", "ip", "link", "set", "vt", "up");
      }
      String n1 = Files.readString(DIR.resolve("nodes/n1/holder.pid")).strip();
      assertEquals(0, Commands.run(List.of("nsenter", "-t", n1, "-n", "busybox", "ping", "-c", "3", "-w", "10",
          "192.168.77.2"), 20).exitCode(), "VLAN 100 from n1 to n2 through the switch");
      assertEquals(1, Commands.run(List.of("nsenter", "-t", n1, "-n", "busybox", "ping", "-c", "2", "-w", "3",
          "192.168.77.3"), 20).exitCode(), "VLAN 200 on n3 is isolated from VLAN 100");
      String status = lab.lab(60, "status").output();
      for (int i = 1; i <= 3; i++) {
        assertTrue(status.contains("n" + i + "   " + NET + ".1" + i), status);
      }
      assertFalse(status.contains("=DOWN"), status);

      for (String id : vmIds) {
        assertTrue(Files.isRegularFile(SHARED.resolve("vms").resolve(id).resolve("system.qcow2")), id + " disk");
      }

      // A second start of a running VM's disk on another node is refused (QEMU's image lock; the
      // virtlockd lease on the shared lockspace is taken when the domain resumes).
      Map<String, String> hostOf = nodes.stream().collect(Collectors.toMap(Node::id, Node::hostname));
      String first = vmIds.get(0);
      String home = hostOf.get(nodeOf.get(first));
      String other = home.equals("n1") ? "n2" : "n1";
      String homePid = Files.readString(DIR.resolve("nodes/" + home + "/holder.pid")).strip();
      String otherPid = Files.readString(DIR.resolve("nodes/" + other + "/holder.pid")).strip();
      Path xml = DIR.resolve("twin.xml");
      Files.writeString(xml, sh("nsenter", "-t", homePid, "-m", "-n", "virsh", "-c", "qemu:///system", "dumpxml", first));
      sh("nsenter", "-t", otherPid, "-m", "-n", "virsh", "-c", "qemu:///system", "define", xml.toString());
      Commands.Result twin = Commands.run(List.of("nsenter", "-t", otherPid, "-m", "-n", "virsh", "-c",
          "qemu:///system", "start", first), 60);
      sh("nsenter", "-t", otherPid, "-m", "-n", "virsh", "-c", "qemu:///system", "undefine", first);
      assertTrue(twin.exitCode() != 0 && twin.output().contains("lock"), "second start on " + other + ": " + twin);
      assertTrue(Files.list(SHARED.resolve("lockspace")).findAny().isPresent(), "leases in the shared lockspace");

      // A node joins a running cluster without disturbing it: the same QEMU processes run the VMs.
      List<String> qemuBefore = qemuOf(vmIds);
      assertEquals(3, qemuBefore.size(), "one QEMU per VM: " + qemuBefore);
      lab.lab(240, "up", "4");
      List<Node> four = client.listNodes().items();
      assertEquals(4, four.size(), "nodes: " + four);
      assertTrue(four.stream().allMatch(n -> n.state() == NodeState.CONNECTED), "all CONNECTED: " + four);
      assertEquals(qemuBefore, qemuOf(vmIds), "the running VMs were not touched by the join");
      for (String id : vmIds) {
        assertEquals(dev.vireo.api.model.VmState.RUNNING, client.getVm(id).state());
      }

      // Every process of the lab, to prove `down` ends them all.
      for (String ns : labNamespaces()) {
        sh("ip", "netns", "pids", ns).lines().map(String::strip).filter(s -> !s.isEmpty())
            .forEach(p -> pids.add(Long.parseLong(p)));
      }
      pids.add(Long.parseLong(Files.readString(DIR.resolve("run/server.pid")).strip()));
      assertTrue(pids.size() >= 3 * 7 + 1, "processes of the lab: " + pids);

      long t2 = System.nanoTime();
      lab.lab(120, "down");
      down = true;
      long downMs = ms(t2);
      assertEquals(List.of(), labNamespaces(), "namespaces left");
      List<String> links = sh("ip", "-o", "link", "show").lines().map(l -> l.split(": ")[1].split("@")[0])
          .filter(l -> l.startsWith(BRIDGE)).toList();
      assertEquals(List.of(), links, "links left");
      assertEquals(List.of(), pids.stream().filter(ThreeNodeLabTest::running).toList(), "processes left");
      assertEquals(List.of(), qemuOf(vmIds), "QEMU processes of the lab's VMs left");
      assertFalse(Files.exists(DIR), DIR + " left");
      System.out.printf("lab: up %d ms, 3 VMs created %d ms, all GUEST-READY %d ms after the first create, down %d ms%n",
          upMs, createMs, readyMs, downMs);
    } finally {
      if (!down) {
        lab.close();
      }
    }
  }

  /** True while the process runs; an ended one its reaper has not collected yet (zombie) is not running. */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> labNamespaces() {
    return sh("ip", "netns", "list").lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith(NAME + "-")).toList();
  }

  private static List<String> qemuOf(List<String> vmIds) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          vmIds.stream().filter(cmd::contains).forEach(id -> found.add(p.getFileName() + " " + id));
        } catch (IOException e) {
          // exited meanwhile
        }
      }
    }
    return found;
  }

  private static String sh(String... command) {
    return Commands.check(List.of(command), 30);
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
