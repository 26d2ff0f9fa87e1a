package dev.vireo.server.notify;

import dev.vireo.api.model.NotificationContact;
import dev.vireo.api.model.NotificationContactKind;
import dev.vireo.api.model.WebhookMethod;
import dev.vireo.server.inventory.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The notification contacts table; a contact answers with the groups it is in. */
public final class NotificationContacts {
  private final Jdbi jdbi;

  public NotificationContacts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<NotificationContact> list() {
    return jdbi.withHandle(h -> withGroups(h, h.createQuery("SELECT * FROM notification_contacts"
        + " ORDER BY created_at, id").map((rs, c) -> map(rs, List.of())).list()));
  }

  public Optional<NotificationContact> get(String id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  Optional<NotificationContact> get(Handle h, String id) {
    return h.createQuery("SELECT * FROM notification_contacts WHERE id = :id").bind("id", id)
        .map((rs, c) -> map(rs, List.of())).findFirst().map(c -> withGroups(h, List.of(c)).get(0));
  }

  /** The contacts of a group, in the order they were created. */
  public List<NotificationContact> ofGroup(String groupId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT c.* FROM notification_contacts c JOIN notification_group_members m"
        + " ON m.contact_id = c.id WHERE m.group_id = :g ORDER BY c.created_at, c.id").bind("g", groupId)
        .map((rs, x) -> map(rs, List.of())).list());
  }

  void insert(Handle h, String id, ContactRules.Checked c) {
    h.createUpdate("INSERT INTO notification_contacts (id, name, kind, email, url, method, created_at)"
        + " VALUES (:id, :n, :k, :e, :u, :m, :t)").bind("id", id).bind("t", Rows.now())
        .bind("n", c.name()).bind("k", c.kind().name()).bind("e", c.email()).bind("u", c.url())
        .bind("m", c.method() == null ? null : c.method().name()).execute();
  }

  void update(Handle h, String id, ContactRules.Checked c) {
    h.createUpdate("UPDATE notification_contacts SET name = :n, kind = :k, email = :e, url = :u, method = :m"
        + " WHERE id = :id").bind("id", id).bind("n", c.name()).bind("k", c.kind().name()).bind("e", c.email())
        .bind("u", c.url()).bind("m", c.method() == null ? null : c.method().name()).execute();
  }

  /** Deletes the contact; its group memberships go with it (ON DELETE CASCADE). */
  void delete(Handle h, String id) {
    h.createUpdate("DELETE FROM notification_contacts WHERE id = :id").bind("id", id).execute();
  }

  private static List<NotificationContact> withGroups(Handle h, List<NotificationContact> contacts) {
    Map<String, List<String>> groups = new HashMap<>();
    h.createQuery("SELECT contact_id, group_id FROM notification_group_members ORDER BY group_id")
        .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return contacts.stream().map(c -> new NotificationContact(c.id(), c.name(), c.kind(), c.email(), c.url(),
        c.method(), List.copyOf(groups.getOrDefault(c.id(), List.of())), c.createdAt())).toList();
  }

  private static NotificationContact map(ResultSet rs, List<String> groupIds) throws SQLException {
    String method = rs.getString("method");
    return new NotificationContact(rs.getString("id"), rs.getString("name"),
        NotificationContactKind.valueOf(rs.getString("kind")), rs.getString("email"), rs.getString("url"),
        method == null ? null : WebhookMethod.valueOf(method), groupIds, Rows.instant(rs, "created_at"));
  }
}
