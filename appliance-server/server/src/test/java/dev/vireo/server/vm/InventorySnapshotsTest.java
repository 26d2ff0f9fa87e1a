package dev.vireo.server.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.scheduler.ClusterSnapshot;
import dev.vireo.server.scheduler.NodeCandidate;
import dev.vireo.server.scheduler.PlacementReservations;
import dev.vireo.server.scheduler.Scheduler;
import dev.vireo.server.store.Database;
import dev.vireo.server.testing.Inventory;
import dev.vireo.api.model.GroupKind;
import dev.vireo.api.model.GroupRelation;
import dev.vireo.api.model.GroupStrictness;
import dev.vireo.api.model.IsolationGroup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot the create job places from, and the create job's placement step (no agent needed). */
class InventorySnapshotsTest {
  @TempDir
  Path dir;
  Database db;
  Inventory inventory;
  ClusterStore clusters;
  InventorySnapshots snapshots;
  dev.vireo.server.group.GroupStore groups;
  PlacementReservations reservations;
  CreateVmJob job;
  String node;

  @BeforeEach
  void open() {
    db = new Database(dir);
    inventory = new Inventory(db.jdbi());
    clusters = new ClusterStore(db.jdbi());
    groups = new dev.vireo.server.group.GroupStore(db.jdbi());
    snapshots = new InventorySnapshots(inventory.nodes(), inventory.vms(), clusters, groups);
    reservations = new PlacementReservations(Scheduler.standard());
    job = new CreateVmJob(inventory.vms(), new ImageStore(db.jdbi()),
        new VmPlacer(inventory.vms(), clusters, groups, snapshots, reservations), null, new EventBus(db.jdbi()),
        new dev.vireo.server.network.Ipam(db.jdbi(), new dev.vireo.server.network.NetworkStore(db.jdbi())));
    node = inventory.node("http://node-1:7070"); // 8 CPUs, 16 GiB, default cluster at 100 %
  }

  @AfterEach
  void close() {
    db.close();
  }

  private VmRecord vm(String id) {
    return inventory.vms().get(id).orElseThrow();
  }

  private void place(String vmId) throws Exception {
    job.steps().get(0).run(new CreateVmJob.Context(vmId, false));
  }

  @Test
  void holdsTheNodesFactsTheClustersOvercommitAndTheLiveVmsOnIt() {
    String a = inventory.vm(node, VmState.RUNNING);
    inventory.vm(node, VmState.STOPPED);
    String deleted = inventory.vm(node, VmState.DELETED);
    inventory.vm(null, VmState.CREATING);
    ClusterSnapshot s = snapshots.forCluster(inventory.clusterId());
    NodeCandidate n = s.node(node);
    assertEquals(NodeState.CONNECTED, n.state());
    assertEquals(inventory.clusterId(), n.clusterId());
    assertEquals("x86_64", n.arch());
    assertEquals(8, n.cpus());
    assertEquals(16L << 30, n.memoryBytes());
    assertEquals(100, n.cpuOvercommitPercent());
    assertEquals(2, n.vmCount());
    assertTrue(n.vms().stream().noneMatch(v -> v.id().equals(deleted)));
    VmRecord r = vm(a);
    assertEquals(2 * r.vm().cpu(), n.allocatedCpus());
    assertEquals(2L * r.vm().memoryGiB() << 30, n.allocatedMemoryBytes());
  }

  @Test
  void placesTheVmAndReleasesItsReservation() throws Exception {
    String v = inventory.vm(null, VmState.CREATING);
    place(v);
    assertEquals(node, vm(v).nodeId());
    assertTrue(reservations.inFlight().isEmpty());
  }

  @Test
  void failsTheJobWithTheSchedulersReasonWhenNoNodeFits() throws Exception {
    int cpu = vm(inventory.vm(node, VmState.RUNNING)).vm().cpu();
    while (snapshots.forCluster(inventory.clusterId()).node(node).allocatedCpus() + cpu <= 8) {
      inventory.vm(node, VmState.RUNNING);
    }
    String v = inventory.vm(null, VmState.CREATING);
    JobFailedException e = assertThrows(JobFailedException.class, () -> place(v));
    assertEquals("cannot place the VM: no eligible node has " + cpu + " free vCPU (CPU overcommit counted)",
        e.getMessage());
    assertEquals(null, vm(v).nodeId());
    assertTrue(reservations.inFlight().isEmpty());
  }

  private String group(String name, GroupKind kind, GroupRelation relation, GroupStrictness strictness,
      List<String> nodeIds) {
    String id = "group-" + name;
    db.jdbi().useTransaction(h -> groups.insert(h, new IsolationGroup(id, name, kind, relation, strictness, nodeIds,
        List.of(), Instant.now())));
    return id;
  }

  private void join(String groupId, String vmId) {
    db.jdbi().useHandle(h -> groups.addVm(h, groupId, vmId));
  }

  @Test
  void loadsEachLiveVmsVmGroupsByNameButNotItsNodeGroups() {
    String web = group("web", GroupKind.VM, GroupRelation.ANTI_AFFINITY, GroupStrictness.HARD, List.of());
    String pin = group("pin", GroupKind.NODE, GroupRelation.AFFINITY, GroupStrictness.HARD, List.of(node));
    String a = inventory.vm(node, VmState.RUNNING);
    String gone = inventory.vm(node, VmState.DELETED);
    join(web, a);
    join(pin, a);
    join(web, gone);
    NodeCandidate n = snapshots.forCluster(inventory.clusterId()).node(node);
    assertEquals(java.util.Set.of("web"), n.vms().stream().filter(v -> v.id().equals(a)).findFirst().orElseThrow()
        .groups());
    assertEquals(List.of(a), groups.get(web).orElseThrow().vmIds(), "a deleted VM is no longer a member");
    assertEquals(List.of(node), groups.get(pin).orElseThrow().nodeIds());
  }

  @Test
  void theCreateJobAppliesTheVmsGroupsAndNamesTheHardRuleItCannotMeet() throws Exception {
    String web = group("web", GroupKind.VM, GroupRelation.ANTI_AFFINITY, GroupStrictness.HARD, List.of());
    String first = inventory.vm(null, VmState.CREATING);
    join(web, first);
    place(first);
    assertEquals(node, vm(first).nodeId());
    String second = inventory.vm(null, VmState.CREATING);
    join(web, second);
    JobFailedException e = assertThrows(JobFailedException.class, () -> place(second));
    assertEquals("cannot place the VM: hard anti-affinity group 'web' already has a VM on every eligible node",
        e.getMessage());

    String soft = group("soft", GroupKind.VM, GroupRelation.ANTI_AFFINITY, GroupStrictness.SOFT, List.of());
    String third = inventory.vm(null, VmState.CREATING);
    join(soft, third);
    String fourth = inventory.vm(null, VmState.CREATING);
    join(soft, fourth);
    place(third);
    place(fourth);
    assertEquals(node, vm(fourth).nodeId(), "a soft rule that cannot be met is ignored");

    String away = group("away", GroupKind.NODE, GroupRelation.ANTI_AFFINITY, GroupStrictness.HARD, List.of(node));
    String fifth = inventory.vm(null, VmState.CREATING);
    join(away, fifth);
    e = assertThrows(JobFailedException.class, () -> place(fifth));
    assertTrue(e.getMessage().contains("'away'"), e.getMessage());
  }
}
