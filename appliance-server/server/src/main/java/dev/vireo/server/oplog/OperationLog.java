package dev.vireo.server.oplog;

import dev.vireo.api.model.OperationLogEntry;
import dev.vireo.api.model.OperationResult;
import dev.vireo.api.model.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code operation_logs} table: entries opened before a call runs, closed with its outcome,
 * finished by the call's job when it answered 202, reconciled after a crash, purged after the
 * retention.
 */
public final class OperationLog {
  private static final String COLUMNS = "id, operation, module, method, path, region_id, resources, operator,"
      + " source_ip, result, status, error_code, reason, remark, job_id, occurred_at, finished_at";
  private final Jdbi jdbi;
  private record Listener(java.util.function.Consumer<OperationLogEntry> consumer,
      java.util.function.BooleanSupplier interested) {}

  private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public OperationLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Sees each entry once it has its outcome (the call's, or its job's), on the thread that wrote
   * it: keep it cheap. A listener that throws is logged and does not disturb the others.
   */
  public void listen(java.util.function.Consumer<OperationLogEntry> listener) {
    listen(listener, () -> true);
  }

  /**
   * As {@link #listen(java.util.function.Consumer)}, but the finished entry is read back from the
   * database only while {@code interested} says so (no extra query per call while, say, no
   * notification rule watches the operation log).
   */
  public void listen(java.util.function.Consumer<OperationLogEntry> listener,
      java.util.function.BooleanSupplier interested) {
    listeners.add(new Listener(listener, interested));
  }

