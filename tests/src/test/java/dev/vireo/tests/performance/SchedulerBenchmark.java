package dev.vireo.tests.performance;

import dev.vireo.api.model.NodeState;
import dev.vireo.server.scheduler.ClusterSnapshot;
import dev.vireo.server.scheduler.NodeCandidate;
import dev.vireo.server.scheduler.NodeGroupRule;
import dev.vireo.server.scheduler.PlacedVm;
import dev.vireo.server.scheduler.PlacementDecision;
import dev.vireo.server.scheduler.PlacementRequest;
import dev.vireo.server.scheduler.Relation;
import dev.vireo.server.scheduler.Reservation;
import dev.vireo.server.scheduler.Scheduler;
import dev.vireo.server.scheduler.VmGroupRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduler's decision time at 10,000 nodes and 100,000 VMs (issue 3 goal: p99 ≤ 2 ms), on a
 * snapshot built once in {@link #setUp} (building it from the inventory is not measured here).
 *
 * <p>{@code decide*} measure the decision alone (what a create job waits for); the explanation of
 * every node is computed only when asked for, which {@code decideAndExplain} measures (a dry run).
 *
 * <p>One cluster of 10,000 nodes (the worst case: every node passes the cluster filter and most are
 * weighed); 64 CPUs at 200 % overcommit and 512 GiB each, 1 % disconnected, 1 % locked; 100,000
 * VMs (10 per node, 1-8 vCPU, 1-16 GiB) in 1,000 VM groups of 100. Run:
 * {@code tests/performance/scheduler-benchmark.sh}, or this class's {@code main} with JMH options.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SchedulerBenchmark {
  static final int NODES = 10_000;
  static final int VMS = 100_000;
  static final int GROUPS = 1_000;

  private final Scheduler scheduler = Scheduler.standard();
  private ClusterSnapshot snapshot;
  private ClusterSnapshot withReservations;
  private PlacementRequest plain;
  private PlacementRequest grouped;

  @Setup
  public void setUp() {
    snapshot = snapshot(new Random(42));
    List<Reservation> inFlight = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      inFlight.add(new Reservation("r" + i, node(i * 151 % NODES), 2, 4L << 30, 0, Set.of("g" + i)));
    }
    withReservations = snapshot.withReservations(inFlight);
    plain = PlacementRequest.of("new", "c1", "x86_64", 2, 4);
    Set<String> rack = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      rack.add(node(i * 97 % NODES));
    }
    grouped = plain
        .withVmGroup(VmGroupRule.hard("g7", Relation.ANTI_AFFINITY))
        .withVmGroup(VmGroupRule.soft("g8", Relation.AFFINITY))
        .withNodeGroup(NodeGroupRule.hard("not-rack-b", Relation.ANTI_AFFINITY, Set.of(node(1), node(2), node(3))))
        .withNodeGroup(NodeGroupRule.soft("rack-a", Relation.AFFINITY, rack));
  }

  static String node(int i) {
    return String.format("node-%05d", i);
  }

  static ClusterSnapshot snapshot(Random random) {
    List<NodeCandidate> nodes = new ArrayList<>(NODES);
    int vm = 0;
    for (int i = 0; i < NODES; i++) {
      NodeCandidate.Builder b = NodeCandidate.builder(node(i)).cluster("c1").arch("x86_64").cpus(64)
          .cpuOvercommitPercent(200).memoryGiB(512)
          .state(i % 100 == 17 ? NodeState.DISCONNECTED : NodeState.CONNECTED).locked(i % 100 == 42);
      if (i % 2 == 0) {
        b.liveCpuUse(random.nextDouble()).liveMemoryUsedBytes((long) (random.nextDouble() * (256L << 30)));
      }
      for (int k = 0; k < VMS / NODES; k++, vm++) {
        b.vm(PlacedVm.of("vm-" + vm, 1 + random.nextInt(8), 1 + random.nextInt(16)).inGroups("g" + vm % GROUPS));
      }
      nodes.add(b.build());
    }
    return ClusterSnapshot.of(nodes);
  }

  /** 2C4G, no isolation groups. */
  @Benchmark
  public PlacementDecision decide() {
    return scheduler.decide(snapshot, plain);
  }

  /** 2C4G with a hard VM anti-affinity, a soft VM affinity, a hard node anti-affinity and a soft node affinity. */
  @Benchmark
  public PlacementDecision decideWithGroups() {
    return scheduler.decide(snapshot, grouped);
  }

  /** 2C4G with 64 placements in flight (reservations on 64 nodes). */
  @Benchmark
  public PlacementDecision decideWithReservations() {
    return scheduler.decide(withReservations, plain);
  }

  /** 2C4G, and the verdict of every one of the 10,000 nodes (what a dry-run endpoint would return). */
  @Benchmark
  public List<dev.vireo.server.scheduler.NodeVerdict> decideAndExplain() {
    return scheduler.decide(snapshot, grouped).verdicts();
  }

  /**
   * Building the snapshot itself from 10,000 node and 100,000 VM records already in memory (the
   * per-node sums and group indexes); reading them from the inventory is not included. Informational.
   */
  @Benchmark
  public ClusterSnapshot buildSnapshot() {
    return snapshot(new Random(7));
  }

  /** Runs the benchmarks (3 × 2 s warm-up, 5 × 2 s measurement, 1 fork) unless JMH options are given. */
  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {SchedulerBenchmark.class.getName()});
  }
}
