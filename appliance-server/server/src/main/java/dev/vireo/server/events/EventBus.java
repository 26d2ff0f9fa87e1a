package dev.vireo.server.events;

import dev.vireo.api.model.ServerEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Job and resource changes: appended to the {@code events} table (so a reconnecting client
 * resumes from its last sequence number) and pushed to live subscribers.
 */
public final class EventBus {
  private final Jdbi jdbi;
  private final List<Consumer<ServerEvent>> subscribers = new CopyOnWriteArrayList<>();

  public EventBus(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void publish(String kind, String id, String state) {
    Instant at = Instant.now();
    long seq = jdbi.withHandle(h -> h.createUpdate(
            "INSERT INTO events (kind, resource_id, state, occurred_at) VALUES (:k, :i, :s, :a)")
        .bind("k", kind).bind("i", id).bind("s", state).bind("a", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .executeAndReturnGeneratedKeys("seq").mapTo(Long.class).one());
    ServerEvent event = new ServerEvent(seq, kind, id, state, at);
    for (Consumer<ServerEvent> s : subscribers) {
      s.accept(event);
    }
  }

  public Runnable subscribe(Consumer<ServerEvent> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  public List<ServerEvent> since(long seq, int max) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT seq, kind, resource_id, state, occurred_at FROM events WHERE seq > :s ORDER BY seq LIMIT :m")
        .bind("s", seq).bind("m", max)
        .map((rs, ctx) -> new ServerEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class).toInstant()))
        .list());
  }
}
