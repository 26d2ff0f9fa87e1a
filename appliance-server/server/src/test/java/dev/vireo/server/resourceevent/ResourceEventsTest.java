package dev.vireo.server.resourceevent;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.ResourceEvent;
import dev.vireo.api.model.ResourceEventLevel;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.store.Database;
import dev.vireo.server.testing.Inventory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bus's VM, node and job events recorded as resource events, on a real HSQLDB. */
class ResourceEventsTest {
  @TempDir
  Path dir;
  Database db;
  Inventory inventory;
  EventBus bus;
  ResourceEvents events;

  @BeforeEach
  void open() {
    db = new Database(dir);
    inventory = new Inventory(db.jdbi());
    bus = new EventBus(db.jdbi());
  }

  @AfterEach
  void close() {
    if (events != null) {
      events.close();
    }
    db.close();
  }

  @Test
  void startsAndStopsOfAVmAreCountedLifecycleEventsWithItsRegion() {
    String node = inventory.node("http://n1:7070");
    String vm = inventory.vm(node, VmState.STOPPED);
    events = new ResourceEvents(db.jdbi(), bus);
    for (String s : List.of("STARTING", "RUNNING", "STOPPING", "STOPPED", "STARTING", "RUNNING", "RUNNING")) {
      bus.publish("vm", vm, s);
    }
    bus.publish("vm", vm, "UPDATED");
    List<ResourceEvent> recorded = of(vm);
    assertEquals(2, recorded.size(), recorded.toString());
    ResourceEvent started = find(recorded, "VM started");
    assertEquals(2, started.count(), "the second start is a repeat; RUNNING published again is no news");
    assertEquals("STOPPED → RUNNING", started.content());
    assertEquals(ResourceEventLevel.NORMAL, started.level());
    assertEquals("RUNNING → STOPPED", find(recorded, "VM stopped").content());
    String region = db.jdbi().withHandle(h -> h.createQuery("SELECT region_id FROM vms WHERE id = :id")
        .bind("id", vm).mapTo(String.class).one());
    assertEquals(region, started.regionId());
  }

  @Test
  void aFailedJobOnAVmIsAnErrorWithItsReason() {
    String vm = inventory.vm(null, VmState.STOPPED);
    events = new ResourceEvents(db.jdbi(), bus);
    job("job-1", "START_VM", "FAILED", vm, "no node has 4 free vCPUs");
    bus.publish("job", "job-1", "RUNNING");
    bus.publish("job", "job-1", "FAILED");
    ResourceEvent failed = find(of(vm), "Start VM failed");
    assertEquals(ResourceEventLevel.ERROR, failed.level());
    assertEquals("no node has 4 free vCPUs", failed.content());
  }

  @Test
  void aSucceededPlacementSaysWhereTheVmIs() {
    String node = inventory.node("http://n1:7070");
    String vm = inventory.vm(node, VmState.RUNNING);
    events = new ResourceEvents(db.jdbi(), bus);
    job("job-2", "CREATE_VM", "SUCCEEDED", vm, null);
    bus.publish("job", "job-2", "SUCCEEDED");
    assertEquals("placed on " + node, find(of(vm), "Create VM succeeded").content());
  }

  @Test
  void aNodeLostAndBackIsAWarningThenNormal() {
    String node = inventory.node("http://n1:7070");
    events = new ResourceEvents(db.jdbi(), bus);
    bus.publish("node", node, "CONNECTED");
    bus.publish("node", node, "DISCONNECTED");
    bus.publish("node", node, "CONNECTED");
    List<ResourceEvent> recorded = of(node);
    assertEquals(ResourceEventLevel.WARNING, find(recorded, "Node disconnected").level());
    assertEquals("DISCONNECTED → CONNECTED", find(recorded, "Node connected").content());
    assertEquals(2, recorded.size(), "CONNECTED at the start is the state the node was seeded with");
  }

  @Test
  void listenersHearNewAndRepeatedEventsAndAFailingOneStopsNoOne() {
    String vm = inventory.vm(null, VmState.STOPPED);
    events = new ResourceEvents(db.jdbi(), bus);
    List<ResourceEvent> heard = new ArrayList<>();
    events.listen(e -> {
      throw new IllegalStateException("a broken rule");
    });
    Runnable stop = events.listen(heard::add);
    for (String s : List.of("RUNNING", "STOPPING", "STOPPED", "RUNNING")) {
      bus.publish("vm", vm, s);
    }
    assertEquals(List.of("VM started", "VM stopped", "VM started"), heard.stream().map(ResourceEvent::eventType)
        .toList());
    assertEquals(2, heard.get(2).count());
    assertEquals("vm", heard.get(2).resourceType());
    stop.run();
    bus.publish("vm", vm, "STOPPED");
    assertEquals(3, heard.size());
  }

  @Test
  void aFailureToRecordNeverReachesThePublisher() {
    String vm = inventory.vm(null, VmState.STOPPED);
    events = new ResourceEvents(db.jdbi(), bus);
    db.jdbi().useHandle(h -> h.execute("DROP TABLE resource_events"));
    assertDoesNotThrow(() -> bus.publish("vm", vm, "RUNNING"));
  }

  @Test
  void aStateRepublishedAfterARestartIsNoNews() {
    String vm = inventory.vm(null, VmState.RUNNING);
    events = new ResourceEvents(db.jdbi(), bus);
    bus.publish("vm", vm, "RUNNING");
    assertTrue(of(vm).isEmpty());
  }

  private void job(String id, String type, String state, String vm, String error) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO jobs (id, type, state, resource_type, resource_id,"
            + " context_json, current_step, created_at, updated_at, error, finished_at) VALUES (:id, :type, :s, 'vm',"
            + " :vm, :ctx, 0, :now, :now, :e, :now)")
        .bind("id", id).bind("type", type).bind("s", state).bind("vm", vm).bind("ctx", "{\"vmId\":\"" + vm + "\"}")
        .bind("e", error).bind("now", now).execute());
  }

  private List<ResourceEvent> of(String resource) {
    return events.log().page(new ResourceEventQuery(null, null, resource, null, null,
        Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(5)), 0, 100).items();
  }

  private static ResourceEvent find(List<ResourceEvent> events, String type) {
    return events.stream().filter(e -> e.eventType().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
  }
}
