package dev.vireo.agent.metrics;

import dev.vireo.agent.protocol.MetricSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Arithmetic the samplers share: counter increases that never go negative, and samples in a fixed order. */
final class Deltas {
  private Deltas() {}

  /** {@code now − before}, or 0 when the counter went down (wrapped or reset). */
  static long increase(long before, long now) {
    return now >= before ? now - before : 0;
  }

  /**
   * The increases of {@code width} counters summed over the devices present in both maps: a device
   * new since {@code before} has no baseline yet and one that left has nothing to add.
   */
  static long[] sum(Map<String, long[]> before, Map<String, long[]> now, int width) {
    long[] sum = new long[width];
    now.forEach((device, counters) -> {
      long[] old = before.get(device);
      if (old != null) {
        for (int i = 0; i < width; i++) {
          sum[i] += increase(old[i], counters[i]);
        }
      }
    });
    return sum;
  }

  /** One sample per metric of {@code order} that has a value. */
  static List<MetricSample> samples(String type, String id, List<String> order, Map<String, Double> values) {
    List<MetricSample> out = new ArrayList<>(values.size());
    for (String metric : order) {
      Double v = values.get(metric);
      if (v != null) {
        out.add(new MetricSample(type, id, metric, v));
      }
    }
    return out;
  }
}
