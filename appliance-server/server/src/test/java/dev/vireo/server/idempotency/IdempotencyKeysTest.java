package dev.vireo.server.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.api.model.Accepted;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Request;
import dev.vireo.server.job.JobEngine;
import dev.vireo.server.job.NoOpJob;
import dev.vireo.server.job.Submission;
import dev.vireo.server.store.Database;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyKeysTest {
  @TempDir
  Path dir;
  Database db;
  JobEngine engine;
  Submission submission;
  IdempotencyKeys keys;
  final NoOpJob noOp = new NoOpJob();
  final AtomicInteger created = new AtomicInteger();

  @BeforeEach
  void open() {
    db = new Database(dir);
    engine = new JobEngine(db.jdbi(), new EventBus(db.jdbi()), 2);
    engine.register(noOp);
    submission = new Submission(db.jdbi(), engine);
    keys = new IdempotencyKeys(db.jdbi(), submission);
  }

  @AfterEach
  void close() throws Exception {
    engine.close();
    db.close();
  }

  /** The work of a create: one VM's job per call. */
  private final Function<Handle, Accepted> createVm = h -> {
    String id = "vm-" + created.incrementAndGet();
    return submission.job(h, noOp, new NoOpJob.Context(id, "test"), "vm", id);
  };

  private static Request request(String user, String key, String body) {
    HttpServerExchange exchange = new HttpServerExchange(null);
    exchange.setRequestPath("/api/v1/vms");
    if (key != null) {
      exchange.getRequestHeaders().put(new HttpString(IdempotencyKeys.HEADER), key);
    }
    return new Request(exchange, body.getBytes(StandardCharsets.UTF_8), user);
  }

  private int jobs() {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs").mapTo(Integer.class).one());
  }

  @Test
  void aRetryWithTheSameKeyGetsTheFirstAnswerAndNoSecondJob() {
    Accepted first = keys.create(request("admin", "k-1", "{\"name\":\"web\"}"), createVm);
    Accepted again = keys.create(request("admin", "k-1", "{\"name\":\"web\"}"), createVm);

    assertEquals(first, again);
    assertEquals(1, created.get());
    assertEquals(1, jobs());
  }

  @Test
  void theSameKeyForADifferentRequestIsAConflict() {
    keys.create(request("admin", "k-1", "{\"name\":\"web\"}"), createVm);

    ApiException e = assertThrows(ApiException.class,
        () -> keys.create(request("admin", "k-1", "{\"name\":\"db\"}"), createVm));

    assertEquals(409, e.status());
    assertEquals(1, jobs());
  }

  @Test
  void withoutAKeyEveryRequestIsNew() {
    Accepted a = keys.create(request("admin", null, "{\"name\":\"web\"}"), createVm);
    Accepted b = keys.create(request("admin", null, "{\"name\":\"web\"}"), createVm);

    assertNotEquals(a.resourceId(), b.resourceId());
    assertEquals(2, jobs());
  }

  @Test
  void keysBelongToTheirUser() {
    Accepted a = keys.create(request("alice", "k-1", "{\"name\":\"web\"}"), createVm);
    Accepted b = keys.create(request("bob", "k-1", "{\"name\":\"web\"}"), createVm);

    assertNotEquals(a.jobId(), b.jobId());
  }

  @Test
  void aRefusedRequestRecordsNoKey() {
    assertThrows(ApiException.class, () -> keys.create(request("admin", "k-1", "{}"), h -> {
      throw ApiException.conflict("name taken");
    }));

    Accepted retried = keys.create(request("admin", "k-1", "{}"), createVm);

    assertEquals("vm-1", retried.resourceId());
    assertEquals(1, jobs());
  }

  @Test
  void refusesABlankOrOverlongKey() {
    assertEquals(422, assertThrows(ApiException.class,
        () -> keys.create(request("admin", " ", "{}"), createVm)).status());
    assertEquals(422, assertThrows(ApiException.class,
        () -> keys.create(request("admin", "k".repeat(129), "{}"), createVm)).status());
    assertEquals(0, jobs());
  }
}
