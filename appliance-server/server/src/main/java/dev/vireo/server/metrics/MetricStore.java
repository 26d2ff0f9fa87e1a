package dev.vireo.server.metrics;

import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import dev.vireo.api.model.MetricPoint;
import dev.vireo.api.model.MetricSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The server's metrics (white paper 5.10, ADR 0033): samples pushed by the agents land in
 * per-series rings in memory (six hours raw); five-minute rollups go to the database when their
 * bucket closes and are rolled up again by the hour, so a twelve-month chart reads ~8,800 hourly
 * rows instead of millions of samples. Listeners (alarm evaluation) see each accepted sample.
 */
public final class MetricStore {
  static final long ROLLUP_SECONDS = 300;
  static final Duration RAW = Duration.ofHours(6);
  static final Duration FIVE_MINUTE_RETENTION = Duration.ofDays(31);
  static final Duration HOURLY_RETENTION = Duration.ofDays(400);
  private static final Set<String> NODE = Set.copyOf(MetricNames.NODE);
  private static final Set<String> VM = Set.copyOf(MetricNames.VM);
  private static final Set<String> CLUSTER = Set.copyOf(MetricNames.CLUSTER);
  private static final Set<String> STORAGE_CLUSTER = Set.copyOf(MetricNames.STORAGE_CLUSTER);
  /** The types agents report; the others are derived by the server ({@link DerivedMetrics}). */
  private static final Set<String> REPORTED_TYPES = Set.of("node", "vm");

  /** Sees every accepted sample, on the ingesting thread: keep it cheap. */
  @FunctionalInterface
  public interface SampleListener {
    void sample(String resourceType, String resourceId, String metric, long epochSecond, double value);
  }

  private final Jdbi jdbi;
  private final ConcurrentHashMap<String, Series> series = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Closed> closed = new ConcurrentLinkedQueue<>();
  private final List<SampleListener> listeners = new CopyOnWriteArrayList<>();

  private record Closed(Series series, Series.Bucket bucket) {}

  public MetricStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void listen(SampleListener listener) {
    listeners.add(listener);
  }

  /** Whether a resource type reports this metric. */
  public static boolean known(String resourceType, String metric) {
    if (resourceType == null) {
      return false;
    }
    Set<String> of = switch (resourceType) {
      case "node" -> NODE;
      case "vm" -> VM;
      case "cluster" -> CLUSTER;
      case "storage_cluster" -> STORAGE_CLUSTER;
      default -> Set.of();
    };
    return of.contains(metric);
  }

  /** The metrics of a resource type ({@code node}, {@code vm}, {@code cluster}, {@code storage_cluster}); empty if none. */
  public static List<String> metricsOf(String resourceType) {
    if (resourceType == null) {
      return List.of();
    }
    return switch (resourceType) {
      case "node" -> MetricNames.NODE;
      case "vm" -> MetricNames.VM;
      case "cluster" -> MetricNames.CLUSTER;
      case "storage_cluster" -> MetricNames.STORAGE_CLUSTER;
      default -> List.of();
    };
  }

  /**
   * Takes one report's samples; returns how many were accepted (unknown metrics, blank ids and
   * non-finite values are dropped and counted out).
   */
  public int ingest(String nodeId, Instant at, List<MetricSample> samples) {
    return ingest(nodeId, at, samples, null);
  }

  /** An agent's report: only its node's and VMs' samples; the cluster figures are the server's own. */
  public int ingestReport(String nodeId, Instant at, List<MetricSample> samples) {
    return ingest(nodeId, at, samples, REPORTED_TYPES);
  }

  private int ingest(String nodeId, Instant at, List<MetricSample> samples, Set<String> types) {
    long t = at.getEpochSecond();
    long rawSeconds = RAW.toSeconds();
    int accepted = 0;
    for (MetricSample s : samples) {
      if (s == null || s.resourceId() == null || s.resourceId().isBlank() || s.resourceId().length() > 64
          || !Double.isFinite(s.value()) || !known(s.resourceType(), s.metric())
          || types != null && !types.contains(s.resourceType())) {
        continue;
      }
      Series x = series.computeIfAbsent(key(s.resourceType(), s.resourceId(), s.metric()),
          k -> new Series(s.resourceType(), s.resourceId(), s.metric()));
      x.nodeId = nodeId;
      Series.Bucket done = x.add(t, s.value(), rawSeconds);
      if (done != null) {
        closed.add(new Closed(x, done));
      }
      for (SampleListener l : listeners) {
        l.sample(s.resourceType(), s.resourceId(), s.metric(), t, s.value());
      }
      accepted++;
    }
    return accepted;
  }

  static String key(String resourceType, String resourceId, String metric) {
    return resourceType + '\u0000' + resourceId + '\u0000' + metric;
  }

  /** One series, null when it has no samples. */
  Series series(String resourceType, String resourceId, String metric) {
    return series.get(key(resourceType, resourceId, metric));
  }

  /** Every series in memory (the Prometheus endpoint's view). */
  Collection<Series> all() {
    return series.values();
  }

  /** The latest value of a series, NaN when there is none. */
  public double latest(String resourceType, String resourceId, String metric) {
    Series x = series.get(key(resourceType, resourceId, metric));
    return x == null ? Double.NaN : x.latest();
  }

