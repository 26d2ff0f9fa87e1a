package dev.vireo.server.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.HostPciDevice;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0027: the node GPU inventory and all-or-none assignment, never one GPU to two VMs. */
class GpuStoreTest {
  static final HostPciDevice A = new HostPciDevice("0000:b1:00.0", "10de", "2204", "030000", "nvidia", 40,
      List.of("0000:b1:00.1"));
  static final HostPciDevice B = new HostPciDevice("0000:b2:00.0", "10de", "2204", "030000", "nvidia", 41,
      List.of("0000:b2:00.1"));
  static final HostPciDevice NO_IOMMU = new HostPciDevice("0000:65:00.0", "10de", "20b5", "030200", "vfio-pci");
  @TempDir
  Path dir;
  Database db;
  GpuStore gpus;

  @BeforeEach
  void open() {
    db = new Database(dir);
    gpus = new GpuStore(db.jdbi());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void recordsOnlyPassthroughCapableGpus() {
    gpus.recordInventory("node-1", List.of(A, B, NO_IOMMU));
    assertEquals(List.of("0000:b1:00.0", "0000:b2:00.0"), gpus.ofNode("node-1").stream()
        .map(GpuStore.NodeGpu::address).toList());
    assertEquals(List.of("0000:b1:00.1"), gpus.ofNode("node-1").get(0).groupFunctions());
    assertArrayEquals(new int[] {2, 2}, gpus.countsByNode().get("node-1"));
  }

  @Test
  void assignsAllOrNoneAndNeverTheSameGpuTwice() {
    gpus.recordInventory("node-1", List.of(A, B));
    assertEquals(1, gpus.assign("vm-1", "node-1", 1).size());
    assertTrue(gpus.assign("vm-2", "node-1", 2).isEmpty(), "only one is free: none taken");
    assertArrayEquals(new int[] {2, 1}, gpus.countsByNode().get("node-1"));
    assertEquals(1, gpus.assign("vm-2", "node-1", 1).size());
    assertTrue(!gpus.ofVm("vm-1").get(0).address().equals(gpus.ofVm("vm-2").get(0).address()));
    assertEquals(1, gpus.assign("vm-1", "node-1", 1).size(), "what it holds counts: idempotent");
    gpus.release("vm-1");
    assertArrayEquals(new int[] {2, 1}, gpus.countsByNode().get("node-1"));
  }

  @Test
  void aVanishedGpuGoesUnlessAssigned() {
    gpus.recordInventory("node-1", List.of(A, B));
    gpus.assign("vm-1", "node-1", 1);
    gpus.recordInventory("node-1", List.of());
    assertEquals(1, gpus.ofNode("node-1").size());
    assertEquals("vm-1", gpus.ofNode("node-1").get(0).vmId());
  }
}
