package dev.vireo.server.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places a VM: every node of the snapshot goes through the filters in order (the first that rejects
 * it is recorded); the accepted nodes are scored by the weighers (each normalised to 0..1 over the
 * accepted nodes, times its weight); the highest total wins, ties going to the node with fewer VMs,
 * then to the smaller id. Pure and stateless: safe to share between threads.
 */
public final class Scheduler {
  private static final double EPSILON = 1e-9;

  /**
   * Per-thread working arrays, reused across decisions: at 10,000 nodes a decision would otherwise
   * allocate ~360 KB (accepted indexes, raw scores) and feed the garbage collector at every call.
   */
  private static final class Scratch {
    int[] accepted = new int[0];
    double[] raw = new double[0];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final List<PlacementFilter> filters;
  private final List<PlacementWeigher> weighers;
  private final List<String> weigherNames;

  public Scheduler(List<PlacementFilter> filters, List<PlacementWeigher> weighers) {
    this.filters = List.copyOf(filters);
    this.weighers = List.copyOf(weighers);
    this.weigherNames = this.weighers.stream().map(PlacementWeigher::name).toList();
  }

  /**
   * The standard pipeline. Filters: cluster and arch, state, CPU (with overcommit), memory, GPU,
   * hard node groups, hard VM groups. Weighers: load 1, spread 1, soft VM groups 3, soft node groups
   * 3 (soft rules outweigh load and spread together, so they win whenever they can be met).
   */
  public static Scheduler standard() {
    return new Scheduler(
        List.of(new ClusterArchFilter(), new NodeStateFilter(), new CpuFilter(), new MemoryFilter(), new GpuFilter(),
            new NodeGroupFilter(), new VmGroupFilter()),
        List.of(new LoadWeigher(1), new SpreadWeigher(1), new SoftVmGroupWeigher(3), new SoftNodeGroupWeigher(3)));
  }

  public List<PlacementFilter> filters() {
    return filters;
  }

  public List<PlacementWeigher> weighers() {
    return weighers;
  }

  /**
   * Chooses a node. Allocates next to nothing per node: the explanation of every node
   * ({@link PlacementDecision#verdicts()}) is computed when first asked for, by running the same pure
   * filters and weighers again on the same immutable snapshot.
   */
  public PlacementDecision decide(ClusterSnapshot snapshot, PlacementRequest request) {
    PlacementContext ctx = new PlacementContext(snapshot, request);
    List<NodeCandidate> nodes = snapshot.nodes();
    int n = nodes.size();
    int[] active = activeFilters(ctx);
    int w = weighers.size();
    boolean[] applies = new boolean[w];
    int[] weighing = new int[w];
    int aw = 0;
    for (int k = 0; k < w; k++) {
      applies[k] = weighers.get(k).applies(ctx);
      if (applies[k]) {
        weighing[aw++] = k;
      }
    }
    double[] min = new double[w];
    double[] max = new double[w];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);

    // pass 1: filter every node; the accepted nodes' raw scores and their range per weigher
    Scratch scratch = SCRATCH.get();
    if (scratch.accepted.length < n) {
      scratch.accepted = new int[n];
    }
    if (scratch.raw.length < n * aw) {
      scratch.raw = new double[n * aw];
    }
    int[] accepted = scratch.accepted;
    double[] raw = scratch.raw;
    int acceptedCount = 0;
    int lastRejectingFilter = -1;
    for (int i = 0; i < n; i++) {
      NodeCandidate node = nodes.get(i);
      int f = firstRejecting(node, ctx, active);
      if (f >= 0) {
        lastRejectingFilter = Math.max(lastRejectingFilter, f);
        continue;
      }
      int base = acceptedCount * aw;
      accepted[acceptedCount++] = i;
      for (int j = 0; j < aw; j++) {
        int k = weighing[j];
        double v = weighers.get(k).raw(node, ctx);
        raw[base + j] = v;
        if (v < min[k]) {
          min[k] = v;
        }
        if (v > max[k]) {
          max[k] = v;
        }
      }
    }
    Scoring scoring = new Scoring(applies, min, max);
    if (acceptedCount == 0) {
      String failure = failure(ctx, active, lastRejectingFilter);
      return new PlacementDecision(null, failure, () -> explain(snapshot, request, scoring));
    }

