package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.Node;
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
 * A data disk hot-plugged into a running guest on a real two-node lab goes along when the VM
 * migrates live (ADR 0021): the destination's domain has it, live and persistent; the guest still
 * reads the marker written before the move; the disk then grows online on the new node (the
 * resize reaches the node the VM is on) and detaches there. Own lab name, bridge, subnet and
 * directory; torn down in any case.
 */
@Tag("e2e")
@Timeout(420)
class DiskLiveMigrationLabTest {
  private static final String NAME = "vireo-ldk";
  private static final String BRIDGE = "vlabdk0";
  private static final String NET = "10.239.0";
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-disk-e2e");
  private static final Duration JOB = Duration.ofSeconds(120);

  @Test
  void anAttachedDiskMovesWithARunningVmAndGrowsOnItsNewNode() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab(NAME, BRIDGE, NET, DIR)) {
      lab.up(2);
      VireoClient client = lab.client();
      List<Node> nodes = client.listNodes().items();
      assertEquals(2, nodes.size(), "nodes: " + nodes);
      Map<String, String> hostOf = lab.hostnames();
      String imageId = client.getImage("vireo-test-guest").id();
      Accepted created = client.createVm(new CreateVmRequest("disk-mig", null, imageId, "1C1G", null, 1, true, null),
          "disk-mig-" + lab.port());
      String vm = created.resourceId();
      lab.succeed(created, JOB);
      lab.awaitGuestReady(vm, 1, Duration.ofSeconds(150));
      String source = client.getVm(vm).nodeId();
      String destination = nodes.stream().map(Node::id).filter(id -> !id.equals(source)).findFirst().orElseThrow();
      lab.awaitGuestAgent(hostOf.get(source), vm);

      Accepted disk = client.createDisk(new CreateDiskRequest("mig-data", null, 10, null), "disk-mig-d-" + lab.port());
      lab.succeed(disk, JOB);
      String diskId = disk.resourceId();
      lab.succeed(client.attachDisk(vm, diskId), JOB);
      String dev = awaitDevice(lab, hostOf.get(source), vm, diskId);
      String marker = "VIREO-MIGRATED-DISK-" + diskId;
      sh(lab, hostOf.get(source), vm, "echo " + marker + " > /tmp/m && dd if=/tmp/m of=" + node(dev)
          + " bs=512 count=1 conv=sync && sync");

      lab.succeed(client.migrateVm(vm, destination), JOB);
      String dst = hostOf.get(destination);
      assertEquals(destination, client.getVm(vm).nodeId());
      String volume = client.getStorageCluster("default").path() + "/disks/" + diskId + ".qcow2";
      assertTrue(lab.virsh(dst, "dumpxml", vm).contains(volume), "the running domain on " + dst + " has the disk");
      assertTrue(lab.virsh(dst, "dumpxml", "--inactive", vm).contains(volume), "and its persistent definition");
      assertTrue(readMarker(lab, dst, vm, dev).contains(marker), "the guest reads the marker after the move");

      lab.succeed(client.resizeDisk(diskId, 11), JOB);
      long want = (11L << 30) / 512;
      if (VireoLab.millisUntil(Duration.ofSeconds(30), () -> sectors(lab, dst, vm, dev) == want) < 0) {
        throw new AssertionError("the guest on " + dst + " does not see 11 GiB: " + sectors(lab, dst, vm, dev));
      }
      lab.succeed(client.detachDisk(vm, diskId), JOB);
      assertEquals(DiskState.AVAILABLE, client.getDisk(diskId).state());
      assertTrue(!lab.virsh(dst, "dumpxml", "--inactive", vm).contains(volume), "detached on the new node");
    }
  }

  private static String awaitDevice(MultiNodeLab lab, String host, String vm, String diskId) throws Exception {
    String[] found = new String[1];
    long ms = VireoLab.millisUntil(Duration.ofSeconds(60), () -> {
      try {
        String out = sh(lab, host, vm, "for d in /sys/block/vd*; do [ \"$(cat $d/serial 2>/dev/null)\" = \""
            + diskId + "\" ] && basename $d; done; true").strip();
        found[0] = out.isEmpty() ? null : out;
      } catch (Exception | AssertionError e) {
        found[0] = null;
      }
      return found[0] != null;
    });
    if (ms < 0) {
      throw new AssertionError("no block device with serial " + diskId + " in " + vm);
    }
    return found[0];
  }

  private static long sectors(MultiNodeLab lab, String host, String vm, String dev) {
    try {
      return Long.parseLong(sh(lab, host, vm, "cat /sys/block/" + dev + "/size").strip());
    } catch (Exception | AssertionError e) {
      return -1;
    }
  }

  /** A device node made from /sys (no reliance on mdev). */
  private static String node(String dev) {
    return "$(n=/tmp/blk-" + dev + "; [ -b $n ] || { mm=$(cat /sys/block/" + dev + "/dev); mknod $n b ${mm%%:*} ${mm##*:}; };"
        + " echo $n)";
  }

  private static String readMarker(MultiNodeLab lab, String host, String vm, String dev) throws Exception {
    return sh(lab, host, vm, "rm -f /tmp/blk-" + dev + "; dd if=" + node(dev) + " bs=512 count=1 2>/dev/null | head -c 100");
  }

  private static String sh(MultiNodeLab lab, String host, String vm, String script) throws Exception {
    GuestExec.Result r = GuestExec.busybox(lab, host, vm, 60, "sh", "-c", script);
    if (r.exitCode() != 0) {
      throw new AssertionError("'" + script + "' in " + vm + " exited " + r.exitCode() + ": " + r.stdout() + r.stderr());
    }
    return r.stdout();
  }
}
