package dev.vireo.client.dashboard;

import dev.vireo.api.client.LatestMetric;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every figure of the overview and the big screen, read at once (off the FX thread): totals,
 * allocation, top lists, and the names of nodes and VMs by id. When the metrics endpoint fails the
 * rest is still shown and {@code metricsAvailable} is false.
 */
public record DashboardSnapshot(ResourceTotals totals, List<Allocation> allocations, TopLists top,
    Map<String, String> names, boolean metricsAvailable) {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardSnapshot.class);

  /** Reads everything from {@code source}; blocks on the network. */
  public static DashboardSnapshot load(DashboardSource source) {
    List<Node> nodes = source.nodes();
    List<Vm> vms = source.vms();
    Map<String, String> names = new HashMap<>();
    nodes.forEach(n -> names.put(n.id(), n.hostname() == null ? n.id() : n.hostname()));
    vms.forEach(v -> names.put(v.id(), v.name() == null ? v.id() : v.name()));
    ResourceTotals totals = new ResourceTotals(byState(vms, Vm::state, VmState.class),
        byState(nodes, Node::state, NodeState.class), vms.size(), nodes.size(), source.imageCount(),
        source.networkCount(), source.diskCount());
    List<Allocation> allocations = Allocations.of(nodes, source.clusters(), vms, source.storageClusters());
    List<LatestMetric> latest;
    boolean metrics = true;
    try {
      latest = source.latest();
    } catch (RuntimeException e) {
      LOG.warn("cannot read the latest metrics: {}", e.getMessage());
      latest = List.of();
      metrics = false;
    }
    return new DashboardSnapshot(totals, allocations, TopLists.of(latest, names, TopLists.SIZE), Map.copyOf(names),
        metrics);
  }

  /** Counts per state in the enum's order, states without any left out. */
  static <R, E extends Enum<E>> List<StateCount> byState(List<R> items, Function<R, E> state, Class<E> type) {
    Map<E, Integer> counts = new EnumMap<>(type);
    for (R r : items) {
      E s = state.apply(r);
      if (s != null) {
        counts.merge(s, 1, Integer::sum);
      }
    }
    List<StateCount> out = new ArrayList<>();
    counts.forEach((s, n) -> out.add(new StateCount(s.name(), n)));
    return out;
  }
}
