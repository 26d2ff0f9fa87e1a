package dev.vireo.server.resourceevent;

import dev.vireo.api.model.Page;
import dev.vireo.api.model.ResourceEvent;
import dev.vireo.api.model.ResourceEventLevel;
import dev.vireo.server.resourceevent.ResourceEventMapping.Occurrence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code resource_events} table: an occurrence adds a row, or counts up the row of the same
 * (resource, event type, level, content) and moves its last time; rows past the retention are purged.
 */
public final class ResourceEventLog {
  private static final String COLUMNS = "id, resource_id, resource_type, region_id, event_type, level, content,"
      + " occurrences, first_at, last_at";
  private final Jdbi jdbi;

  public ResourceEventLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Records one occurrence at {@code at}; the row as it is now. Serialized: two repeats never make two rows. */
  public synchronized ResourceEvent record(Occurrence o, String regionId, Instant at) {
    String content = cut(o.content(), 2000);
    String type = cut(o.eventType(), 80);
    return jdbi.inTransaction(h -> {
      Optional<Long> same = h.createQuery("SELECT id FROM resource_events WHERE resource_id = :r"
              + " AND event_type = :t AND level = :l AND content = :c AND resource_type = :rt ORDER BY id DESC LIMIT 1")
          .bind("r", o.resourceId()).bind("t", type).bind("l", o.level().name()).bind("c", content)
          .bind("rt", o.resourceType()).mapTo(Long.class).findFirst();
      long id;
      if (same.isPresent()) {
        id = same.get();
        h.createUpdate("UPDATE resource_events SET occurrences = occurrences + 1, last_at = :at,"
                + " region_id = COALESCE(:region, region_id) WHERE id = :id")
            .bind("at", utc(at)).bind("region", regionId).bind("id", id).execute();
      } else {
        id = h.createUpdate("INSERT INTO resource_events (resource_id, resource_type, region_id, event_type, level,"
                + " content, occurrences, first_at, last_at) VALUES (:r, :rt, :region, :t, :l, :c, 1, :at, :at)")
            .bind("r", o.resourceId()).bind("rt", o.resourceType()).bind("region", regionId).bind("t", type)
            .bind("l", o.level().name()).bind("c", content).bind("at", utc(at))
            .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      }
      return get(h, id);
    });
  }

  public int purgeOlderThan(Instant cutoff) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM resource_events WHERE last_at < :cutoff")
        .bind("cutoff", utc(cutoff)).execute());
  }

  /** Most recently occurred first. */
  public Page<ResourceEvent> page(ResourceEventQuery q, int offset, int limit) {
    return jdbi.withHandle(h -> {
      long total = q.bindTo(h.createQuery("SELECT COUNT(*) FROM resource_events" + q.where())).mapTo(Long.class).one();
      List<ResourceEvent> items = q.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM resource_events" + q.where()
              + " ORDER BY last_at DESC, id DESC LIMIT :limit OFFSET :offset"))
          .bind("limit", limit).bind("offset", offset).map((rs, ctx) -> event(rs)).list();
      return new Page<>(items, (int) Math.min(total, Integer.MAX_VALUE), offset, limit);
    });
  }

  public long count(ResourceEventQuery q) {
    return jdbi.withHandle(h -> q.bindTo(h.createQuery("SELECT COUNT(*) FROM resource_events" + q.where()))
        .mapTo(Long.class).one());
  }

  private static ResourceEvent get(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM resource_events WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> event(rs)).one();
  }

  private static ResourceEvent event(ResultSet rs) throws SQLException {
    return new ResourceEvent(rs.getLong("id"), rs.getString("resource_id"), rs.getString("resource_type"),
        rs.getString("region_id"), rs.getString("event_type"), ResourceEventLevel.valueOf(rs.getString("level")),
        rs.getString("content"), rs.getInt("occurrences"),
        rs.getObject("first_at", OffsetDateTime.class).toInstant(),
        rs.getObject("last_at", OffsetDateTime.class).toInstant());
  }

  static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
