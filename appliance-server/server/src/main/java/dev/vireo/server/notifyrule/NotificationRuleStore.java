package dev.vireo.server.notifyrule;

import dev.vireo.api.model.NotificationRule;
import dev.vireo.api.model.NotificationRuleSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Notification rules in HSQLDB (table of V24); modules and levels as comma-separated lists. */
final class NotificationRuleStore {
  private static final String COLUMNS = "id, name, source, region_id, notification_group_id, modules, levels, created_at";
  private final Jdbi jdbi;

  NotificationRuleStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  List<NotificationRule> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM notification_rules ORDER BY created_at, id")
        .map((rs, ctx) -> new NotificationRule(rs.getString(1), rs.getString(2),
            NotificationRuleSource.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), split(rs.getString(6)),
            split(rs.getString(7)), rs.getObject(8, OffsetDateTime.class).toInstant()))
        .list());
  }

  /** By id, or else by name. */
  Optional<NotificationRule> resolve(String idOrName) {
    List<NotificationRule> all = list();
    return all.stream().filter(r -> r.id().equals(idOrName)).findFirst()
        .or(() -> all.stream().filter(r -> r.name().equals(idOrName)).findFirst());
  }

  boolean nameTaken(Handle h, String name, String exceptId) {
    return h.createQuery("SELECT COUNT(*) FROM notification_rules WHERE name = :n AND id <> :id").bind("n", name)
        .bind("id", exceptId).mapTo(Integer.class).one() > 0;
  }

  void upsert(Handle h, NotificationRule r) {
    h.createUpdate("DELETE FROM notification_rules WHERE id = :id").bind("id", r.id()).execute();
    h.createUpdate("INSERT INTO notification_rules (" + COLUMNS + ") VALUES (:id, :name, :source, :region, :group,"
            + " :modules, :levels, :at)")
        .bind("id", r.id()).bind("name", r.name()).bind("source", r.source().name()).bind("region", r.regionId())
        .bind("group", r.notificationGroupId()).bind("modules", String.join(",", r.modules()))
        .bind("levels", String.join(",", r.levels())).bind("at", OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC))
        .execute();
  }

  void delete(String id) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM notification_rules WHERE id = :id").bind("id", id).execute());
  }

  /** The names of the rules that send to this notification group. */
  List<String> rulesNotifying(String groupId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT name FROM notification_rules WHERE notification_group_id = :g"
        + " ORDER BY name").bind("g", groupId).mapTo(String.class).list());
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }
}
