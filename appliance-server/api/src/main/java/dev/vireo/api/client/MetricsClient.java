package dev.vireo.api.client;

import static dev.vireo.api.client.UrlParts.query;

import dev.vireo.api.model.MetricSeries;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Node and VM metrics (white paper 5.10, ADR 0033); from {@link VireoClient#metrics()}: one metric's
 * series over a range, or the latest value of every fresh series in one call.
 */
public final class MetricsClient {
  private final HttpTransport http;

  MetricsClient(HttpTransport http) {
    this.http = http;
  }

  /**
   * One metric ({@code cpu_usage_percent}, {@code memory_used_bytes}, {@code disk_read_bytes_per_second}, ...)
   * of a {@code resourceType} "node" or "vm" over [from, to); nulls: the server's default (the hour before now).
   */
  public MetricSeries series(String resourceType, String resourceId, String metric, Instant from, Instant to) {
    StringBuilder q = new StringBuilder("/api/v1/metrics?resourceType=").append(query(resourceType))
        .append("&resourceId=").append(query(resourceId)).append("&metric=").append(query(metric));
    if (from != null) {
      q.append("&from=").append(query(from.toString()));
    }
    if (to != null) {
      q.append("&to=").append(query(to.toString()));
    }
    return http.send("GET", q.toString(), null, Map.of(), http.type(MetricSeries.class));
  }

  /**
   * The latest sample of every series seen in the last five minutes (the Prometheus endpoint
   * {@code GET /metrics}): every VM's, node's and cluster's current figures at once.
   */
  public List<LatestMetric> latest() {
    return PrometheusTextParser.parse(http.text("/metrics"));
  }
}
