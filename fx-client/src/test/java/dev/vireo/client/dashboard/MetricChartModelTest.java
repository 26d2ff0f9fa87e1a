package dev.vireo.client.dashboard;

import dev.vireo.client.app.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.MetricPoint;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The history of a chart: live last hour, incremental fetches, trimming, custom ranges. */
class MetricChartModelTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private final FakeDashboardSource source = new FakeDashboardSource();
  private final MutableClock clock = new MutableClock(T0);
  private Background io;
  private MetricChartModel model;

  @BeforeEach
  void setUp() {
    io = new Background(UiExecutor.direct(), 1);
    model = new MetricChartModel(source, io, clock, "vm", "vm-1");
  }

  @AfterEach
  void tearDown() {
    io.close();
  }

  /** A point every 10 s over [from, to). */
  private void samples(Instant from, Instant to) {
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(10)) {
      source.stored.add(new MetricPoint(t, t.getEpochSecond() % 100, t.getEpochSecond() % 100));
    }
  }

  private List<MetricPoint> cpu() {
    return model.history(MetricName.CPU);
  }

  /**
   * A chart listens to a history it got once; the history must keep telling it after a garbage
   * collection (a per-call unmodifiable view listens to its list weakly and was collected: under
   * the CI's load the live VM chart then stopped growing).
   */
  @Test
  void aHistoryListenerStillHearsChangesAfterGarbageCollection() throws Exception {
    java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
    model.history(MetricName.CPU).addListener((javafx.collections.ListChangeListener<MetricPoint>) c -> heard.incrementAndGet());
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    samples(T0.minusSeconds(60), T0);
    model.refresh().get(5, TimeUnit.SECONDS);
    assertEquals(6, cpu().size());
    assertTrue(heard.get() > 0, "the listener added before the GC heard the new points");
  }

  @Test
  void liveKeepsTheLastHourAndFetchesOnlyWhatIsNew() throws Exception {
    samples(T0.minus(Duration.ofHours(2)), T0);
    model.refresh().get(5, TimeUnit.SECONDS);
    assertEquals(360, cpu().size(), "the last hour only");
    assertEquals(T0.minus(Duration.ofHours(1)), cpu().get(0).at());
    assertEquals(MetricName.CHARTED.size(), source.requests.size(), "one request per charted metric");
    assertEquals(360, model.history(MetricName.NETWORK_TX).size());

    samples(T0, T0.plusSeconds(60));
    clock.advance(Duration.ofSeconds(60));
    source.requests.clear();
    model.refresh().get(5, TimeUnit.SECONDS);
    Object[] cpuRequest = source.requests.stream().filter(r -> r[0].equals(MetricName.CPU)).findFirst().orElseThrow();
    assertEquals(T0.minusSeconds(10).plusMillis(1), cpuRequest[1], "from just after the last point");
    assertEquals(360, cpu().size(), "six new points in, six old ones out");
    assertEquals(T0.minus(Duration.ofHours(1)).plusSeconds(60), cpu().get(0).at());
    assertEquals(T0.plusSeconds(50), cpu().get(cpu().size() - 1).at());
    assertEquals(T0.minus(Duration.ofHours(1)).plusSeconds(60), model.fromProperty().get());
    assertEquals(T0.plusSeconds(60), model.toProperty().get());
  }

  @Test
  void nothingNewLeavesTheHistoryAsItWasButStillTrims() throws Exception {
    samples(T0.minus(Duration.ofMinutes(30)), T0);
    model.refresh().get(5, TimeUnit.SECONDS);
    assertEquals(180, cpu().size());
    clock.advance(Duration.ofMinutes(45)); // the first 15 minutes fall out of the hour
    model.refresh().get(5, TimeUnit.SECONDS);
    assertEquals(90, cpu().size());
    assertFalse(cpu().get(0).at().isBefore(clock.instant().minus(Duration.ofHours(1))));
  }

  @Test
  void trimDropsEverythingBeforeTheStart() {
    List<MetricPoint> h = new java.util.ArrayList<>(List.of(new MetricPoint(T0, 1, 1),
        new MetricPoint(T0.plusSeconds(10), 2, 2), new MetricPoint(T0.plusSeconds(20), 3, 3)));
    MetricChartModel.trim(h, T0.plusSeconds(10));
    assertEquals(List.of(new MetricPoint(T0.plusSeconds(10), 2, 2), new MetricPoint(T0.plusSeconds(20), 3, 3)), h);
    MetricChartModel.trim(h, T0.plusSeconds(100));
    assertTrue(h.isEmpty());
  }

  @Test
  void aCustomRangeIsFetchedOnceAndNotUpdated() throws Exception {
    Instant from = T0.minus(Duration.ofDays(2));
    Instant to = from.plus(Duration.ofHours(3));
    samples(from.minusSeconds(600), to.plusSeconds(600));
    assertTrue(model.showRange(from, to).get(5, TimeUnit.SECONDS));
    assertFalse(model.liveProperty().get());
    assertEquals(from, model.fromProperty().get());
    assertEquals(1080, cpu().size(), "the whole range, nothing trimmed to an hour");
    source.requests.clear();
    clock.advance(Duration.ofMinutes(1));
    model.refresh().get(5, TimeUnit.SECONDS);
    assertEquals(0, source.requests.size(), "no live updates for a custom range");

    model.showLastHour().get(5, TimeUnit.SECONDS);
    assertTrue(model.liveProperty().get());
    assertEquals(0, cpu().size(), "nothing stored in the last hour");
  }

  @Test
  void aBadRangeChangesNothing() {
    assertFalse(model.showRange(T0, T0).join());
    assertFalse(model.showRange(T0, T0.minusSeconds(1)).join());
    assertFalse(model.showRange(T0.minus(Duration.ofDays(401)), T0).join());
    assertFalse(model.showRange(null, T0).join());
    assertTrue(model.liveProperty().get());
  }

  @Test
  void aMissingMetricIsReportedAndTheOthersStillShown() throws Exception {
    samples(T0.minusSeconds(100), T0);
    source.failingMetric = MetricName.NETWORK_RX;
    model.refresh().get(5, TimeUnit.SECONDS);
    assertTrue(model.problemProperty().get().contains(MetricName.NETWORK_RX));
    assertEquals(10, cpu().size());
    assertEquals(0, model.history(MetricName.NETWORK_RX).size());
    source.failingMetric = null;
    clock.advance(Duration.ofSeconds(10));
    model.refresh().get(5, TimeUnit.SECONDS);
    assertEquals("", model.problemProperty().get());
    assertEquals(10, model.history(MetricName.NETWORK_RX).size());
  }

  @Test
  void onlyChartedMetricsHaveAHistory() {
    assertThrows(IllegalArgumentException.class, () -> model.history("load1"));
  }
}
