package dev.vireo.tests.performance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import dev.vireo.agent.protocol.MetricsReport;
import dev.vireo.server.metrics.MetricStore;
import dev.vireo.server.store.Database;
import dev.vireo.tests.support.Api;
import dev.vireo.server.alarm.AlarmNotices;
import dev.vireo.server.alarm.Alarms;
import dev.vireo.tests.support.BenchmarkDoc;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metric ingestion and chart queries (issue 8 Done-when, ADR 0033), side by side in one run:
 * samples per second into the store in-process and through the agents' HTTPS endpoint (JSON
 * reports, two senders), against the goal of 100,000 VMs × 10 metrics every 10 s (100,000
 * samples/s); and the time of a 30-day chart (five-minute rollups) and a 12-month chart (hourly)
 * of one series with {@code bench.series} series stored; and the cost of alarm evaluation per sample. Tag "benchmark"; writes its section of
 * docs/benchmarks.md. Run: tests/performance/metrics-benchmark.sh
 */
@Tag("benchmark")
@Timeout(1800)
class MetricsBenchmark {
  private static final int VMS = Integer.getInteger("bench.vms", 100_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  private static final int SERIES = Integer.getInteger("bench.series", 50);
  private static final int PER_REPORT = 8_000; // ~0.7 MB of JSON: under the API's 1 MiB body limit
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void ingestionAndChartQueries() throws Exception {
    String load = BenchmarkDoc.load();
    Path dir = Files.createTempDirectory("vireo-metrics-bench-");
    List<String> metrics = MetricNames.VM.subList(0, 10);
    StringBuilder body = new StringBuilder(BenchmarkDoc.runLine(load));
    body.append("- Goal: 100,000 VMs × 10 metrics every 10 s = 100,000 samples/s\n\n");
    body.append("| path | samples per round | rounds | samples/s (median round) | slowest round |\n|---|---|---|---|---|\n");

    // 1. in-process: one report per round with every VM's ten metrics
    try (Database db = new Database(dir.resolve("store"))) {
      MetricStore store = new MetricStore(db.jdbi());
      List<MetricSample> round = samples(VMS, metrics);
      List<Double> rates = new ArrayList<>();
      Instant t = Instant.now().minusSeconds(10L * (ROUNDS + 1));
      for (int r = 0; r <= ROUNDS; r++) {
        long start = System.nanoTime();
        store.ingest("node-bench", t.plusSeconds(10L * r), round);
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("in-process round %d: %.0f samples/s%n", r, round.size() / s);
        if (r > 0) {
          rates.add(round.size() / s);
        }
      }
      body.append(row("`MetricStore.ingest` in-process", round.size(), rates));
    }

    // 2. through HTTPS: JSON reports of PER_REPORT samples from two senders
    try (TestServer server = TestServer.start(dir.resolve("server"))) {
      String node = server.fakeAgent().nodeId();
      String token = server.joinToken();
      Api api = server.api();
      List<MetricSample> all = samples(VMS, metrics);
      List<String> reports = new ArrayList<>();
      List<Double> rates = new ArrayList<>();
      ExecutorService senders = Executors.newFixedThreadPool(2);
      try {
        for (int r = 0; r <= ROUNDS; r++) {
          reports.clear();
          Instant at = Instant.now();
          for (int i = 0; i < all.size(); i += PER_REPORT) {
            reports.add(JSON.writeValueAsString(new MetricsReport(node, at,
                all.subList(i, Math.min(all.size(), i + PER_REPORT)))));
          }
          long start = System.nanoTime();
          List<Future<Integer>> sent = new ArrayList<>();
          for (int s = 0; s < 2; s++) {
            int first = s;
            sent.add(senders.submit(() -> {
              for (int i = first; i < reports.size(); i += 2) {
                Api.Reply reply = api.send("POST", AgentHttp.METRICS_PATH, token, reports.get(i));
                if (reply.status() != 204) {
                  throw new AssertionError("report refused: " + reply);
                }
              }
              return 0;
            }));
          }
          for (Future<Integer> f : sent) {
            f.get();
          }
          double s = (System.nanoTime() - start) / 1e9;
          System.out.printf("HTTPS round %d: %.0f samples/s%n", r, all.size() / s);
          if (r > 0) {
            rates.add(all.size() / s);
          }
          Thread.sleep(1000);
        }
      } finally {
        senders.shutdownNow();
      }
      body.append(row("`POST " + AgentHttp.METRICS_PATH + "` (HTTPS, JSON, " + PER_REPORT
          + " samples per report, 2 senders, server and senders on the same 2 cores)", all.size(), rates));
    }

    // 3. chart queries over stored rollups
    try (Database db = new Database(dir.resolve("charts"))) {
      MetricStore store = new MetricStore(db.jdbi());
      Instant now = Instant.now();
      long fiveMinRows = seed(db, "metric_rollups_5m", 300, Duration.ofDays(30), now);
      long hourRows = seed(db, "metric_rollups_1h", 3600, Duration.ofDays(365), now);
      List<Long> month = new ArrayList<>();
      List<Long> year = new ArrayList<>();
      int points30 = 0;
      int points365 = 0;
      for (int i = 0; i <= 20; i++) {
        long a = System.nanoTime();
        points30 = store.query("vm", "vm-bench-7", "cpu_usage_percent", now.minus(Duration.ofDays(30)), now, now)
            .points().size();
        long b = System.nanoTime();
        points365 = store.query("vm", "vm-bench-7", "cpu_usage_percent", now.minus(Duration.ofDays(365)), now, now)
            .points().size();
        long c = System.nanoTime();
        if (i > 0) {
          month.add((b - a) / 1000);
          year.add((c - b) / 1000);
        }
      }
      Collections.sort(month);
      Collections.sort(year);
      body.append("\n| chart query (one series, " + SERIES + " series stored) | points | rows in the table | median | max |\n"
          + "|---|---|---|---|---|\n");
      body.append(String.format("| 30 days of five-minute rollups | %d | %d | %.1f ms | %.1f ms |%n", points30,
          fiveMinRows, month.get(month.size() / 2) / 1000.0, month.get(month.size() - 1) / 1000.0));
      body.append(String.format("| 12 months of hourly rollups | %d | %d | %.1f ms | %.1f ms |%n", points365, hourRows,
          year.get(year.size() / 2) / 1000.0, year.get(year.size() - 1) / 1000.0));
    }
    alarms(dir, metrics, body);
    body.append("\nReproduce: `tests/performance/metrics-benchmark.sh` (settings `BENCH_VMS`, `BENCH_ROUNDS`, `BENCH_SERIES`).\n");
    BenchmarkDoc.write("metrics-benchmark", "Metrics: ingestion, chart queries and alarm evaluation (issue 8)",
        "tests/performance/metrics-benchmark.sh", body.toString());
  }

  /**
   * 4. alarm evaluation: the same in-process rounds with and without the evaluator listening, every
   * VM bound to a template of two rules (cpu_usage_percent ≥ 99, memory_used_bytes ≥ 99; the
   * benchmark's values run 0-99, so about 1 % of the pairs breach and fire in the first round, a
   * database write each, and hold steady after), and the evaluator's own cost
   * per sample timed alone for watched and unwatched series.
   */
  private static void alarms(Path dir, List<String> metrics, StringBuilder body) throws Exception {
    try (Database db = new Database(dir.resolve("alarms"))) {
      db.jdbi().useHandle(h -> {
        h.execute("INSERT INTO alarm_templates (id, name, resource_type, created_at) VALUES ('at-bench', 'bench',"
            + " 'vm', CURRENT_TIMESTAMP)");
        h.execute("INSERT INTO alarm_rules VALUES ('ar-cpu', 'at-bench', 0, 'cpu_usage_percent', '>=', 99, 0,"
            + " 'CRITICAL', NULL)");
        h.execute("INSERT INTO alarm_rules VALUES ('ar-mem', 'at-bench', 1, '" + metrics.get(1) + "', '>=', 99, 0,"
            + " 'IMPORTANT', NULL)");
        var batch = h.prepareBatch("INSERT INTO alarm_bindings VALUES ('at-bench', :id)");
        for (int v = 0; v < VMS; v++) {
          batch.bind("id", String.format("vm-%012x", v)).add();
        }
        batch.execute();
      });
      Alarms alarms = new Alarms(db.jdbi(), AlarmNotices.NONE, id -> false);
      long built = System.nanoTime();
      alarms.evaluator().start();
      double indexSeconds = (System.nanoTime() - built) / 1e9;
      List<MetricSample> round = samples(VMS, metrics);
      MetricStore plain = new MetricStore(db.jdbi());
      MetricStore watched = new MetricStore(db.jdbi());
      watched.listen(alarms.evaluator());
      List<Double> without = new ArrayList<>();
      List<Double> with = new ArrayList<>();
      double firstWith = 0;
      Instant t = Instant.now().minusSeconds(10L * (ROUNDS + 1));
      for (int r = 0; r <= ROUNDS; r++) {
        long a = System.nanoTime();
        plain.ingest("node-bench", t.plusSeconds(10L * r), round);
        long b = System.nanoTime();
        watched.ingest("node-bench", t.plusSeconds(10L * r), round);
        long c = System.nanoTime();
        if (r == 0) {
          firstWith = round.size() / ((c - b) / 1e9);
        } else {
          without.add(round.size() / ((b - a) / 1e9));
          with.add(round.size() / ((c - b) / 1e9));
        }
      }
      long firing = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alarms WHERE state = 'FIRING'")
          .mapTo(Long.class).one());
      // the evaluator alone: every sample once more, watched (bound VMs) and unwatched (other ids)
      long base = t.plusSeconds(10L * (ROUNDS + 1)).getEpochSecond();
      double watchedNs = evaluatorNanos(alarms, round, base, false);
      double unwatchedNs = evaluatorNanos(alarms, round, base, true);
      body.append("\n| alarm evaluation (" + String.format("%,d", VMS) + " VMs bound, 2 rules each: "
          + String.format("%,d", 2L * VMS) + " watched pairs, index built in " + String.format("%.2f", indexSeconds)
          + " s) | samples/s (median round) | slowest round |\n|---|---|---|\n");
      body.append(String.format("| `MetricStore.ingest` without alarms | %,.0f | %,.0f |%n", median(without),
          Collections.min(without)));
      body.append(String.format("| `MetricStore.ingest` with the evaluator listening (steady: nothing changes state)"
          + " | %,.0f | %,.0f |%n", median(with), Collections.min(with)));
      body.append(String.format("| the same, first round: %,d alarms fire (a database write each) | %,.0f | |%n",
          firing, firstWith));
      body.append(String.format("%n- Evaluator alone, per sample: %.0f ns for a watched series (lookup and"
          + " comparison), %.0f ns for an unwatched one (a lookup that misses).%n", watchedNs, unwatchedNs));
    }
  }

