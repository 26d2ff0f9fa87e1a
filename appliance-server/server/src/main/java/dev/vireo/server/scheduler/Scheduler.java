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
   * allocate ~360 KB (candidate indexes, raw scores) and feed the garbage collector at every call.
   */
  private static final class Scratch {
    int[] candidates = new int[0];
    double[][] raw = new double[0][];
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
   * Chooses a node. Each filter in turn narrows the candidates (one call per filter, see
   * {@link PlacementFilter#retain}); each weigher scores the survivors. Allocates next to nothing
   * per node: the explanation of every node ({@link PlacementDecision#verdicts()}) is computed when
   * first asked for, by running the same pure filters and weighers again on the same snapshot.
   */
  public PlacementDecision decide(ClusterSnapshot snapshot, PlacementRequest request) {
    PlacementContext ctx = new PlacementContext(snapshot, request);
    NodeCandidate[] nodes = snapshot.nodeArray();
    int n = nodes.length;
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
    Scratch scratch = SCRATCH.get();
    if (scratch.candidates.length < n) {
      scratch.candidates = new int[n];
    }
    if (scratch.raw.length < w || (w > 0 && scratch.raw[0].length < n)) {
      scratch.raw = new double[w][n];
    }
    int[] candidates = scratch.candidates;

    // filters: each narrows the candidates; the last one to reject any node is the rule not met
    int count = n;
    for (int i = 0; i < n; i++) {
      candidates[i] = i;
    }
    int lastRejectingFilter = -1;
    for (int f : active) {
      int kept = filters.get(f).retain(nodes, candidates, count, ctx);
      if (kept < count) {
        lastRejectingFilter = f;
      }
      count = kept;
      if (count == 0) {
        break;
      }
    }
    double[] min = new double[w];
    double[] max = new double[w];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    if (count == 0) {
      String failure = failure(ctx, active, lastRejectingFilter);
      Scoring scoring = new Scoring(applies, min, max);
      return new PlacementDecision(null, failure, () -> explain(snapshot, request, scoring));
    }

    // weighers: raw scores of the survivors and their range, then weighted, normalised totals
    double[] factor = new double[aw];
    for (int j = 0; j < aw; j++) {
      int k = weighing[j];
      double[] raw = scratch.raw[j];
      weighers.get(k).rawAll(nodes, candidates, count, ctx, raw);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < count; a++) {
        lo = Math.min(lo, raw[a]);
        hi = Math.max(hi, raw[a]);
      }
      min[k] = lo;
      max[k] = hi;
      factor[j] = hi - lo > EPSILON ? weighers.get(k).weight() / (hi - lo) : 0; // all alike: no preference
    }
    Scoring scoring = new Scoring(applies, min, max);
    int best = -1;
    double bestScore = 0;
    for (int a = 0; a < count; a++) {
      double total = 0;
      for (int j = 0; j < aw; j++) {
        total += (scratch.raw[j][a] - min[weighing[j]]) * factor[j];
      }
      if (best < 0 || better(ctx, nodes[candidates[a]], total, nodes[best], bestScore)) {
        best = candidates[a];
        bestScore = total;
      }
    }
    return new PlacementDecision(nodes[best].id(), null, () -> explain(snapshot, request, scoring));
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
