package dev.vireo.server.notify;

import dev.vireo.api.model.CreateNotificationContactRequest;
import dev.vireo.api.model.CreateNotificationGroupRequest;
import dev.vireo.api.model.NotificationContact;
import dev.vireo.api.model.NotificationDelivery;
import dev.vireo.api.model.NotificationDeliveryStatus;
import dev.vireo.api.model.NotificationGroup;
import dev.vireo.api.model.NotificationTestResult;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Notification contacts and groups (white paper 5.11): CRUD, a test notification to a group, and
 * the list of deliveries. Nothing runs on a node, so changes answer at once (201, 200, 204), not
 * with a job. Deleting a contact takes it out of its groups; deleting a group asks the features
 * that name one ({@link NotificationGroups#onDelete}).
 */
public final class NotificationRoutes {
  static final int MAX_CONTACTS_PER_GROUP = 100;
  private static final String CONTACTS = "/api/v1/notification-contacts";
  private static final String GROUPS = "/api/v1/notification-groups";

  private final Jdbi jdbi;
  private final NotificationContacts contacts;
  private final NotificationGroups groups;
  private final DeliveryLog deliveries;
  private final Notifier notifier;

  public NotificationRoutes(Jdbi jdbi, NotificationContacts contacts, NotificationGroups groups,
      DeliveryLog deliveries, Notifier notifier) {
    this.jdbi = jdbi;
    this.contacts = contacts;
    this.groups = groups;
    this.deliveries = deliveries;
    this.notifier = notifier;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/notification-contacts", Access.USER, r -> Response.ok(r.page(contacts.list())))
        .post("/api/v1/notification-contacts", Access.USER, this::createContact)
        .get("/api/v1/notification-contacts/{id}", Access.USER, r -> Response.ok(contact(r.path("id"))))
        .put("/api/v1/notification-contacts/{id}", Access.USER, this::replaceContact)
        .delete("/api/v1/notification-contacts/{id}", Access.USER, this::deleteContact)
        .get("/api/v1/notification-groups", Access.USER, r -> Response.ok(r.page(groups.list())))
        .post("/api/v1/notification-groups", Access.USER, this::createGroup)
        .get("/api/v1/notification-groups/{id}", Access.USER, r -> Response.ok(group(r.path("id"))))
        .put("/api/v1/notification-groups/{id}", Access.USER, this::replaceGroup)
        .delete("/api/v1/notification-groups/{id}", Access.USER, this::deleteGroup)
        .post("/api/v1/notification-groups/{id}/test", Access.USER, this::test)
        .get("/api/v1/notification-deliveries", Access.USER, this::listDeliveries);
  }

  private NotificationContact contact(String id) {
    return contacts.get(id).orElseThrow(() -> ApiException.notFound("notification contact", id));
  }

  private NotificationGroup group(String id) {
    return groups.get(id).orElseThrow(() -> ApiException.notFound("notification group", id));
  }

  private Response createContact(Request r) {
    ContactRules.Checked c = ContactRules.check(r.json(CreateNotificationContactRequest.class));
    String id = Ids.next("nc");
    jdbi.useTransaction(h -> contacts.insert(h, id, c));
    return Response.created(contact(id), CONTACTS + "/" + id);
  }

  private Response replaceContact(Request r) {
    NotificationContact old = contact(r.path("id"));
    ContactRules.Checked c = ContactRules.check(r.json(CreateNotificationContactRequest.class));
    jdbi.useTransaction(h -> contacts.update(h, old.id(), c));
    return Response.ok(contact(old.id()));
  }

  private Response deleteContact(Request r) {
    NotificationContact c = contact(r.path("id"));
    jdbi.useTransaction(h -> contacts.delete(h, c.id()));
    return Response.noContent();
  }

  private NotificationGroup checked(String id, CreateNotificationGroupRequest req, Instant createdAt) {
    String name = Names.require("name", req.name());
    String description = Names.description(req.description());
    List<String> ids = req.contactIds() == null ? List.of() : req.contactIds();
    if (ids.size() > MAX_CONTACTS_PER_GROUP) {
      throw ApiException.invalid("contactIds", "at most " + MAX_CONTACTS_PER_GROUP + " contacts (got " + ids.size()
          + ")");
    }
    Set<String> seen = new HashSet<>();
    for (String c : ids) {
      if (c == null || c.isBlank()) {
        throw ApiException.invalid("contactIds", "must not hold an empty id");
      }
      if (!seen.add(c)) {
        throw ApiException.invalid("contactIds", "names contact " + c + " twice");
      }
      if (contacts.get(c).isEmpty()) {
        throw ApiException.invalid("contactIds", "notification contact " + c + " does not exist"
            + " (POST " + CONTACTS + ")");
      }
    }
    return new NotificationGroup(id, name, description, List.copyOf(ids), createdAt);
  }

  private Response createGroup(Request r) {
    NotificationGroup g = checked(Ids.next("ng"), r.json(CreateNotificationGroupRequest.class), Instant.now());
    jdbi.useTransaction(h -> {
      refuseTakenName(h, g);
      groups.insert(h, g);
    });
    return Response.created(group(g.id()), GROUPS + "/" + g.id());
  }

  private Response replaceGroup(Request r) {
    NotificationGroup old = group(r.path("id"));
    NotificationGroup g = checked(old.id(), r.json(CreateNotificationGroupRequest.class), old.createdAt());
    jdbi.useTransaction(h -> {
      refuseTakenName(h, g);
      groups.update(h, g);
    });
    return Response.ok(group(g.id()));
  }

  private Response deleteGroup(Request r) {
    NotificationGroup g = group(r.path("id"));
    jdbi.useTransaction(h -> groups.delete(h, g));
    return Response.noContent();
  }

  private void refuseTakenName(org.jdbi.v3.core.Handle h, NotificationGroup g) {
    if (groups.nameTaken(h, g.name(), g.id())) {
      throw new ApiException(409, "conflict", "name", "name: a notification group named '" + g.name()
          + "' already exists");
    }
  }

  private Response test(Request r) throws InterruptedException {
    NotificationGroup g = group(r.path("id"));
    if (g.contactIds().isEmpty()) {
      throw new ApiException(409, "conflict", "contactIds", "notification group " + g.name() + " has no contacts;"
          + " add some first (PUT " + GROUPS + "/" + g.id() + ")");
    }
    Notification n = new Notification(Notification.Kind.TEST, "Test notification from Vireo",
        "This is a test of notification group " + g.name() + ", sent by " + r.username() + ".",
        Map.of("groupId", g.id(), "groupName", g.name()));
    List<NotificationDelivery> done = notifier.test(g.id(), n);
    int sent = (int) done.stream().filter(d -> d.status() == NotificationDeliveryStatus.SENT).count();
    int failed = (int) done.stream().filter(d -> d.status() == NotificationDeliveryStatus.FAILED).count();
    r.note().remark("test notification: " + sent + " sent, " + failed + " failed");
    return Response.ok(new NotificationTestResult(g.id(), sent, failed, done));
  }

  private Response listDeliveries(Request r) {
    String status = r.query("status");
    NotificationDeliveryStatus s = null;
    if (status != null && !status.isBlank()) {
      try {
        s = NotificationDeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("status", "must be one of PENDING, SENT, FAILED (got '" + status + "')");
      }
    }
    return Response.ok(deliveries.page(blankToNull(r.query("groupId")), blankToNull(r.query("contactId")), s,
        r.queryInt("offset", 0, 0, Integer.MAX_VALUE), r.queryInt("limit", 100, 1, 1000)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
