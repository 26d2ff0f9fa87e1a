package dev.vireo.client.dashboard;

import dev.vireo.api.client.LatestMetric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-N VMs and nodes by each metric of the server's latest values: highest first, ties by
 * name; resources without the metric (or with NaN) are left out, so a list may be shorter than N.
 */
public final class TopLists {
  /** How many lines a top list has. */
  public static final int SIZE = 5;
  private final Map<String, List<TopEntry>> lists;

  private TopLists(Map<String, List<TopEntry>> lists) {
    this.lists = lists;
  }

  public static final TopLists NONE = new TopLists(Map.of());

  /** Ranks every (kind, metric) of {@code latest}; {@code names}: resource id to display name. */
  public static TopLists of(List<LatestMetric> latest, Map<String, String> names, int size) {
    Map<String, List<TopEntry>> all = new HashMap<>();
    for (LatestMetric m : latest) {
      if (Double.isNaN(m.value()) || !("vm".equals(m.kind()) || "node".equals(m.kind()))) {
        continue;
      }
      all.computeIfAbsent(key(m.kind(), m.metric()), k -> new ArrayList<>())
          .add(new TopEntry(m.id(), names.getOrDefault(m.id(), m.id()), m.value()));
    }
    Map<String, List<TopEntry>> ranked = new HashMap<>();
    all.forEach((k, entries) -> {
      entries.sort(Comparator.comparingDouble(TopEntry::value).reversed().thenComparing(TopEntry::name));
      ranked.put(k, List.copyOf(entries.subList(0, Math.min(size, entries.size()))));
    });
    return new TopLists(ranked);
  }

  /** The top list of {@code kind} ("vm" or "node") by {@code metric}; empty when none reported it. */
  public List<TopEntry> get(String kind, String metric) {
    return lists.getOrDefault(key(kind, metric), List.of());
  }

  private static String key(String kind, String metric) {
    return kind + "/" + metric;
  }
}
