package dev.vireo.server.oplog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vireo.api.model.OperationLogEntry;
import dev.vireo.api.model.OperationResult;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a restart finds in the log after a kill -9: a call cut off mid-way (never closed, no job)
 * becomes FAILED with the reason; a 202 whose job ended while nobody listened takes the job's
 * outcome; one whose job still runs stays RUNNING. Real HSQLDB on disk.
 */
class OperationLogReconcileTest {
  @TempDir
  Path dir;
  Database db;
  OperationLog log;

  @BeforeEach
  void open() {
    db = new Database(dir);
    log = new OperationLog(db.jdbi());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aRestartFinishesWhatTheCrashLeftRunning() {
    long cut = log.open(opening("createSpec"));
    long done = accepted("startVm", "job-done", "FAILED", "the node refused");
    long running = accepted("stopVm", "job-running", "RUNNING", null);

    // the "restart": a new store on the same database
    db.close();
    db = new Database(dir);
    log = new OperationLog(db.jdbi());
    assertEquals(2, log.reconcile());

    OperationLogEntry cutOff = entry(cut);
    assertEquals(OperationResult.FAILED, cutOff.result());
    assertEquals("interrupted", cutOff.errorCode());
    assertEquals("the server stopped before the call was answered; check the resource", cutOff.reason());
    assertNotNull(cutOff.finishedAt());
    OperationLogEntry jobEnded = entry(done);
    assertEquals(OperationResult.FAILED, jobEnded.result());
    assertEquals("the node refused", jobEnded.reason());
    assertEquals(OperationResult.RUNNING, entry(running).result());
    assertEquals(0, log.reconcile(), "a second pass changes nothing");
  }

  @Test
  void entriesPastTheRetentionArePurged() {
    long old = log.open(opening("createSpec"));
    db.jdbi().useHandle(h -> h.createUpdate("UPDATE operation_logs SET occurred_at = :t WHERE id = :id")
        .bind("t", OperationLog.utc(Instant.now().minus(OperationLogQuery.RETENTION).minus(Duration.ofDays(1))))
        .bind("id", old).execute());
    long recent = log.open(opening("createSpec"));
    assertEquals(1, log.purgeOlderThan(Instant.now().minus(OperationLogQuery.RETENTION)));
    long left = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM operation_logs WHERE id = :id")
        .bind("id", recent).mapTo(Long.class).one());
    assertEquals(1, left);
  }

  private long accepted(String operation, String jobId, String jobState, String error) {
    long id = log.open(opening(operation));
    log.close(id, new OperationLog.Closing(OperationResult.RUNNING, 202, null, null, null, List.of("vm-1"), "admin",
        null, jobId));
    db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO jobs (id, type, state, resource_type, resource_id,"
            + " context_json, current_step, created_at, updated_at, error, finished_at) VALUES (:id, 't', :s, 'vm',"
            + " 'vm-1', '{}', 0, :now, :now, :e, :fin)")
        .bind("id", jobId).bind("s", jobState).bind("e", error).bind("now", OperationLog.utc(Instant.now()))
        .bind("fin", jobState.equals("RUNNING") ? null : OperationLog.utc(Instant.now())).execute());
    return id;
  }

  private static OperationLog.Opening opening(String operation) {
    return new OperationLog.Opening(operation, "vms", "POST", "/api/v1/x", null, List.of(), "admin", "127.0.0.1");
  }

  private OperationLogEntry entry(long id) {
    return log.page(new OperationLogQuery(List.of(), null, null, null, null, Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plusSeconds(60), dev.vireo.server.http.RegionClause.ALL), 0, 1000).items().stream().filter(e -> e.id() == id).findFirst().orElseThrow();
  }
}
