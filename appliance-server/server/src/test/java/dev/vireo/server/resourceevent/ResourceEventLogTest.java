package dev.vireo.server.resourceevent;

import static dev.vireo.api.model.ResourceEventLevel.ERROR;
import static dev.vireo.api.model.ResourceEventLevel.NORMAL;
import static dev.vireo.api.model.ResourceEventLevel.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vireo.api.model.ResourceEvent;
import dev.vireo.api.model.ResourceEventLevel;
import dev.vireo.server.resourceevent.ResourceEventMapping.Occurrence;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counted repeats, filters and the retention of the {@code resource_events} table, on a real HSQLDB. */
class ResourceEventLogTest {
  @TempDir
  Path dir;
  Database db;
  ResourceEventLog log;
  final Instant now = Instant.now();

  @BeforeEach
  void open() {
    db = new Database(dir);
    log = new ResourceEventLog(db.jdbi());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aRepeatCountsUpAndMovesTheLastTime() {
    ResourceEvent first = log.record(vm("vm-1", "VM started", NORMAL, "STOPPED → RUNNING"), "region-1",
        now.minusSeconds(60));
    ResourceEvent again = log.record(vm("vm-1", "VM started", NORMAL, "STOPPED → RUNNING"), null, now);
    assertEquals(first.id(), again.id());
    assertEquals(2, again.count());
    assertEquals(first.firstAt(), again.firstAt());
    assertEquals(now.toEpochMilli(), again.lastAt().toEpochMilli());
    assertEquals("region-1", again.regionId(), "a repeat without a region keeps the known one");
  }

  @Test
  void anotherContentLevelOrResourceIsAnotherEvent() {
    long id = log.record(vm("vm-1", "Start VM failed", ERROR, "no node fits"), null, now).id();
    assertNotEquals(id, log.record(vm("vm-1", "Start VM failed", ERROR, "the node refused"), null, now).id());
    assertNotEquals(id, log.record(vm("vm-1", "Start VM failed", WARNING, "no node fits"), null, now).id());
    assertNotEquals(id, log.record(vm("vm-2", "Start VM failed", ERROR, "no node fits"), null, now).id());
    assertEquals(4, log.count(all()));
  }

  @Test
  void filtersByRegionTypeResourceLevelsEventTypeAndTime() {
    log.record(vm("vm-1", "VM started", NORMAL, "RUNNING"), "region-1", now.minusSeconds(30));
    log.record(vm("vm-1", "Start VM failed", ERROR, "no node fits"), "region-1", now.minusSeconds(20));
    log.record(new Occurrence("node", "node-1", "Node disconnected", WARNING, "CONNECTED → DISCONNECTED"),
        "region-2", now.minusSeconds(10));
    log.record(vm("vm-2", "VM stopped", NORMAL, "STOPPED"), "region-1", now.minus(Duration.ofDays(3)));

    assertEquals(List.of("Start VM failed", "VM started", "VM stopped"), types(query("region-1", null, null,
        Set.of(), null, now.minus(Duration.ofDays(7)))), "most recent first");
    assertEquals(List.of("Node disconnected"), types(query(null, "node", null, Set.of(), null, hourAgo())));
    assertEquals(List.of("Start VM failed", "VM started"), types(query(null, null, "vm-1", Set.of(), null,
        hourAgo())));
    assertEquals(List.of("Node disconnected", "Start VM failed"), types(query(null, null, null,
        Set.of(WARNING, ERROR), null, hourAgo())));
    assertEquals(List.of("VM started"), types(query(null, null, null, Set.of(), "vm STARTED", hourAgo())));
    assertEquals(3, log.count(all()), "the event of three days ago is outside the last hour");
  }

  @Test
  void aRepeatedOldEventIsFoundByItsRecentOccurrence() {
    log.record(vm("vm-1", "VM started", NORMAL, "RUNNING"), null, now.minus(Duration.ofDays(3)));
    log.record(vm("vm-1", "VM started", NORMAL, "RUNNING"), null, now.minusSeconds(5));
    assertEquals(1, log.count(all()));
    assertEquals(0, log.count(ResourceEventQuery.between(now.minus(Duration.ofDays(5)),
        now.minus(Duration.ofDays(4)))));
  }

  @Test
  void pagesCountEveryMatch() {
    for (int i = 0; i < 5; i++) {
      log.record(vm("vm-" + i, "VM started", NORMAL, "RUNNING"), null, now.minusSeconds(i));
    }
    var page = log.page(all(), 2, 2);
    assertEquals(5, page.total());
    assertEquals(List.of("vm-2", "vm-3"), page.items().stream().map(ResourceEvent::resourceId).toList());
  }

  @Test
  void eventsLastSeenBeforeTheRetentionArePurged() {
    log.record(vm("vm-old", "VM started", NORMAL, "RUNNING"), null,
        now.minus(ResourceEventQuery.RETENTION).minus(Duration.ofDays(1)));
    log.record(vm("vm-new", "VM started", NORMAL, "RUNNING"), null, now);
    assertEquals(1, log.purgeOlderThan(now.minus(ResourceEventQuery.RETENTION)));
    assertEquals(List.of("vm-new"), log.page(ResourceEventQuery.between(now.minus(ResourceEventQuery.RETENTION),
        now.plusSeconds(1)), 0, 10).items().stream().map(ResourceEvent::resourceId).toList());
  }

  private static Occurrence vm(String id, String type, ResourceEventLevel level, String content) {
    return new Occurrence("vm", id, type, level, content);
  }

  private ResourceEventQuery all() {
    return ResourceEventQuery.between(hourAgo(), now.plusSeconds(1));
  }

  private Instant hourAgo() {
    return now.minus(Duration.ofHours(1));
  }

  private ResourceEventQuery query(String region, String type, String id, Set<ResourceEventLevel> levels,
      String eventType, Instant from) {
    return new ResourceEventQuery(region, type, id, levels, eventType, from, now.plusSeconds(1));
  }

  private List<String> types(ResourceEventQuery q) {
    return log.page(q, 0, 100).items().stream().map(ResourceEvent::eventType).toList();
  }
}
