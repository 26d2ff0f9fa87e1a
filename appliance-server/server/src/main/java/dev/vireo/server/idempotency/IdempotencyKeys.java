package dev.vireo.server.idempotency;

import dev.vireo.api.model.Accepted;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Json;
import dev.vireo.server.http.Request;
import dev.vireo.server.inventory.Rows;
import dev.vireo.server.job.Submission;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code Idempotency-Key} on creates: the key is stored with the request's hash and the answer in
 * the same transaction as the job, so a retry gets the original answer and never a duplicate.
 */
public final class IdempotencyKeys {
  public static final String HEADER = "Idempotency-Key";
  private final Jdbi jdbi;
  private final Submission submission;

  public IdempotencyKeys(Jdbi jdbi, Submission submission) {
    this.jdbi = jdbi;
    this.submission = submission;
  }

  public Accepted create(Request request, Function<Handle, Accepted> work) {
    String key = request.header(HEADER);
    if (key == null) {
      return submission.submit(work);
    }
    if (key.isBlank() || key.length() > 128) {
      throw ApiException.invalid(HEADER, "must be 1-128 characters");
    }
    String hash = Sessions.sha256(new String(request.body(), StandardCharsets.UTF_8) + "\n" + request.exchange().getRequestPath());
    Optional<Accepted> earlier = lookup(request.username(), key, hash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return submission.submit(h -> {
        Accepted a = work.apply(h);
        h.createUpdate("INSERT INTO idempotency_keys (username, idem_key, request_hash, status, body, created_at)"
                + " VALUES (:u, :k, :h, 202, :b, :t)")
            .bind("u", request.username()).bind("k", key).bind("h", hash)
            .bind("b", new String(Json.write(a), StandardCharsets.UTF_8)).bind("t", Rows.now()).execute();
        return a;
      });
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      // A concurrent retry with the same key won the race: answer what it answered.
      return lookup(request.username(), key, hash).orElseThrow(() -> e);
    }
  }

  private Optional<Accepted> lookup(String user, String key, String hash) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT request_hash, body FROM idempotency_keys WHERE username = :u AND idem_key = :k")
        .bind("u", user).bind("k", key)
        .map((rs, c) -> {
          if (!rs.getString(1).equals(hash)) {
            throw ApiException.conflict(HEADER + " '" + key + "' was used for a different request");
          }
          return Json.read(rs.getString(2).getBytes(StandardCharsets.UTF_8), Accepted.class);
        }).findOne());
  }
}
