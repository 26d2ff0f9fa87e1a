package dev.vireo.server.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.AlarmRule;
import dev.vireo.api.model.AlarmSeverity;
import dev.vireo.api.model.AlarmState;
import dev.vireo.api.model.AlarmTemplate;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental evaluation of alarm rules on real HSQLDB: pending, firing, resolved, restarts. */
class AlarmEvaluatorTest {
  private static final long T0 = Instant.parse("2026-12-07T08:00:00Z").getEpochSecond();
  @TempDir
  Path dir;
  Database db;
  AlarmTemplateStore templates;
  AlarmRecords records;
  final List<Map<String, String>> told = new ArrayList<>();
  AlarmEvaluator evaluator;

  @BeforeEach
  void open() {
    db = new Database(dir);
    templates = new AlarmTemplateStore(db.jdbi());
    records = new AlarmRecords(db.jdbi());
    evaluator = evaluator();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private AlarmEvaluator evaluator() {
    AlarmEvaluator e = new AlarmEvaluator(templates, records, (group, subject, text, fields) -> {
      assertEquals("ng-ops", group);
      assertTrue(subject.contains(fields.get("state").equals("FIRING") ? "firing" : "resolved"), subject);
      told.add(fields);
    });
    e.start();
    return e;
  }

  private void template(String comparator, double threshold, int duration, String... resources) {
    AlarmTemplate t = new AlarmTemplate("at-1", "busy vms", "vm", null, List.of(new AlarmRule("ar-1",
        "cpu_usage_percent", comparator, threshold, duration, AlarmSeverity.CRITICAL, "ng-ops")),
        List.of(), Instant.ofEpochSecond(T0));
    db.jdbi().useTransaction(h -> {
      templates.insert(h, t);
      templates.bind(h, t.id(), List.of(resources));
    });
    evaluator.reload();
  }

  private void cpu(String vm, long second, double value) {
    evaluator.sample("vm", vm, "cpu_usage_percent", T0 + second, value);
  }

  private List<Alarm> all() {
    return records.page(new AlarmRecords.Filter(null, null, null, null, null, null, null), 0, 100).items();
  }

  @Test
  void firesOnceTheConditionHeldForTheDurationAndResolvesOnTheFirstSampleWithout() {
    template(">=", 50, 20, "vm-a");
    cpu("vm-a", 0, 60);
    assertEquals(AlarmState.PENDING, all().get(0).state());
    cpu("vm-a", 10, 70);
    assertEquals(AlarmState.PENDING, all().get(0).state(), "held 10 s of 20");
    assertTrue(told.isEmpty());
    cpu("vm-a", 20, 80);
    Alarm firing = all().get(0);
    assertEquals(AlarmState.FIRING, firing.state());
    assertEquals(80, firing.currentValue());
    assertEquals(Instant.ofEpochSecond(T0), firing.startedAt());
    assertEquals(Instant.ofEpochSecond(T0 + 20), firing.firedAt());
    assertEquals(1, told.size());
    assertEquals("FIRING", told.get(0).get("state"));
    assertEquals("CRITICAL", told.get(0).get("severity"));
    assertEquals("vm-a", told.get(0).get("resourceId"));
    cpu("vm-a", 30, 90);
    assertEquals(1, told.size(), "still firing: told once");
    cpu("vm-a", 40, 12.5);
    Alarm resolved = all().get(0);
    assertEquals(AlarmState.RESOLVED, resolved.state());
    assertEquals(12.5, resolved.currentValue());
    assertEquals(Instant.ofEpochSecond(T0 + 40), resolved.resolvedAt());
    assertEquals(List.of("FIRING", "RESOLVED"), told.stream().map(f -> f.get("state")).toList());
    assertEquals(firing.id(), told.get(1).get("alarmId"));
    assertEquals(1, all().size());
  }

  @Test
  void aPendingAlarmWhoseConditionStopsBeforeTheDurationLeavesNoRecordAndTellsNobody() {
    template(">=", 50, 60, "vm-a");
    cpu("vm-a", 0, 99);
    cpu("vm-a", 10, 99);
    assertEquals(1, all().size());
    cpu("vm-a", 20, 49.9);
    assertEquals(0, all().size());
    assertTrue(told.isEmpty());
  }

  @Test
  void aZeroDurationFiresOnTheFirstSampleAndEachBreachIsANewAlarm() {
    template("<", 10, 0, "vm-a");
    cpu("vm-a", 0, 5);
    cpu("vm-a", 10, 50);
    cpu("vm-a", 20, 1);
    List<Alarm> list = all();
    assertEquals(2, list.size());
    assertEquals(AlarmState.FIRING, list.get(0).state(), "newest first");
    assertEquals(AlarmState.RESOLVED, list.get(1).state());
    assertEquals(List.of("FIRING", "RESOLVED", "FIRING"), told.stream().map(f -> f.get("state")).toList());
  }

  @Test
  void unboundResourcesOtherMetricsAndNonFiniteValuesChangeNothing() {
    template(">=", 50, 0, "vm-a");
    cpu("vm-b", 0, 99);
    evaluator.sample("vm", "vm-a", "memory_used_bytes", T0, 1e12);
    cpu("vm-a", 0, Double.NaN);
    assertEquals(0, all().size());
    assertEquals(1, evaluator.watched());
  }

  @Test
  void aFiringAlarmSurvivesARestartAndResolvesAfterIt() {
    template(">", 50, 0, "vm-a");
    cpu("vm-a", 0, 80);
    evaluator = evaluator(); // a new server process on the same database
    cpu("vm-a", 10, 90);
    assertEquals(1, told.size(), "taken up as firing: not told again");
    cpu("vm-a", 20, 10);
    assertEquals(AlarmState.RESOLVED, all().get(0).state());
    assertEquals(2, told.size());
  }

  @Test
  void unbindingClosesTheOpenAlarmWithoutTellingAndEditingKeepsNothingStale() {
    template(">=", 50, 0, "vm-a", "vm-b");
    cpu("vm-a", 0, 80);
    cpu("vm-b", 0, 80);
    db.jdbi().useTransaction(h -> templates.unbind(h, "at-1", "vm-a"));
    evaluator.reload();
    List<Alarm> list = all();
    Alarm a = list.stream().filter(x -> x.resourceId().equals("vm-a")).findFirst().orElseThrow();
    Alarm b = list.stream().filter(x -> x.resourceId().equals("vm-b")).findFirst().orElseThrow();
    assertEquals(AlarmState.RESOLVED, a.state());
    assertEquals(AlarmState.FIRING, b.state(), "still bound: kept its state through the rebuild");
    assertEquals(2, told.size(), "the two firings only");
    cpu("vm-b", 10, 10);
    assertEquals(AlarmState.RESOLVED, records.find(b.id()).orElseThrow().state());
    assertEquals(3, told.size(), "vm-b's resolution told");
  }
}
