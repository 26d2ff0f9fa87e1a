package dev.vireo.server.job;

import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.JobStep;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.StepState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs persisted jobs of ordered steps on a bounded pool, one job per resource at a time; rolls
 * completed steps back in reverse when one fails; resumes unfinished jobs after a restart.
 */
public final class JobEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

  private final Jdbi jdbi;
  private final EventBus events;
  private final ExecutorService workers;
  private final Map<String, JobType<?>> types = new ConcurrentHashMap<>();
  /** Per resource: the queue of job ids; the head is running. */
  private final Map<String, Deque<String>> queues = new HashMap<>();
  private volatile boolean closing;

  public JobEngine(Jdbi jdbi, EventBus events, int workers) {
    this.jdbi = jdbi;
    this.events = events;
    this.workers = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "job-worker");
      t.setDaemon(true);
      return t;
    });
  }

  public void register(JobType<?> type) {
    types.put(type.name(), type);
  }

  /** Inserts a QUEUED job in the caller's transaction; call {@link #start} after the commit. */
  public <C> String insert(Handle h, JobType<C> type, C context, String resourceType, String resourceId) {
    String id = "job-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    h.createUpdate("INSERT INTO jobs (id, type, state, resource_type, resource_id, context_json, current_step,"
            + " created_at, updated_at) VALUES (:id, :type, 'QUEUED', :rt, :rid, :ctx, 0, :now, :now)")
        .bind("id", id).bind("type", type.name()).bind("rt", resourceType).bind("rid", resourceId)
        .bind("ctx", new String(Json.write(context), java.nio.charset.StandardCharsets.UTF_8)).bind("now", now)
        .execute();
    List<Step<C>> steps = type.steps();
    for (int i = 0; i < steps.size(); i++) {
      h.createUpdate("INSERT INTO job_steps (job_id, idx, name, state) VALUES (:j, :i, :n, 'PENDING')")
          .bind("j", id).bind("i", i).bind("n", steps.get(i).name()).execute();
    }
    return id;
  }

  /** Queues a committed job behind any other job of the same resource. */
  public void start(String jobId) {
    String resource = jdbi.withHandle(h -> h.createQuery("SELECT resource_id FROM jobs WHERE id = :id")
        .bind("id", jobId).mapTo(String.class).one());
    boolean runNow;
    synchronized (queues) {
      Deque<String> q = queues.computeIfAbsent(resource, r -> new ArrayDeque<>());
      if (q.contains(jobId)) {
        return;
      }
      q.addLast(jobId);
      runNow = q.size() == 1;
    }
    events.publish("job", jobId, JobState.QUEUED.name());
    if (runNow && !closing) {
      workers.execute(() -> run(resource, jobId));
    }
  }

  /** True while a job on this resource is queued or running: the job owns its state. */
  public boolean busy(String resourceId) {
    synchronized (queues) {
      Deque<String> q = queues.get(resourceId);
      return q != null && !q.isEmpty();
    }
  }

  /** After a restart: every job not final resumes from the step it was in (steps are idempotent). */
  public void recover() {
    List<String> unfinished = jdbi.withHandle(h -> h.createQuery(
            "SELECT id FROM jobs WHERE state IN ('QUEUED', 'RUNNING') ORDER BY created_at")
        .mapTo(String.class).list());
    if (!unfinished.isEmpty()) {
      LOG.info("resuming {} job(s) interrupted by the last stop", unfinished.size());
    }
    unfinished.forEach(this::start);
  }

  private void run(String resource, String jobId) {
    try {
      execute(jobId);
    } catch (Exception e) {
      if (closing) {
        return;
      }
      LOG.error("job {} crashed the engine", jobId, e);
      finish(jobId, JobState.FAILED, "internal error: " + e.getMessage());
    } finally {
      String next;
      synchronized (queues) {
        Deque<String> q = queues.get(resource);
        q.remove(jobId);
        next = q.peekFirst();
        if (next == null) {
          queues.remove(resource);
        }
      }
      // while closing, a queued job stays QUEUED in the database and resumes at the next start
      if (next != null && !closing) {
        workers.execute(() -> run(resource, next));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private <C> void execute(String jobId) throws Exception {
    Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
            "SELECT type, state, context_json, current_step FROM jobs WHERE id = :id")
        .bind("id", jobId).mapToMap().one());
    if (JobState.valueOf((String) row.get("state")).isFinal()) {
      return;
    }
    JobType<C> type = (JobType<C>) types.get((String) row.get("type"));
    if (type == null) {
      finish(jobId, JobState.FAILED, "unknown job type " + row.get("type") + " (server downgraded?)");
      return;
    }
    C ctx = Json.MAPPER.readValue((String) row.get("context_json"), type.contextType());
    int from = ((Number) row.get("current_step")).intValue();
    setJob(jobId, JobState.RUNNING, null);
    List<Step<C>> steps = type.steps();
    for (int i = from; i < steps.size(); i++) {
      Step<C> step = steps.get(i);
      setStep(jobId, i, StepState.RUNNING, null);
      long started = System.nanoTime();
      JobProgress.bind(new JobProgress.OfJob(jdbi, events, jobId));
      try {
        step.run(ctx);
        // where a job's time goes (read by the VM create benchmark, docs/benchmarks.md)
        LOG.info("job {} {} step {} '{}' took {} ms", jobId, type.name(), i, step.name(),
            (System.nanoTime() - started) / 1_000_000);
      } catch (Exception e) {
        if (closing) {
          LOG.info("job {} left in step {} for the next start to resume", jobId, step.name());
          return;
        }
        String reason = reason(step, e);
        LOG.info("job {} step {} failed: {}", jobId, step.name(), reason);
        setStep(jobId, i, StepState.FAILED, reason);
        rollback(jobId, steps, i - 1, ctx);
        try {
          type.onFailure(ctx, reason);
        } catch (Exception fe) {
          LOG.warn("job {} failure handler: {}", jobId, fe.toString());
        }
        finish(jobId, JobState.FAILED, reason);
        return;
      } finally {
        JobProgress.bind(null);
      }
      int next = i + 1;
      jdbi.useTransaction(h -> {
        h.createUpdate("UPDATE job_steps SET state = 'DONE' WHERE job_id = :j AND idx = :i")
            .bind("j", jobId).bind("i", next - 1).execute();
        h.createUpdate("UPDATE jobs SET current_step = :n, updated_at = :t WHERE id = :j")
            .bind("n", next).bind("t", OffsetDateTime.now(ZoneOffset.UTC)).bind("j", jobId).execute();
      });
    }
    type.onSuccess(ctx);
    finish(jobId, JobState.SUCCEEDED, null);
  }

  private static String reason(Step<?> step, Exception e) {
    if (e instanceof JobFailedException || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    return step.name() + " failed: " + e;
  }

  private <C> void rollback(String jobId, List<Step<C>> steps, int last, C ctx) {
    for (int i = last; i >= 0; i--) {
      try {
        steps.get(i).rollback(ctx);
        setStep(jobId, i, StepState.ROLLED_BACK, null);
      } catch (Exception e) {
        LOG.warn("job {} rollback of {} failed: {}", jobId, steps.get(i).name(), e.toString());
        setStep(jobId, i, StepState.FAILED, "rollback failed: " + e.getMessage());
      }
    }
  }

  private void setStep(String jobId, int idx, StepState state, String error) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE job_steps SET state = :s, error = :e WHERE job_id = :j AND idx = :i")
        .bind("s", state.name()).bind("e", truncate(error)).bind("j", jobId).bind("i", idx).execute());
  }

  private void setJob(String jobId, JobState state, String error) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET state = :s, error = :e, updated_at = :t WHERE id = :j")
        .bind("s", state.name()).bind("e", truncate(error)).bind("t", OffsetDateTime.now(ZoneOffset.UTC))
        .bind("j", jobId).execute());
    events.publish("job", jobId, state.name());
  }

  private void finish(String jobId, JobState state, String error) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbi.useHandle(h -> h.createUpdate(
            "UPDATE jobs SET state = :s, error = :e, updated_at = :t, finished_at = :t WHERE id = :j")
        .bind("s", state.name()).bind("e", truncate(error)).bind("t", now).bind("j", jobId).execute());
    events.publish("job", jobId, state.name());
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }

  public Job get(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM jobs WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> toJob(h, rs)).findOne().orElse(null));
  }

  public Page<Job> list(String state, int offset, int limit) {
    return list(state, null, dev.vireo.server.http.RegionClause.ALL, offset, limit);
  }

  /**
   * The jobs of {@code state} (null: any) that meet {@code condition} (an SQL condition over
   * {@code jobs} whose parameters {@code scope} binds; null: all), newest first.
   */
  public Page<Job> list(String state, String condition, dev.vireo.server.http.RegionClause scope, int offset,
      int limit) {
    java.util.StringJoiner w = new java.util.StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
    if (state != null) {
      w.add("state = :state");
    }
    if (condition != null) {
      w.add(condition);
    }
    String where = w.toString();
    Map<String, Object> args = state == null ? Map.of() : Map.of("state", state);
    return jdbi.withHandle(h -> {
      int total = scope.bindTo(h.createQuery("SELECT COUNT(*) FROM jobs" + where).bindMap(args))
          .mapTo(Integer.class).one();
      List<Job> items = scope.bindTo(h.createQuery("SELECT * FROM jobs" + where
              + " ORDER BY created_at DESC, id LIMIT :l OFFSET :o").bindMap(args)).bind("l", limit).bind("o", offset)
          .map((rs, ctx) -> toJob(h, rs)).list();
      return new Page<>(items, total, offset, limit);
    });
  }

  /** Whether job {@code id} meets {@code condition} (see the list with a condition). */
  public boolean meets(String id, String condition, dev.vireo.server.http.RegionClause scope) {
    if (condition == null) {
      return true;
    }
    return jdbi.withHandle(h -> scope.bindTo(h.createQuery("SELECT COUNT(*) FROM jobs WHERE id = :id AND " + condition)
        .bind("id", id)).mapTo(Integer.class).one() > 0);
  }

  private static Job toJob(Handle h, java.sql.ResultSet rs) throws java.sql.SQLException {
    String id = rs.getString("id");
    List<JobStep> steps = h.createQuery("SELECT idx, name, state, error FROM job_steps WHERE job_id = :j ORDER BY idx")
        .bind("j", id)
        .map((r, c) -> new JobStep(r.getInt(1), r.getString(2), StepState.valueOf(r.getString(3)), r.getString(4)))
        .list();
    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
    return new Job(id, rs.getString("type"), JobState.valueOf(rs.getString("state")), rs.getString("resource_type"),
        rs.getString("resource_id"), rs.getString("error"), steps,
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant(),
        (Integer) rs.getObject("progress", Integer.class));
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
  }
}
