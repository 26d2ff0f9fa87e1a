package dev.vireo.server.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.DomainEvent;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobEngine;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.job.Submission;
import dev.vireo.server.store.Database;
import dev.vireo.server.testing.Inventory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateReconcilerTest {
  @TempDir
  Path dir;
  Database db;
  EventBus events;
  JobEngine engine;
  Inventory inventory;
  VmStore vms;
  StateReconciler reconciler;
  String node;

  @BeforeEach
  void open() {
    db = new Database(dir);
    events = new EventBus(db.jdbi());
    engine = new JobEngine(db.jdbi(), events, 2);
    inventory = new Inventory(db.jdbi());
    vms = inventory.vms();
    reconciler = new StateReconciler(vms, engine, events);
    node = inventory.node("http://node-1:7070");
  }

  @AfterEach
  void close() throws Exception {
    engine.close();
    db.close();
  }

  private Vm vm(String id) {
    return vms.get(id).orElseThrow().vm();
  }

  private static DomainStatus domain(String name, DomainPowerState state) {
    return new DomainStatus(name, state, null);
  }

  private List<ServerEvent> eventsOf(String kind) {
    return events.since(0, 1000).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  // --- vm operations: suspend to file ---

  @Test
  void aSuspendedVmWhoseDomainIsShutOffOrLostStaysSuspended() {
    String off = inventory.vm(node, VmState.SUSPENDED);
    String lost = inventory.vm(node, VmState.SUSPENDED);

    reconciler.fullReport(node, List.of(domain(off, DomainPowerState.SHUTOFF)), Instant.now().plusSeconds(5));

    assertEquals(VmState.SUSPENDED, vm(off).state(), "a saved domain is shut off: that is what SUSPENDED means");
    assertEquals(VmState.SUSPENDED, vm(lost).state(), "the resume defines a lost domain again");
  }

  @Test
  void aSuspendedVmStartedOutsideVireoBecomesRunningWithTheImageCalledStale() {
    String id = inventory.vm(node, VmState.SUSPENDED);

    reconciler.fullReport(node, List.of(domain(id, DomainPowerState.RUNNING)), Instant.now().plusSeconds(5));

    assertEquals(VmState.RUNNING, vm(id).state());
    assertTrue(vm(id).stateReason().contains("saved memory is stale"), vm(id).stateReason());
  }

  @Test
  void aSuspendedVmStaysSuspendedWhenItsNodeIsLost() {
    String id = inventory.vm(node, VmState.SUSPENDED);

    reconciler.nodeLost(node);

    assertEquals(VmState.SUSPENDED, vm(id).state(), "its memory is on the shared storage, not on the node");
  }

  @Test
  void aRunningVmTheNodeReportsShutOffBecomesStoppedWithAReason() {
    String id = inventory.vm(node, VmState.RUNNING);

    reconciler.fullReport(node, List.of(domain(id, DomainPowerState.SHUTOFF)), Instant.now());

    assertEquals(VmState.STOPPED, vm(id).state());
    assertTrue(vm(id).stateReason().contains("stopped outside Vireo"), vm(id).stateReason());
    assertTrue(eventsOf("vm").stream().anyMatch(e -> e.id().equals(id) && e.state().equals("STOPPED")));
  }

  @Test
  void aRunningVmWhoseDomainIsAbsentBecomesStopped() {
    String id = inventory.vm(node, VmState.RUNNING);

    reconciler.fullReport(node, List.of(), Instant.now());

    assertEquals(VmState.STOPPED, vm(id).state());
    assertTrue(vm(id).stateReason().contains("no longer defined"), vm(id).stateReason());
  }

  @Test
  void aStoppedVmTheNodeReportsRunningBecomesRunning() {
    String id = inventory.vm(node, VmState.STOPPED);

    reconciler.fullReport(node, List.of(domain(id, DomainPowerState.RUNNING)), Instant.now());

    assertEquals(VmState.RUNNING, vm(id).state());
    assertTrue(vm(id).stateReason().contains("started outside Vireo"), vm(id).stateReason());
  }

  @Test
  void aVmInTheStateTheNodeReportsIsLeftAlone() {
    String id = inventory.vm(node, VmState.RUNNING);
    Instant before = vm(id).updatedAt();

    reconciler.fullReport(node, List.of(domain(id, DomainPowerState.RUNNING)), Instant.now());

    assertEquals(VmState.RUNNING, vm(id).state());
    assertEquals(before, vm(id).updatedAt());
  }

  @Test
  void aVmWithAQueuedOrRunningJobIsLeftToTheJob() throws Exception {
    String id = inventory.vm(node, VmState.RUNNING);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    JobType<String> hold = new JobType<>() {
      @Override
      public String name() {
        return "HOLD";
      }

      @Override
      public Class<String> contextType() {
        return String.class;
      }

      @Override
      public List<Step<String>> steps() {
        return List.of(Step.of("hold", c -> {
          entered.countDown();
          release.await();
        }));
      }
    };
    engine.register(hold);
    Submission submission = new Submission(db.jdbi(), engine);
    String job = submission.submit(h -> submission.job(h, hold, "x", "vm", id)).jobId();
    assertTrue(entered.await(5, TimeUnit.SECONDS));

    reconciler.fullReport(node, List.of(domain(id, DomainPowerState.SHUTOFF)), Instant.now());
    reconciler.event(new DomainEvent(node, id, DomainPowerState.SHUTOFF, "shutdown", Instant.now()));
    reconciler.nodeLost(node);

    assertEquals(VmState.RUNNING, vm(id).state());
    release.countDown();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (engine.get(job).state() != JobState.SUCCEEDED && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }

  @Test
  void aReportObservedBeforeTheVmsLastChangeIsIgnored() {
    String id = inventory.vm(node, VmState.RUNNING); // last changed a minute ago

    reconciler.fullReport(node, List.of(domain(id, DomainPowerState.SHUTOFF)), Instant.now().minusSeconds(120));
    reconciler.event(new DomainEvent(node, id, DomainPowerState.SHUTOFF, "shutdown", Instant.now().minusSeconds(90)));

    assertEquals(VmState.RUNNING, vm(id).state());
  }

  @Test
  void aLifecycleEventMovesTheVmOfThatNodeOnly() {
    String id = inventory.vm(node, VmState.RUNNING);
    String other = inventory.node("http://node-2:7070");

    reconciler.event(new DomainEvent(other, id, DomainPowerState.SHUTOFF, "shutdown", Instant.now()));
    assertEquals(VmState.RUNNING, vm(id).state(), "an event from another node says nothing of this VM");

    reconciler.event(new DomainEvent(node, id, DomainPowerState.SHUTOFF, "shutdown", Instant.now()));
    assertEquals(VmState.STOPPED, vm(id).state());
  }

  @Test
  void aLostNodeMakesItsVmsUnknown() {
    String running = inventory.vm(node, VmState.RUNNING);
    String stopped = inventory.vm(node, VmState.STOPPED);
    String failed = inventory.vm(node, VmState.FAILED);
    String elsewhere = inventory.vm(inventory.node("http://node-2:7070"), VmState.RUNNING);

    reconciler.nodeLost(node);

    assertEquals(VmState.UNKNOWN, vm(running).state());
    assertTrue(vm(running).stateReason().contains(node), vm(running).stateReason());
    assertEquals(VmState.UNKNOWN, vm(stopped).state());
    assertEquals(VmState.FAILED, vm(failed).state(), "FAILED belongs to its job's outcome");
    assertEquals(VmState.RUNNING, vm(elsewhere).state());
  }

  @Test
  void anUnknownVmTakesTheStateItsNodeReportsWhenTheNodeIsBack() {
    String running = inventory.vm(node, VmState.RUNNING);
    String stopped = inventory.vm(node, VmState.STOPPED);
    reconciler.nodeLost(node);

    reconciler.fullReport(node, List.of(domain(running, DomainPowerState.RUNNING),
        domain(stopped, DomainPowerState.SHUTOFF)), Instant.now());

    assertEquals(VmState.RUNNING, vm(running).state());
    assertNull(vm(running).stateReason());
    assertEquals(VmState.STOPPED, vm(stopped).state());
  }

  @Test
  void unmanagedDomainsAreReportedOnceAndNeverTouched() {
    String id = inventory.vm(node, VmState.RUNNING);
    List<DomainStatus> report = List.of(domain(id, DomainPowerState.RUNNING),
        domain("someone-elses-vm", DomainPowerState.RUNNING));

    reconciler.fullReport(node, report, Instant.now());
    reconciler.fullReport(node, report, Instant.now());

    List<ServerEvent> unmanaged = eventsOf("domain");
    assertEquals(1, unmanaged.size(), unmanaged::toString);
    assertEquals("someone-elses-vm", unmanaged.get(0).id());
    assertEquals("UNMANAGED", unmanaged.get(0).state());
    assertEquals(VmState.RUNNING, vm(id).state());
  }
}
