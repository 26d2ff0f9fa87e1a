package dev.vireo.client.dashboard;

import dev.vireo.client.app.MutableClock;

import static dev.vireo.client.dashboard.FakeDashboardSource.cluster;
import static dev.vireo.client.dashboard.FakeDashboardSource.metric;
import static dev.vireo.client.dashboard.FakeDashboardSource.node;
import static dev.vireo.client.dashboard.FakeDashboardSource.storage;
import static dev.vireo.client.dashboard.FakeDashboardSource.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ServerUnreachableException;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.VmState;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.UiExecutor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The overview's figures from a fake server, without the FX toolkit. */
class OverviewViewModelTest {
  private static final long GIB = 1L << 30;
  private final FakeDashboardSource source = new FakeDashboardSource();
  private Background io;
  private OverviewViewModel model;

  @BeforeEach
  void setUp() {
    io = new Background(UiExecutor.direct(), 2);
    model = new OverviewViewModel(source, io, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    source.clusters.add(cluster("cluster-1", 200));
    source.nodes.add(node("n1", "cluster-1", NodeState.CONNECTED, 8, 32 * GIB));
    source.nodes.add(node("n2", "cluster-1", NodeState.CONNECTED, 4, 16 * GIB));
    source.nodes.add(node("n3", "cluster-1", NodeState.DOWN, 4, 16 * GIB));
    source.storage.add(storage("s1", 1000 * GIB, 120 * GIB));
    source.storage.add(storage("s2", null, 5 * GIB)); // never measured
  }

  @AfterEach
  void tearDown() {
    io.close();
  }

  private void refresh() throws Exception {
    model.refresh().get(10, TimeUnit.SECONDS);
  }

  @Test
  void topFiveIsTheHighestFiveHighestFirstWithNames() throws Exception {
    double[] cpu = {5, 90, 42, 17, 99.5, 60, 1};
    for (int i = 0; i < cpu.length; i++) {
      source.vms.add(vm("vm-" + i, "n1", VmState.RUNNING, 1, 1));
      source.latest.add(metric("vm", "vm-" + i, MetricName.CPU, cpu[i]));
    }
    source.latest.add(metric("vm", "vm-nan", MetricName.CPU, Double.NaN));
    source.latest.add(metric("node", "n2", MetricName.CPU, 30));
    source.latest.add(metric("node", "n1", MetricName.CPU, 70));
    source.latest.add(metric("node", "n3", MetricName.MEMORY_USED, 70)); // another metric
    source.latest.add(metric("cluster", "cluster-1", MetricName.CPU, 50)); // not a node
    refresh();
    List<TopEntry> vms = model.topVmsByCpu();
    assertEquals(List.of("vm-4", "vm-1", "vm-5", "vm-2", "vm-3"), vms.stream().map(TopEntry::id).toList());
    assertEquals("name-vm-4", vms.get(0).name());
    assertEquals(99.5, vms.get(0).value());
    assertEquals(List.of(new TopEntry("n1", "host-n1", 70), new TopEntry("n2", "host-n2", 30)),
        model.topNodesByCpu(), "fewer than five: as many as reported");
    assertTrue(model.figures().metricsAvailableProperty().get());
  }

  @Test
  void allocationSumsPlacedVmsAgainstCapacityWithOvercommit() throws Exception {
    source.vms.add(vm("a", "n1", VmState.RUNNING, 4, 8));
    source.vms.add(vm("b", "n2", VmState.STOPPED, 2, 4)); // placed: still holds its share
    source.vms.add(vm("c", null, VmState.CREATING, 16, 64)); // not placed yet
    source.vms.add(vm("d", "n1", VmState.DELETED, 16, 64));
    refresh();
    List<Allocation> a = model.figures().allocations();
    assertEquals(new Allocation(Allocation.CPU, 6, (8 + 4 + 4) * 2.0), a.get(0));
    assertEquals(new Allocation(Allocation.MEMORY, 12.0 * GIB, 64.0 * GIB), a.get(1));
    assertEquals(new Allocation(Allocation.STORAGE, 125.0 * GIB, 1000.0 * GIB), a.get(2));
    assertEquals(0.1875, a.get(0).fraction());
  }

  @Test
  void totalsCountByStateInTheStatesOrder() throws Exception {
    source.vms.add(vm("a", "n1", VmState.STOPPED, 1, 1));
    source.vms.add(vm("b", "n1", VmState.RUNNING, 1, 1));
    source.vms.add(vm("c", "n1", VmState.RUNNING, 1, 1));
    refresh();
    ResourceTotals t = model.figures().totalsProperty().get();
    assertEquals(3, t.vms());
    assertEquals(List.of(new StateCount("RUNNING", 2), new StateCount("STOPPED", 1)), t.vmsByState());
    assertEquals(List.of(new StateCount("CONNECTED", 2), new StateCount("DOWN", 1)), t.nodesByState());
    assertEquals(3, t.nodes());
    assertEquals(3, t.images());
    assertEquals(2, t.networks());
    assertEquals(4, t.disks());
    assertNotNull(model.figures().updatedAtProperty().get());
  }

  @Test
  void withoutMetricsTheRestIsStillShown() throws Exception {
    source.vms.add(vm("a", "n1", VmState.RUNNING, 1, 1));
    source.latestFailure = new IllegalStateException("403 forbidden");
    refresh();
    assertFalse(model.figures().metricsAvailableProperty().get());
    assertTrue(model.topVmsByCpu().isEmpty());
    assertEquals(1, model.figures().totalsProperty().get().vms());
    assertEquals("", model.figures().problemProperty().get());
  }

  @Test
  void aFailedRefreshKeepsTheLastFiguresAndSaysWhy() throws Exception {
    source.vms.add(vm("a", "n1", VmState.RUNNING, 1, 1));
    source.latest.add(metric("vm", "a", MetricName.CPU, 10));
    refresh();
    source.listFailure = new ServerUnreachableException("cannot reach https://x", null);
    refresh();
    assertEquals("cannot reach https://x", model.figures().problemProperty().get());
    assertEquals(1, model.figures().totalsProperty().get().vms());
    assertEquals(1, model.topVmsByCpu().size());
    source.listFailure = null;
    refresh();
    assertEquals("", model.figures().problemProperty().get());
  }

  @Test
  void aTopListAskedForLaterStartsFilled() throws Exception {
    source.latest.add(metric("node", "n1", MetricName.DISK_WRITE, 1e6));
    refresh();
    assertEquals(1, model.figures().top("node", MetricName.DISK_WRITE).size());
    assertEquals("host-n1", model.figures().nameOf("n1"));
    assertEquals("unknown-id", model.figures().nameOf("unknown-id"));
  }
}
