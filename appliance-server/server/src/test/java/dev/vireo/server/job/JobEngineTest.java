package dev.vireo.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.JobStep;
import dev.vireo.api.model.StepState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobEngineTest {
  /** The persisted context of the test jobs. */
  record Ctx(String tag) {}

  /** A job type built from steps, recording what its hooks were told. */
  static final class TestJob implements JobType<Ctx> {
    final String name;
    final List<Step<Ctx>> steps;
    final List<String> succeeded = Collections.synchronizedList(new ArrayList<>());
    final List<String> failed = Collections.synchronizedList(new ArrayList<>());

    TestJob(String name, List<Step<Ctx>> steps) {
      this.name = name;
      this.steps = steps;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Class<Ctx> contextType() {
      return Ctx.class;
    }

    @Override
    public List<Step<Ctx>> steps() {
      return steps;
    }

    @Override
    public void onSuccess(Ctx c) {
      succeeded.add(c.tag());
    }

    @Override
    public void onFailure(Ctx c, String reason) {
      failed.add(c.tag() + ": " + reason);
    }
  }

  @TempDir
  Path dir;
  Database db;
  Jdbi jdbi;
  EventBus events;
  JobEngine engine;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void open() {
    db = new Database(dir);
    jdbi = db.jdbi();
    events = new EventBus(jdbi);
    engine = new JobEngine(jdbi, events, 4);
  }

  @AfterEach
  void close() throws Exception {
    engine.close();
    db.close();
  }

  private Step<Ctx> recording(String name) {
    return Step.of(name, c -> log.add(c.tag() + ":" + name), c -> log.add(c.tag() + ":undo " + name));
  }

  private String submit(JobEngine e, JobType<Ctx> type, String tag, String resource) {
    Submission s = new Submission(jdbi, e);
    return s.submit(h -> s.job(h, type, new Ctx(tag), "vm", resource)).jobId();
  }

  private Job awaitFinal(JobEngine e, String id) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      Job j = e.get(id);
      if (j.state().isFinal()) {
        return j;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("job " + id + " did not finish: " + e.get(id));
  }

  private static List<StepState> stepStates(Job j) {
    return j.steps().stream().map(JobStep::state).toList();
  }

  @Test
  void runsStepsInOrderThenCallsOnSuccess() throws Exception {
    TestJob type = new TestJob("T", List.of(recording("a"), recording("b"), recording("c")));
    engine.register(type);

    Job job = awaitFinal(engine, submit(engine, type, "j", "vm-1"));

    assertEquals(JobState.SUCCEEDED, job.state());
    assertEquals(List.of("j:a", "j:b", "j:c"), log);
    assertEquals(List.of(StepState.DONE, StepState.DONE, StepState.DONE), stepStates(job));
    assertEquals(List.of("j"), type.succeeded);
    assertEquals(List.of(), type.failed);
    assertNotNull(job.finishedAt());
  }

  @Test
  void rollsBackCompletedStepsInReverseWhenAStepFails() throws Exception {
    TestJob type = new TestJob("T", List.of(recording("a"), recording("b"),
        Step.of("c", c -> {
          throw new JobFailedException("the node has no space left");
        }), recording("d")));
    engine.register(type);

    Job job = awaitFinal(engine, submit(engine, type, "j", "vm-1"));

    assertEquals(JobState.FAILED, job.state());
    assertEquals("the node has no space left", job.error());
    assertEquals(List.of("j:a", "j:b", "j:undo b", "j:undo a"), log);
    assertEquals(List.of(StepState.ROLLED_BACK, StepState.ROLLED_BACK, StepState.FAILED, StepState.PENDING),
        stepStates(job));
    assertEquals("the node has no space left", job.steps().get(2).error());
    assertEquals(List.of("j: the node has no space left"), type.failed);
    assertEquals(List.of(), type.succeeded);
  }

  @Test
  void anUnexpectedExceptionBecomesAReasonNamingTheStep() throws Exception {
    TestJob type = new TestJob("T", List.of(Step.of("Create disk", c -> {
      throw new java.io.IOException("qemu-img exited 1");
    })));
    engine.register(type);

    Job job = awaitFinal(engine, submit(engine, type, "j", "vm-1"));

    assertEquals(JobState.FAILED, job.state());
    assertTrue(job.error().startsWith("Create disk failed:") && job.error().contains("qemu-img exited 1"),
        job.error());
  }

  @Test
  void aFailingRollbackIsRecordedAndTheOthersStillRun() throws Exception {
    TestJob type = new TestJob("T", List.of(recording("a"),
        Step.of("b", c -> log.add("j:b"), c -> {
          throw new IllegalStateException("cannot undo b");
        }),
        Step.of("c", c -> {
          throw new JobFailedException("c broke");
        })));
    engine.register(type);

    Job job = awaitFinal(engine, submit(engine, type, "j", "vm-1"));

    assertEquals(List.of("j:a", "j:b", "j:undo a"), log);
    assertEquals(List.of(StepState.ROLLED_BACK, StepState.FAILED, StepState.FAILED), stepStates(job));
    assertEquals("rollback failed: cannot undo b", job.steps().get(1).error());
    assertEquals("c broke", job.error());
  }

  @Test
  void runsJobsOfOneResourceOneAtATimeInSubmissionOrder() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    TestJob type = new TestJob("T", List.of(Step.of("work", c -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      log.add(c.tag());
      Thread.sleep(20);
      running.decrementAndGet();
    })));
    engine.register(type);

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(submit(engine, type, "job" + i, "vm-1"));
    }
    for (String id : ids) {
      assertEquals(JobState.SUCCEEDED, awaitFinal(engine, id).state());
    }

    assertEquals(List.of("job0", "job1", "job2", "job3", "job4", "job5"), log);
    assertEquals(1, maxRunning.get(), "jobs of one resource overlapped");
  }

  @Test
  void runsJobsOfDifferentResourcesAtTheSameTime() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    TestJob type = new TestJob("T", List.of(Step.of("meet", c -> {
      bothRunning.countDown();
      if (!bothRunning.await(5, TimeUnit.SECONDS)) {
        throw new JobFailedException("the other resource's job never ran alongside");
      }
    })));
    engine.register(type);

    String a = submit(engine, type, "a", "vm-a");
    String b = submit(engine, type, "b", "vm-b");

    assertEquals(JobState.SUCCEEDED, awaitFinal(engine, a).state());
    assertEquals(JobState.SUCCEEDED, awaitFinal(engine, b).state());
  }

  @Test
  void busyWhileAJobOfTheResourceIsQueuedOrRunning() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TestJob type = new TestJob("T", List.of(Step.of("hold", c -> {
      entered.countDown();
      release.await();
    })));
    engine.register(type);
    assertFalse(engine.busy("vm-1"));

    String first = submit(engine, type, "first", "vm-1");
    String second = submit(engine, type, "second", "vm-1");
    assertTrue(entered.await(5, TimeUnit.SECONDS));

    assertTrue(engine.busy("vm-1"));
    assertFalse(engine.busy("vm-2"));
    assertEquals(JobState.QUEUED, engine.get(second).state(), "the second job waits for the first");

    release.countDown();
    awaitFinal(engine, first);
    awaitFinal(engine, second);
    awaitIdle("vm-1");
    assertFalse(engine.busy("vm-1"));
  }

  private void awaitIdle(String resource) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (engine.busy(resource) && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }

  @Test
  void recoverResumesAnInterruptedJobFromItsCurrentStep() throws Exception {
    AtomicInteger secondStepRuns = new AtomicInteger();
    CountDownLatch inSecondStep = new CountDownLatch(1);
    TestJob type = new TestJob("T", List.of(recording("a"),
        Step.of("b", c -> {
          if (secondStepRuns.incrementAndGet() == 1) {
            inSecondStep.countDown();
            new CountDownLatch(1).await(); // the server stops while this step waits on its node
          }
          log.add(c.tag() + ":b");
        }),
        recording("c")));
    engine.register(type);
    String id = submit(engine, type, "j", "vm-1");
    assertTrue(inSecondStep.await(5, TimeUnit.SECONDS));

    engine.close();
    Job interrupted = engine.get(id);
    assertEquals(JobState.RUNNING, interrupted.state(), "a stop must leave the job for the next start");
    assertEquals(List.of(StepState.DONE, StepState.RUNNING, StepState.PENDING), stepStates(interrupted));

    engine = new JobEngine(jdbi, events, 4);
    engine.register(type);
    engine.recover();
    Job job = awaitFinal(engine, id);

    assertEquals(JobState.SUCCEEDED, job.state());
    assertEquals(List.of("j:a", "j:b", "j:c"), log, "step a must not run again");
    assertEquals(2, secondStepRuns.get());
    assertEquals(0, unfinishedJobs());
  }

  @Test
  void recoverStartsAJobThatWasCommittedButNeverStarted() throws Exception {
    TestJob type = new TestJob("T", List.of(recording("a")));
    engine.register(type);
    String id = jdbi.inTransaction(h -> engine.insert(h, type, new Ctx("j"), "vm", "vm-1"));

    engine.recover();

    assertEquals(JobState.SUCCEEDED, awaitFinal(engine, id).state());
    assertEquals(0, unfinishedJobs());
  }

  @Test
  void anUnknownJobTypeEndsFailedWithAReason() throws Exception {
    TestJob type = new TestJob("RETIRED_TYPE", List.of(recording("a")));
    String id = jdbi.inTransaction(h -> engine.insert(h, type, new Ctx("j"), "vm", "vm-1"));

    engine.recover(); // this engine knows no RETIRED_TYPE
    Job job = awaitFinal(engine, id);

    assertEquals(JobState.FAILED, job.state());
    assertTrue(job.error().contains("unknown job type RETIRED_TYPE"), job.error());
    assertEquals(List.of(), log);
    assertEquals(0, unfinishedJobs());
  }

  @Test
  void publishesTheJobsStatesAsEvents() throws Exception {
    TestJob type = new TestJob("T", List.of(recording("a")));
    engine.register(type);
    String id = submit(engine, type, "j", "vm-1");
    awaitFinal(engine, id);
    awaitIdle("vm-1"); // the final event is published after the row is written

    List<String> states = events.since(0, 100).stream().filter(e -> e.id().equals(id))
        .map(e -> e.state()).toList();
    assertEquals(List.of("QUEUED", "RUNNING", "SUCCEEDED"), states);
  }

  private int unfinishedJobs() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE state IN ('QUEUED', 'RUNNING')")
        .mapTo(Integer.class).one());
  }
}