  private void ended(String where, Object key) {
    List<Listener> wanting = listeners.stream().filter(l -> l.interested().getAsBoolean()).toList();
    if (wanting.isEmpty()) {
      return;
    }
    List<OperationLogEntry> entries = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
        + " FROM operation_logs WHERE " + where + " AND result <> 'RUNNING'").bind("k", key)
        .map((rs, ctx) -> entry(rs)).list());
    for (OperationLogEntry e : entries) {
      for (Listener l : wanting) {
        try {
          l.consumer().accept(e);
        } catch (RuntimeException ex) {
          org.slf4j.LoggerFactory.getLogger(OperationLog.class).warn("operation log listener failed on entry {}: {}",
              e.id(), ex.toString());
        }
      }
    }
  }

  /** What is known before the handler runs. */
  record Opening(String operation, String module, String method, String path, String regionId,
      List<String> resources, String operator, String sourceIp) {}

  /** What the call ended with. */
  record Closing(OperationResult result, int status, String errorCode, String reason, String regionId,
      List<String> resources, String operator, String remark, String jobId) {}

  long open(Opening o) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO operation_logs (operation, module, method, path,"
            + " region_id, resources, operator, source_ip, result, status, occurred_at) VALUES (:op, :module,"
            + " :method, :path, :region, :resources, :operator, :ip, 'RUNNING', 0, :at)")
        .bind("op", o.operation()).bind("module", o.module()).bind("method", o.method())
        .bind("path", cut(o.path(), 1000)).bind("region", o.regionId()).bind("resources", join(o.resources()))
        .bind("operator", cut(o.operator(), 320)).bind("ip", o.sourceIp()).bind("at", utc(Instant.now()))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  void close(long id, Closing c) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE operation_logs SET result = :result, status = :status,"
            + " error_code = :code, reason = :reason, region_id = :region, resources = :resources,"
            + " operator = :operator, remark = :remark, job_id = :job,"
            + " finished_at = :at WHERE id = :id")
        .bind("result", c.result().name()).bind("status", c.status()).bind("code", c.errorCode())
        .bind("reason", cut(c.reason(), 4000)).bind("region", c.regionId()).bind("resources", join(c.resources()))
        .bind("operator", cut(c.operator(), 320)).bind("remark", cut(c.remark(), 1000)).bind("job", c.jobId())
        .bind("at", c.result() == OperationResult.RUNNING ? null : utc(Instant.now())).bind("id", id).execute());
    if (c.result() != OperationResult.RUNNING) {
      ended("id = :k", id);
    }
  }

  /** The entry of a 202 call takes its job's outcome and failure reason. */
  public int jobEnded(String jobId) {
    int n = jdbi.withHandle(h -> h.createUpdate("UPDATE operation_logs o SET"
            + " result = (SELECT j.state FROM jobs j WHERE j.id = o.job_id),"
            + " reason = (SELECT j.error FROM jobs j WHERE j.id = o.job_id),"
            + " finished_at = (SELECT j.finished_at FROM jobs j WHERE j.id = o.job_id)"
            + " WHERE o.job_id = :job AND o.result = 'RUNNING'"
            + " AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = o.job_id AND j.state IN ('SUCCEEDED', 'FAILED'))")
        .bind("job", jobId).execute());
    if (n > 0) {
      ended("job_id = :k", jobId);
    }
    return n;
  }

  /**
   * After a restart: entries whose job ended while no one listened take its outcome; calls cut off
   * by the stop (no job, never closed) are marked failed with that reason. Entries of jobs that
   * still run stay RUNNING: the job engine resumes them.
   */
  public int reconcile() {
    return jdbi.inTransaction(h -> {
      int jobs = h.createUpdate("UPDATE operation_logs o SET"
              + " result = (SELECT j.state FROM jobs j WHERE j.id = o.job_id),"
              + " reason = (SELECT j.error FROM jobs j WHERE j.id = o.job_id),"
              + " finished_at = (SELECT j.finished_at FROM jobs j WHERE j.id = o.job_id)"
              + " WHERE o.result = 'RUNNING' AND o.job_id IS NOT NULL AND EXISTS"
              + " (SELECT 1 FROM jobs j WHERE j.id = o.job_id AND j.state IN ('SUCCEEDED', 'FAILED'))")
          .execute();
      int cut = h.createUpdate("UPDATE operation_logs SET result = 'FAILED', status = 503, error_code = 'interrupted',"
              + " reason = 'the server stopped before the call was answered; check the resource', finished_at = :at"
              + " WHERE result = 'RUNNING' AND job_id IS NULL")
          .bind("at", utc(Instant.now())).execute();
      return jobs + cut;
    });
  }

  public int purgeOlderThan(Instant cutoff) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM operation_logs WHERE occurred_at < :cutoff")
        .bind("cutoff", utc(cutoff)).execute());
  }

  /** Newest first. */
  public Page<OperationLogEntry> page(OperationLogQuery q, int offset, int limit) {
    return jdbi.withHandle(h -> {
      long total = q.bindTo(h.createQuery("SELECT COUNT(*) FROM operation_logs" + q.where()))
          .mapTo(Long.class).one();
      List<OperationLogEntry> items = q.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM operation_logs"
              + q.where() + " ORDER BY id DESC LIMIT :limit OFFSET :offset"))
          .bind("limit", limit).bind("offset", offset).map((rs, ctx) -> entry(rs)).list();
      return new Page<>(items, (int) Math.min(total, Integer.MAX_VALUE), offset, limit);
    });
  }

  public long count(OperationLogQuery q) {
    return jdbi.withHandle(h -> q.bindTo(h.createQuery("SELECT COUNT(*) FROM operation_logs" + q.where()))
        .mapTo(Long.class).one());
  }

  private static OperationLogEntry entry(ResultSet rs) throws SQLException {
    String resources = rs.getString("resources");
    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
    return new OperationLogEntry(rs.getLong("id"), rs.getString("operation"), rs.getString("module"),
        rs.getString("method"), rs.getString("path"), rs.getString("region_id"),
        resources.isEmpty() ? List.of() : Arrays.asList(resources.split(",")), rs.getString("operator"),
        rs.getString("source_ip"), OperationResult.valueOf(rs.getString("result")), rs.getInt("status"),
        rs.getString("error_code"), rs.getString("reason"), rs.getString("remark"), rs.getString("job_id"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
  }

  static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static String join(List<String> resources) {
    return cut(String.join(",", resources), 2000);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
