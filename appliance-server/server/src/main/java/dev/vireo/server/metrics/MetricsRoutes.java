package dev.vireo.server.metrics;

import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.MetricsReport;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;
import dev.vireo.server.node.NodeStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Agents' metric reports in; series and the Prometheus endpoint out (white paper 5.10, ADR 0033). */
public final class MetricsRoutes {
  /** The most samples one report may carry. */
  public static final int MAX_SAMPLES = 100_000;
  private static final Duration MAX_RANGE = MetricStore.HOURLY_RETENTION;
  private static final long STALE_SECONDS = 300;
  private final MetricStore store;
  private final NodeStore nodes;

  public MetricsRoutes(MetricStore store, NodeStore nodes) {
    this.store = store;
    this.nodes = nodes;
  }

  public void register(ApiRouter router) {
    router.post(AgentHttp.METRICS_PATH, Access.AGENT, r -> {
      MetricsReport report = r.json(MetricsReport.class);
      if (report.nodeId() == null || nodes.get(report.nodeId()).isEmpty()) {
        throw ApiException.invalid("nodeId", "must be a registered node");
      }
      if (report.sampledAt() == null) {
        throw ApiException.invalid("sampledAt", "is required");
      }
      if (report.samples() == null || report.samples().size() > MAX_SAMPLES) {
        throw ApiException.invalid("samples", "must be a list of at most " + MAX_SAMPLES + " samples");
      }
      // agents report their node and its VMs; cluster figures are the server's own (DerivedMetrics)
      store.ingestReport(report.nodeId(), report.sampledAt(), report.samples());
      return Response.noContent();
    }).get("/api/v1/metrics", Access.USER, r -> {
      String type = r.query("resourceType");
      if (MetricStore.metricsOf(type).isEmpty()) {
        throw ApiException.invalid("resourceType", "must be node, vm, cluster or storage_cluster");
      }
      String id = r.query("resourceId");
      if (id == null || id.isBlank() || id.length() > 64) {
        throw ApiException.invalid("resourceId", "is required (at most 64 characters)");
      }
      String metric = r.query("metric");
      if (!MetricStore.known(type, metric)) {
        throw ApiException.invalid("metric", "must be one of the " + type + " metrics: " + MetricStore.metricsOf(type));
      }
      Instant now = Instant.now();
      Instant to = r.queryInstant("to", now);
      Instant from = r.queryInstant("from", to.minus(Duration.ofHours(1)));
      if (!from.isBefore(to)) {
        throw ApiException.invalid("from", "must be before to (" + to + ")");
      }
      if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
        throw ApiException.invalid("from", "the range may span at most " + MAX_RANGE.toDays() + " days");
      }
      return Response.ok(store.query(type, id, metric, from, to, now));
    }).get("/metrics", Access.USER, r -> Response.raw(200,
        PrometheusText.render(store.all(), nodes.list(), Instant.now().getEpochSecond(), STALE_SECONDS)
            .getBytes(StandardCharsets.UTF_8), "text/plain; version=0.0.4; charset=utf-8"));
  }
}
