package dev.vireo.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlacementReservationsTest {
  private static final List<String> NODES = List.of("n1", "n2", "n3");
  private static final int CPUS = 4; // × 200 % = 8 vCPU per node
  private static final int MEMORY_GIB = 12;

  /** A stand-in inventory: VMs recorded per node, read node by node (not atomically), like the real one. */
  private final Map<String, List<PlacedVm>> recorded = new ConcurrentHashMap<>();

  private ClusterSnapshot readInventory() {
    List<NodeCandidate> nodes = new ArrayList<>();
    for (String id : NODES) {
      Thread.yield();
      nodes.add(NodeCandidate.builder(id).cluster("c1").arch("x86_64").cpus(CPUS).cpuOvercommitPercent(200)
          .memoryGiB(MEMORY_GIB).vms(List.copyOf(recorded.getOrDefault(id, List.of()))).build());
    }
    return ClusterSnapshot.of(nodes);
  }

  private void record(String nodeId, PlacedVm vm) {
    recorded.computeIfAbsent(nodeId, k -> new CopyOnWriteArrayList<>()).add(vm);
  }

  @Test
  void concurrentPlacementsNeverExceedANodesCapacity() throws Exception {
    for (String n : NODES) {
      recorded.put(n, new CopyOnWriteArrayList<>());
    }
    PlacementReservations reservations = new PlacementReservations(Scheduler.standard());
    int threads = 16;
    int vms = 200;
    AtomicInteger placed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < vms; i++) {
        String vmId = "vm" + i;
        int cpu = 1 + i % 3;
        int mem = 1 + i % 2;
        done.add(pool.submit(() -> {
          start.await();
          PlacementRequest r = PlacementRequest.of(vmId, "c1", "x86_64", cpu, mem);
          try {
            PlacementDecision d = reservations.place(r, this::readInventory);
            if (d.placed()) {
              if (ThreadLocalRandom.current().nextBoolean()) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3)); // the job's other work, in flight
              }
              record(d.nodeId().orElseThrow(), PlacedVm.of(vmId, cpu, mem));
              placed.incrementAndGet();
            } else {
              refused.incrementAndGet();
              failures.add(d.failure());
            }
          } finally {
            reservations.release(vmId);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int totalCpu = 0;
    for (String n : NODES) {
      int cpu = recorded.get(n).stream().mapToInt(PlacedVm::cpu).sum();
      long mem = recorded.get(n).stream().mapToLong(PlacedVm::memoryBytes).sum();
      assertTrue(cpu <= CPUS * 2, n + " has " + cpu + " vCPU allocated, capacity " + CPUS * 2);
      assertTrue(mem <= (long) MEMORY_GIB << 30, n + " has " + (mem >> 30) + " GiB allocated, capacity " + MEMORY_GIB);
      totalCpu += cpu;
    }
    assertEquals(vms, placed.get() + refused.get());
    assertTrue(placed.get() > 0 && refused.get() > 0, "placed " + placed + ", refused " + refused);
    assertTrue(totalCpu >= NODES.size() * CPUS * 2 - 2 * NODES.size(), "the cluster was filled: " + totalCpu + " vCPU");
    assertTrue(reservations.inFlight().isEmpty());
    failures.forEach(f -> assertTrue(f.startsWith("no eligible node has"), f));
  }

  @Test
  void aReservationHoldsCapacityUntilReleased() {
    PlacementReservations reservations = new PlacementReservations(Scheduler.standard());
    ClusterSnapshot empty = ClusterSnapshot.of(List.of(NodeCandidate.builder("n1").cluster("c1").cpus(2).memoryGiB(4).build()));
    PlacementRequest a = PlacementRequest.of("a", "c1", "x86_64", 2, 2);
    assertTrue(reservations.place(a, () -> empty).placed());
    assertEquals(1, reservations.inFlight().size());
    PlacementDecision b = reservations.place(a.forVm("b"), () -> empty);
    assertFalse(b.placed());
    assertEquals("cpu", b.verdict("n1").orElseThrow().filter());
    reservations.release("a"); // e.g. the job failed before recording the VM
    assertTrue(reservations.place(a.forVm("b"), () -> empty).placed());
  }

  @Test
  void hardAntiAffinityHoldsForConcurrentCreates() throws Exception {
    for (String n : NODES) {
      recorded.put(n, new CopyOnWriteArrayList<>());
    }
    PlacementReservations reservations = new PlacementReservations(Scheduler.standard());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger refused = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String vmId = "web" + i;
        done.add(pool.submit(() -> {
          start.await();
          PlacementRequest r = PlacementRequest.of(vmId, "c1", "x86_64", 1, 1)
              .withVmGroup(VmGroupRule.hard("web", Relation.ANTI_AFFINITY));
          try {
            PlacementDecision d = reservations.place(r, this::readInventory);
            if (d.placed()) {
              record(d.nodeId().orElseThrow(), PlacedVm.of(vmId, 1, 1).inGroups("web"));
            } else {
              refused.incrementAndGet();
            }
          } finally {
            reservations.release(vmId);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String n : NODES) {
      assertEquals(1, recorded.get(n).size(), n);
    }
    assertEquals(5, refused.get());
    Set<String> none = Set.of();
    assertEquals(none, Set.copyOf(reservations.inFlight()));
  }
}
