package dev.vireo.client.bigscreen;

import dev.vireo.client.app.MutableClock;

import dev.vireo.client.app.MemoryPreferences;

import static dev.vireo.client.bigscreen.BigScreenTile.ALARMS;
import static dev.vireo.client.bigscreen.BigScreenTile.ALLOCATION;
import static dev.vireo.client.bigscreen.BigScreenTile.OVERVIEW;
import static dev.vireo.client.bigscreen.BigScreenTile.TOP_NODES_CPU;
import static dev.vireo.client.bigscreen.BigScreenTile.TOP_VMS_DISK_WRITE;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.AlarmSeverity;
import dev.vireo.api.model.AlarmState;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.dashboard.FakeDashboardSource;
import dev.vireo.client.dashboard.MetricName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The big screen's title, tile layout (remembered) and live figures, without the FX toolkit. */
class BigScreenViewModelTest {
  private final FakeDashboardSource source = new FakeDashboardSource();
  private final ClientPreferences prefs = new ClientPreferences(new MemoryPreferences());
  private Background io;

  @BeforeEach
  void setUp() {
    io = new Background(UiExecutor.direct(), 2);
  }

  @AfterEach
  void tearDown() {
    io.close();
  }

  private BigScreenViewModel model() {
    return new BigScreenViewModel(source, io, prefs, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
  }

  @Test
  void theServersPlatformTitleIsTheDefaultTitleAndACustomOneWins() {
    source.platformTitle = "Acme NOC";
    BigScreenViewModel m = model();
    dev.vireo.client.main.Await.until(() -> m.shownTitle().get().equals("Acme NOC"), "the server's title");
    assertEquals("Acme NOC", m.serverTitleProperty().get());
    m.setTitle("Wall 3");
    assertEquals("Wall 3", m.shownTitle().get());
    m.setTitle(" ");
    assertEquals("Acme NOC", m.shownTitle().get(), "blank: back to the server's title");
  }

  @Test
  void noServerTitleLeavesTheTitleEmptyForTheViewsDefault() {
    BigScreenViewModel m = model();
    assertEquals("", m.shownTitle().get());
  }

  @Test
  void theDefaultLayoutHasEveryTileOnce() {
    assertEquals(List.of(BigScreenTile.values()), model().layout());
  }

  @Test
  void aSwapIsRememberedForTheNextRun() {
    BigScreenViewModel m = model();
    m.swap(OVERVIEW, ALARMS);
    assertEquals(List.of(ALARMS, ALLOCATION, OVERVIEW), m.layout().subList(0, 3));
    m.move(TOP_VMS_DISK_WRITE, 0);
    List<BigScreenTile> expected = new ArrayList<>(List.of(BigScreenTile.values()));
    expected.remove(TOP_VMS_DISK_WRITE);
    expected.add(0, TOP_VMS_DISK_WRITE);
    Collections.swap(expected, 1, 3);
    assertEquals(expected, m.layout());
    assertEquals(expected.stream().map(Enum::name).collect(Collectors.joining(",")),
        prefs.get(BigScreenViewModel.LAYOUT_KEY, ""));
    assertEquals(expected, model().layout(), "restored");
    m.resetLayout();
    assertEquals(List.of(BigScreenTile.values()), model().layout());
  }

  @Test
  void aSwapWithItselfChangesNothing() {
    BigScreenViewModel m = model();
    m.swap(TOP_NODES_CPU, TOP_NODES_CPU);
    assertEquals("", prefs.get(BigScreenViewModel.LAYOUT_KEY, ""));
  }

  @Test
  void aSavedLayoutFromAnotherVersionIsRepaired() {
    List<BigScreenTile> repaired = BigScreenViewModel.parse("TOP_NODES_CPU, GONE_TILE,ALARMS,TOP_NODES_CPU");
    assertEquals(List.of(TOP_NODES_CPU, ALARMS, OVERVIEW, ALLOCATION), repaired.subList(0, 4));
    assertEquals(BigScreenTile.values().length, repaired.size());
    assertEquals(List.of(BigScreenTile.values()), BigScreenViewModel.parse(""));
  }

  @Test
  void theTitleIsRemembered() {
    BigScreenViewModel m = model();
    assertEquals("", m.titleProperty().get(), "the default title");
    m.setTitle("  数据中心 A  ");
    assertEquals("数据中心 A", m.titleProperty().get());
    assertEquals("数据中心 A", model().titleProperty().get());
    m.setTitle(" ");
    assertEquals("", model().titleProperty().get());
  }

  @Test
  void refreshReadsFiguresAndTheNewestAlarms() throws Exception {
    for (int i = 0; i < 9; i++) {
      source.alarms.add(new Alarm("alarm-" + i, "t", "cpu high", "r", "vm", "vm-1", MetricName.CPU, ">", 80, 60,
          AlarmSeverity.CRITICAL, AlarmState.FIRING, 95, Instant.EPOCH, Instant.EPOCH, null, Instant.EPOCH));
    }
    source.latest.add(FakeDashboardSource.metric("vm", "vm-1", MetricName.DISK_READ, 5e6));
    source.latest.add(FakeDashboardSource.metric("vm", "vm-2", MetricName.DISK_READ, 7e6));
    BigScreenViewModel m = model();
    m.refresh().get(5, TimeUnit.SECONDS);
    assertEquals(BigScreenViewModel.ALARMS, m.alarms().size());
    assertEquals("alarm-0", m.alarms().get(0).id());
    assertTrue(m.alarmsAvailableProperty().get());
    assertEquals(List.of("vm-2", "vm-1"), m.figures().top("vm", MetricName.DISK_READ).stream()
        .map(dev.vireo.client.dashboard.TopEntry::id).toList());
    assertTrue(m.figures().top("node", MetricName.MEMORY_USED).isEmpty(), "nothing reported: empty, no failure");
  }

  /** The view listens once; a garbage collection must not silence the layout, alarms or allocations. */
  @Test
  void listenersStillHearChangesAfterGarbageCollection() throws Exception {
    BigScreenViewModel m = model();
    java.util.concurrent.atomic.AtomicInteger layout = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger alarms = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger allocations = new java.util.concurrent.atomic.AtomicInteger();
    m.layout().addListener((javafx.collections.ListChangeListener<BigScreenTile>) c -> layout.incrementAndGet());
    m.alarms().addListener((javafx.collections.ListChangeListener<Alarm>) c -> alarms.incrementAndGet());
    m.figures().allocations().addListener((javafx.collections.ListChangeListener<dev.vireo.client.dashboard.Allocation>)
        c -> allocations.incrementAndGet());
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    source.alarms.add(new Alarm("alarm-1", "t", "cpu high", "r", "vm", "vm-1", MetricName.CPU, ">", 80, 60,
        AlarmSeverity.CRITICAL, AlarmState.FIRING, 95, Instant.EPOCH, Instant.EPOCH, null, Instant.EPOCH));
    m.refresh().get(5, TimeUnit.SECONDS);
    m.swap(OVERVIEW, ALARMS);
    assertTrue(layout.get() > 0, "the layout listener heard the swap");
    assertTrue(alarms.get() > 0, "the alarms listener heard the new alarm");
    assertTrue(allocations.get() > 0, "the allocations listener heard the refresh");
  }

  @Test
  void alarmsThatCannotBeReadLeaveTheRestAlone() throws Exception {
    source.alarmFailure = new IllegalStateException("403");
    source.latest.add(FakeDashboardSource.metric("node", "n1", MetricName.CPU, 12.5));
    BigScreenViewModel m = model();
    m.refresh().get(5, TimeUnit.SECONDS);
    assertFalse(m.alarmsAvailableProperty().get());
    assertEquals(1, m.figures().top("node", MetricName.CPU).size());
  }
}
