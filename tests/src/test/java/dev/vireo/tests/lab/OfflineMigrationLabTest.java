package dev.vireo.tests.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImportImageRequest;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.MultiNodeLab;
import dev.vireo.tests.support.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Offline cross-cluster migration on a real three-node lab whose n3 joins a second cluster
 * (`VIREO_LAB_CLUSTERS=n3=c2 bin/vireo lab up 3`, its agent's `[agent] cluster = c2`): a BIOS and
 * a UEFI guest booted on n1/n2 are refused while running (409), stopped, migrated offline to c2
 * (disks and the UEFI NVRAM stay in the shared storage, unchanged; n1 and n2 no longer define
 * them), then started: the scheduler places them on n3, where they boot again (a second
 * GUEST-READY on their serial consoles, which live in the shared storage).
 */
@Tag("e2e")
@Timeout(300)
class OfflineMigrationLabTest {
  private static final String NAME = "vireo-lo";
  private static final String BRIDGE = "vlablo0";
  private static final String NET = "10.248.0";
  private static final Path DIR = Path.of("/var/tmp/vireo-lab-offline-e2e");

  @Test
  void stoppedGuestsMoveToTheSecondClusterAndBootOnItsNode() throws Exception {
    try (MultiNodeLab lab = new MultiNodeLab(NAME, BRIDGE, NET, DIR).env("VIREO_LAB_CLUSTERS", "n3=c2")) {
      lab.up(3);
      VireoClient client = lab.client();
      Map<String, String> hostOf = lab.hostnames();
      Cluster c2 = client.listClusters().items().stream().filter(c -> c.name().equals("c2")).findFirst().orElseThrow();
      Cluster first = client.listClusters().items().get(0);
      Map<String, String> clusterOf = client.listNodes().items().stream()
          .collect(Collectors.toMap(Node::hostname, Node::clusterId));
      assertEquals(Map.of("n1", first.id(), "n2", first.id(), "n3", c2.id()), clusterOf, "n3 joined c2");
      for (Cluster c : List.of(first, c2)) {
        lab.succeed(client.updateCluster(c.id(), new UpdateClusterRequest(null, 400)), Duration.ofSeconds(60));
      }

      // A BIOS guest and a UEFI guest (q35 + OVMF, with its own NVRAM, which must survive the move).
      String bios = client.getImage("vireo-test-guest").id();
      Accepted imported = client.importImage(new ImportImageRequest("vireo-test-guest-uefi", null,
          TestImage.path().toString(), ImageFormat.QCOW2, OsType.LINUX, BootMode.UEFI, ImageKind.CUSTOM), null);
      lab.succeed(imported, Duration.ofSeconds(120));
      List<String> vms = new ArrayList<>();
      for (String image : List.of(bios, imported.resourceId())) {
        Accepted created = client.createVm(new CreateVmRequest("cold-" + vms.size(), null, image, "1C1G", null, 1, true,
            null), null);
        lab.succeed(created, Duration.ofSeconds(150));
        vms.add(created.resourceId());
      }
      for (String vm : vms) {
        lab.awaitGuestReady(vm, 1, Duration.ofSeconds(180));
        String oldHost = hostOf.get(client.getVm(vm).nodeId());
        assertTrue(Set.of("n1", "n2").contains(oldHost), "placed in the first cluster: " + oldHost);
      }
      String uefi = vms.get(1);
      Path nvram = DIR.resolve("shared/vms/" + uefi + "/nvram.fd");
      assertTrue(Files.isRegularFile(nvram), "the UEFI guest has its NVRAM in the shared storage");

      ApiException running = assertThrows(ApiException.class, () -> client.migrateVmOffline(vms.get(0), c2.id()));
      assertEquals(409, running.status(), running.toString());
      assertTrue(running.getMessage().contains("STOPPED"), running.getMessage());

      List<Long> migrateMs = new ArrayList<>();
      for (String vm : vms) {
        lab.succeed(client.stopVm(vm, 60, true), Duration.ofSeconds(120));
      }
      byte[] nvramBefore = Files.readAllBytes(nvram);
      for (String vm : vms) {
        long t0 = System.nanoTime();
        lab.succeed(client.migrateVmOffline(vm, "c2"), Duration.ofSeconds(60));
        migrateMs.add((System.nanoTime() - t0) / 1_000_000);
        Vm moved = client.getVm(vm);
        assertEquals(c2.id(), moved.clusterId());
        assertNull(moved.nodeId(), "no node until its next start");
        assertEquals(VmState.STOPPED, moved.state());
        for (String host : List.of("n1", "n2")) {
          assertFalse(lab.domains(host).contains(vm), host + " no longer defines " + vm);
        }
        assertTrue(Files.isRegularFile(DIR.resolve("shared/vms/" + vm + "/system.qcow2")), "the disk stays");
      }
      assertArrayEquals(nvramBefore, Files.readAllBytes(nvram), "the NVRAM stays, unchanged (undefine kept it)");

      long t1 = System.nanoTime();
      for (String vm : vms) {
        lab.succeed(client.startVm(vm), Duration.ofSeconds(150));
        Vm started = client.getVm(vm);
        assertEquals("n3", hostOf.get(started.nodeId()), "placed in c2, whose only node is n3");
        assertEquals(VmState.RUNNING, started.state());
        assertEquals("running", lab.virsh("n3", "domstate", vm).strip());
      }
      assertTrue(lab.virsh("n3", "dumpxml", uefi).contains(nvram.toString()), "n3 boots the UEFI guest from its NVRAM");
      for (String vm : vms) {
        lab.awaitGuestReady(vm, 2, Duration.ofSeconds(180));
      }
      long bootMs = (System.nanoTime() - t1) / 1_000_000;
      for (String host : List.of("n1", "n2")) {
        assertTrue(lab.domains(host).stream().noneMatch(vms::contains), host + " still defines none of " + vms);
      }
      System.out.printf("offline migration: jobs %s ms (BIOS, UEFI); both started on n3, second GUEST-READY of both"
          + " after %d ms%n", migrateMs, bootMs);
    }
  }
}
