package dev.vireo.server.notify;

import dev.vireo.api.model.NotificationGroup;
import dev.vireo.server.inventory.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The notification groups and their members. Features that name a group (alarm rules, operation
 * log notification rules) register a veto with {@link #onDelete}: it runs before a group is
 * deleted and refuses by throwing, typically {@code ApiException.conflict(..)} (409).
 */
public final class NotificationGroups {
  private final Jdbi jdbi;
  private final List<Consumer<NotificationGroup>> deleteVetoes = new CopyOnWriteArrayList<>();

  public NotificationGroups(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** {@code veto} sees every group about to be deleted and may refuse by throwing an ApiException. */
  public NotificationGroups onDelete(Consumer<NotificationGroup> veto) {
    deleteVetoes.add(veto);
    return this;
  }

  public List<NotificationGroup> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM notification_groups ORDER BY created_at, id")
        .map((rs, c) -> map(h, rs)).list());
  }

  public Optional<NotificationGroup> get(String id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  /** Whether a group of this id exists (for features that name one). */
  public boolean exists(String id) {
    return id != null && get(id).isPresent();
  }

  Optional<NotificationGroup> get(Handle h, String id) {
    return h.createQuery("SELECT * FROM notification_groups WHERE id = :id").bind("id", id)
        .map((rs, c) -> map(h, rs)).findFirst();
  }

  boolean nameTaken(Handle h, String name, String exceptId) {
    return h.createQuery("SELECT COUNT(*) FROM notification_groups WHERE name = :n AND id <> :id").bind("n", name)
        .bind("id", exceptId).mapTo(Integer.class).one() > 0;
  }

  void insert(Handle h, NotificationGroup g) {
    h.createUpdate("INSERT INTO notification_groups (id, name, description, created_at) VALUES (:id, :n, :d, :t)")
        .bind("id", g.id()).bind("n", g.name()).bind("d", g.description()).bind("t", Rows.now()).execute();
    members(h, g);
  }

  void update(Handle h, NotificationGroup g) {
    h.createUpdate("UPDATE notification_groups SET name = :n, description = :d WHERE id = :id").bind("id", g.id())
        .bind("n", g.name()).bind("d", g.description()).execute();
    h.createUpdate("DELETE FROM notification_group_members WHERE group_id = :id").bind("id", g.id()).execute();
    members(h, g);
  }

  /** Asks every veto, then deletes the group and its memberships. */
  void delete(Handle h, NotificationGroup g) {
    deleteVetoes.forEach(v -> v.accept(g));
    h.createUpdate("DELETE FROM notification_groups WHERE id = :id").bind("id", g.id()).execute();
  }

  private static void members(Handle h, NotificationGroup g) {
    for (String contact : g.contactIds()) {
      h.createUpdate("INSERT INTO notification_group_members (group_id, contact_id) VALUES (:g, :c)")
          .bind("g", g.id()).bind("c", contact).execute();
    }
  }

  private static NotificationGroup map(Handle h, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<String> contacts = h.createQuery("SELECT m.contact_id FROM notification_group_members m"
        + " JOIN notification_contacts c ON c.id = m.contact_id WHERE m.group_id = :g ORDER BY c.created_at, c.id")
        .bind("g", id).mapTo(String.class).list();
    return new NotificationGroup(id, rs.getString("name"), rs.getString("description"), contacts,
        Rows.instant(rs, "created_at"));
  }
}
