package dev.vireo.server.notify;

import dev.vireo.api.model.NotificationDelivery;
import dev.vireo.api.model.NotificationDeliveryStatus;
import dev.vireo.api.model.Page;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** The notification_deliveries table: one row per notification and contact, updated after every attempt. */
public final class DeliveryLog {
  /** How long finished deliveries are kept. */
  static final Duration RETENTION = Duration.ofDays(90);
  static final String INTERRUPTED = "the server stopped before the delivery finished";
  private static final int MAX_ERROR = 2000;

  private final Jdbi jdbi;

  public DeliveryLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A new PENDING delivery with no attempt yet. */
  NotificationDelivery open(String groupId, String contactId, String subject) {
    String id = Ids.next("nd");
    String s = subject.length() > 1000 ? subject.substring(0, 1000) : subject;
    OffsetDateTime now = now();
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO notification_deliveries (id, group_id, contact_id, subject,"
        + " status, attempts, created_at) VALUES (:id, :g, :c, :s, 'PENDING', 0, :t)").bind("id", id)
        .bind("g", groupId).bind("c", contactId).bind("s", s).bind("t", now).execute());
    return new NotificationDelivery(id, groupId, contactId, s, NotificationDeliveryStatus.PENDING, 0, null,
        now.toInstant(), null);
  }

  /** Records attempt number {@code attempts}; {@code status} PENDING when another one follows. */
  NotificationDelivery attempted(NotificationDelivery d, int attempts, NotificationDeliveryStatus status,
      String error) {
    String e = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    OffsetDateTime finished = status == NotificationDeliveryStatus.PENDING ? null : now();
    jdbi.useHandle(h -> h.createUpdate("UPDATE notification_deliveries SET status = :s, attempts = :a,"
        + " last_error = :e, finished_at = :f WHERE id = :id").bind("id", d.id()).bind("s", status.name())
        .bind("a", attempts).bind("e", e).bind("f", finished).execute());
    return new NotificationDelivery(d.id(), d.groupId(), d.contactId(), d.subject(), status, attempts, e,
        d.createdAt(), finished == null ? null : finished.toInstant());
  }

  public Optional<NotificationDelivery> get(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM notification_deliveries WHERE id = :id").bind("id", id)
        .map((rs, c) -> map(rs)).findFirst());
  }

  /** Newest first; {@code groupId}, {@code contactId} and {@code status} filter when not null. */
  public Page<NotificationDelivery> page(String groupId, String contactId, NotificationDeliveryStatus status,
      int offset, int limit) {
    String where = " WHERE 1 = 1" + (groupId == null ? "" : " AND group_id = :g")
        + (contactId == null ? "" : " AND contact_id = :c") + (status == null ? "" : " AND status = :s");
    return jdbi.withHandle(h -> {
      int total = bind(h.createQuery("SELECT COUNT(*) FROM notification_deliveries" + where), groupId, contactId,
          status).mapTo(Integer.class).one();
      var items = bind(h.createQuery("SELECT * FROM notification_deliveries" + where
          + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"), groupId, contactId, status)
          .bind("limit", limit).bind("offset", offset).map((rs, c) -> map(rs)).list();
      return new Page<>(items, total, offset, limit);
    });
  }

  private static Query bind(Query q, String groupId, String contactId, NotificationDeliveryStatus status) {
    if (groupId != null) {
      q.bind("g", groupId);
    }
    if (contactId != null) {
      q.bind("c", contactId);
    }
    if (status != null) {
      q.bind("s", status.name());
    }
    return q;
  }

  /** At start: deliveries a stopped server left PENDING fail with the reason; old ones go. */
  void reconcile() {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE notification_deliveries SET status = 'FAILED', last_error = :e, finished_at = :t"
          + " WHERE status = 'PENDING'").bind("e", INTERRUPTED).bind("t", Rows.now()).execute();
      prune(h);
    });
  }

  void prune() {
    jdbi.useHandle(DeliveryLog::prune);
  }

  private static void prune(org.jdbi.v3.core.Handle h) {
    h.createUpdate("DELETE FROM notification_deliveries WHERE created_at < :t AND status <> 'PENDING'")
        .bind("t", Rows.now().minus(RETENTION)).execute();
  }

  /** To the microsecond, as the database keeps it: an answer equals the row read back. */
  private static OffsetDateTime now() {
    return Rows.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static NotificationDelivery map(ResultSet rs) throws SQLException {
    return new NotificationDelivery(rs.getString("id"), rs.getString("group_id"), rs.getString("contact_id"),
        rs.getString("subject"), NotificationDeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
        rs.getString("last_error"), Rows.instant(rs, "created_at"), Rows.instant(rs, "finished_at"));
  }
}