    // pass 2: weighted, normalised totals; the best node
    double[] factor = new double[aw];
    for (int j = 0; j < aw; j++) {
      int k = weighing[j];
      double range = max[k] - min[k];
      factor[j] = range > EPSILON ? weighers.get(k).weight() / range : 0; // all alike: no preference
    }
    int best = -1;
    double bestScore = 0;
    for (int a = 0; a < acceptedCount; a++) {
      double total = 0;
      int base = a * aw;
      for (int j = 0; j < aw; j++) {
        total += (raw[base + j] - min[weighing[j]]) * factor[j];
      }
      if (best < 0 || better(ctx, nodes.get(accepted[a]), total, nodes.get(best), bestScore)) {
        best = accepted[a];
        bestScore = total;
      }
    }
    return new PlacementDecision(nodes.get(best).id(), null, () -> explain(snapshot, request, scoring));
  }

  /** The indexes of the filters that apply to this request. */
  private int[] activeFilters(PlacementContext ctx) {
    int[] active = new int[filters.size()];
    int count = 0;
    for (int f = 0; f < filters.size(); f++) {
      if (filters.get(f).applies(ctx)) {
        active[count++] = f;
      }
    }
    return Arrays.copyOf(active, count);
  }

  /** The index of the first filter that rejects the node, or -1. */
  private int firstRejecting(NodeCandidate node, PlacementContext ctx, int[] active) {
    for (int f : active) {
      if (filters.get(f).test(node, ctx) != null) {
        return f;
      }
    }
    return -1;
  }

  /** Each weigher's range over the accepted nodes, to normalise raw scores to 0..1. */
  private final class Scoring {
    final boolean[] applies;
    final double[] min;
    final double[] range;

    Scoring(boolean[] applies, double[] min, double[] max) {
      this.applies = applies;
      this.min = min;
      this.range = new double[min.length];
      for (int k = 0; k < min.length; k++) {
        range[k] = max[k] - min[k];
      }
    }

    /** The node's total; each weigher's weighted part goes into {@code parts} when given. */
    double total(NodeCandidate node, PlacementContext ctx, double[] parts) {
      double total = 0;
      for (int k = 0; k < applies.length; k++) {
        if (!applies[k] || !(range[k] > EPSILON)) {
          continue; // nothing to say, or every node alike: no preference
        }
        PlacementWeigher weigher = weighers.get(k);
        double part = weigher.weight() * (weigher.raw(node, ctx) - min[k]) / range[k];
        total += part;
        if (parts != null) {
          parts[k] = part;
        }
      }
      return total;
    }
  }

  private List<NodeVerdict> explain(ClusterSnapshot snapshot, PlacementRequest request, Scoring scoring) {
    PlacementContext ctx = new PlacementContext(snapshot, request);
    int[] active = activeFilters(ctx);
    List<NodeVerdict> out = new ArrayList<>(snapshot.nodes().size());
    for (NodeCandidate node : snapshot.nodes()) {
      Rejection rejection = null;
      for (int f : active) {
        rejection = filters.get(f).test(node, ctx);
        if (rejection != null) {
          break;
        }
      }
      if (rejection != null) {
        out.add(new NodeVerdict(node.id(), rejection, 0, null, weigherNames));
      } else {
        double[] parts = new double[weighers.size()];
        out.add(new NodeVerdict(node.id(), null, scoring.total(node, ctx, parts), parts, weigherNames));
      }
    }
    return List.copyOf(out);
  }

  private static boolean better(PlacementContext ctx, NodeCandidate a, double scoreA, NodeCandidate b, double scoreB) {
    if (scoreA > scoreB + EPSILON) {
      return true;
    }
    if (scoreA < scoreB - EPSILON) {
      return false;
    }
    int vmsA = ctx.vmCount(a);
    int vmsB = ctx.vmCount(b);
    return vmsA != vmsB ? vmsA < vmsB : a.id().compareTo(b.id()) < 0;
  }

  /**
   * Names the rule that turned down the last eligible nodes: the last filter that rejected any node
   * (the nodes it rejected had passed every earlier filter, and none passed it).
   */
  private String failure(PlacementContext ctx, int[] active, int filter) {
    if (filter < 0) {
      return "no node in the snapshot";
    }
    List<Rejection> there = new ArrayList<>();
    for (NodeCandidate node : ctx.snapshot().nodes()) {
      if (firstRejecting(node, ctx, active) == filter) {
        there.add(filters.get(filter).test(node, ctx));
      }
    }
    return filters.get(filter).unmet(ctx, there);
  }
}