  /**
   * Writes the closed five-minute buckets (and those that ended before {@code now}), then rolls
   * every hour that ended since the last flush into the hourly table, then drops what is past the
   * retention. Returns how many five-minute rows it wrote.
   */
  public int flush(Instant now) {
    long t = now.getEpochSecond();
    for (Series x : series.values()) {
      Series.Bucket b = x.closeIfBefore(t);
      if (b != null) {
        closed.add(new Closed(x, b));
      }
    }
    List<Closed> batch = new ArrayList<>();
    for (Closed c; (c = closed.poll()) != null; ) {
      batch.add(c);
    }
    if (!batch.isEmpty()) {
      try {
        write(batch);
      } catch (RuntimeException e) {
        closed.addAll(batch); // the next flush tries again
        throw e;
      }
    }
    rollHours(t);
    purge(t);
    return batch.size();
  }

  private void write(List<Closed> batch) {
      jdbi.useTransaction(h -> {
        PreparedBatch insert = h.prepareBatch("MERGE INTO metric_rollups_5m m USING (VALUES (CAST(:t AS VARCHAR(16)),"
            + " CAST(:id AS VARCHAR(64)), CAST(:m AS VARCHAR(64)), CAST(:b AS BIGINT), CAST(:avg AS DOUBLE),"
            + " CAST(:max AS DOUBLE), CAST(:n AS INT))) v (t, id, m, b, avg, mx, n)"
            + " ON m.resource_id = v.id AND m.metric = v.m AND m.resource_type = v.t AND m.bucket = v.b"
            + " WHEN MATCHED THEN UPDATE SET m.avg_value = (m.avg_value * m.samples + v.avg * v.n) / (m.samples + v.n),"
            + " m.max_value = GREATEST(m.max_value, v.mx), m.samples = m.samples + v.n"
            + " WHEN NOT MATCHED THEN INSERT VALUES (v.t, v.id, v.m, v.b, v.avg, v.mx, v.n)");
        for (Closed c : batch) {
          insert.bind("t", c.series().resourceType).bind("id", c.series().resourceId).bind("m", c.series().metric)
              .bind("b", c.bucket().start()).bind("avg", c.bucket().avg()).bind("max", c.bucket().max())
              .bind("n", c.bucket().count()).add();
        }
        insert.execute();
      });
  }

  /** Recomputes the hourly rows of the hours that hold five-minute rows newer than the newest hourly row. */
  private void rollHours(long now) {
    long currentHour = now - Math.floorMod(now, 3600);
    jdbi.useTransaction(h -> {
      long last = h.createQuery("SELECT COALESCE(MAX(bucket), -1) FROM metric_rollups_1h").mapTo(Long.class).one();
      long from = last < 0 ? 0 : last; // the newest hour again: it may have been rolled before it ended
      h.createUpdate("DELETE FROM metric_rollups_1h WHERE bucket >= :from AND bucket < :to")
          .bind("from", from).bind("to", currentHour).execute();
      h.createUpdate("INSERT INTO metric_rollups_1h SELECT resource_type, resource_id, metric,"
              + " bucket - MOD(bucket, 3600), SUM(avg_value * samples) / SUM(samples), MAX(max_value), SUM(samples)"
              + " FROM metric_rollups_5m WHERE bucket >= :from AND bucket < :to"
              + " GROUP BY resource_type, resource_id, metric, bucket - MOD(bucket, 3600)")
          .bind("from", from).bind("to", currentHour).execute();
    });
  }

  private void purge(long now) {
    jdbi.useHandle(h -> {
      h.createUpdate("DELETE FROM metric_rollups_5m WHERE bucket < :c")
          .bind("c", now - FIVE_MINUTE_RETENTION.toSeconds()).execute();
      h.createUpdate("DELETE FROM metric_rollups_1h WHERE bucket < :c")
          .bind("c", now - HOURLY_RETENTION.toSeconds()).execute();
    });
  }

  /**
   * A series over [from, to): raw samples when the range lies within the last six hours, else
   * five-minute rollups up to 31 days long, else hourly ones.
   */
  public MetricSeries query(String resourceType, String resourceId, String metric, Instant from, Instant to,
      Instant now) {
    long f = from.getEpochSecond();
    long t = to.getEpochSecond();
    if (f >= now.minus(RAW).getEpochSecond()) {
      Series x = series.get(key(resourceType, resourceId, metric));
      List<MetricPoint> points = new ArrayList<>();
      if (x != null) {
        double[][] raw = x.raw(f, t);
        for (int i = 0; i < raw[0].length; i++) {
          points.add(new MetricPoint(Instant.ofEpochSecond((long) raw[0][i]), raw[1][i], raw[1][i]));
        }
      }
      return new MetricSeries(resourceType, resourceId, metric, 0, points);
    }
    boolean hourly = t - f > FIVE_MINUTE_RETENTION.toSeconds() || f < now.minus(FIVE_MINUTE_RETENTION).getEpochSecond();
    String table = hourly ? "metric_rollups_1h" : "metric_rollups_5m";
    List<MetricPoint> points = jdbi.withHandle(h -> h.createQuery("SELECT bucket, avg_value, max_value FROM " + table
            + " WHERE resource_id = :id AND metric = :m AND resource_type = :t AND bucket >= :f AND bucket < :to"
            + " ORDER BY bucket")
        .bind("id", resourceId).bind("m", metric).bind("t", resourceType).bind("f", f).bind("to", t)
        .map((rs, ctx) -> new MetricPoint(Instant.ofEpochSecond(rs.getLong(1)), rs.getDouble(2), rs.getDouble(3)))
        .list());
    return new MetricSeries(resourceType, resourceId, metric, hourly ? 3600 : (int) ROLLUP_SECONDS, points);
  }
}