  private static double evaluatorNanos(Alarms alarms, List<MetricSample> round, long second, boolean unwatched) {
    var e = alarms.evaluator();
    List<String> ids = round.stream().map(x -> unwatched ? "vm-x" + x.resourceId() : x.resourceId()).toList();
    long best = Long.MAX_VALUE;
    for (int pass = 0; pass < 5; pass++) {
      long a = System.nanoTime();
      for (int i = 0; i < round.size(); i++) {
        MetricSample s = round.get(i);
        e.sample("vm", ids.get(i), s.metric(), second + pass, s.value());
      }
      best = Math.min(best, System.nanoTime() - a);
    }
    return (double) best / round.size();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static List<MetricSample> samples(int vms, List<String> metrics) {
    List<MetricSample> out = new ArrayList<>(vms * metrics.size());
    for (int v = 0; v < vms; v++) {
      String id = String.format("vm-%012x", v);
      for (int m = 0; m < metrics.size(); m++) {
        out.add(new MetricSample("vm", id, metrics.get(m), (v * 31 + m) % 100));
      }
    }
    return out;
  }

  private static long seed(Database db, String table, int step, Duration span, Instant now) {
    long end = now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), step);
    long start = end - span.toSeconds();
    db.jdbi().useHandle(h -> {
      for (int s = 0; s < SERIES; s++) {
        var batch = h.prepareBatch("INSERT INTO " + table + " VALUES ('vm', :id, 'cpu_usage_percent', :b, :v, :v, 30)");
        for (long b = start; b < end; b += step) {
          batch.bind("id", "vm-bench-" + s).bind("b", b).bind("v", (double) (b % 97)).add();
        }
        batch.execute();
      }
    });
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  private static String row(String path, int perRound, List<Double> rates) {
    List<Double> sorted = new ArrayList<>(rates);
    Collections.sort(sorted);
    return String.format("| %s | %,d | %d | %,.0f | %,.0f |%n", path, perRound, rates.size(),
        sorted.get(sorted.size() / 2), sorted.get(0));
  }
}
