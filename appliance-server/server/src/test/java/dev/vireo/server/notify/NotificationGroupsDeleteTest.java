package dev.vireo.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.NotificationContactKind;
import dev.vireo.api.model.NotificationGroup;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting groups and contacts on real HSQLDB: the vetoes of features that name a group, and memberships. */
class NotificationGroupsDeleteTest {
  @TempDir
  Path dir;
  Database db;
  Jdbi jdbi;
  NotificationContacts contacts;
  NotificationGroups groups;

  @BeforeEach
  void start() {
    db = new Database(dir);
    jdbi = db.jdbi();
    contacts = new NotificationContacts(jdbi);
    groups = new NotificationGroups(jdbi);
    jdbi.useTransaction(h -> {
      contacts.insert(h, "nc-000000000001", new ContactRules.Checked("ops", NotificationContactKind.EMAIL,
          "ops@example.com", null, null));
      groups.insert(h, new NotificationGroup("ng-000000000001", "used", null, List.of("nc-000000000001"), Instant.now()));
      groups.insert(h, new NotificationGroup("ng-000000000002", "free", null, List.of("nc-000000000001"), Instant.now()));
    });
  }

  @AfterEach
  void stop() {
    db.close();
  }

  @Test
  void aVetoRefusesTheDeleteOfAGroupInUseAndKeepsIt() {
    groups.onDelete(g -> {
      if (g.name().equals("used")) {
        throw ApiException.conflict("notification group used is named by alarm template t1");
      }
    });
    NotificationGroup used = groups.get("ng-000000000001").orElseThrow();
    ApiException e = assertThrows(ApiException.class, () -> jdbi.useTransaction(h -> groups.delete(h, used)));
    assertEquals(409, e.status());
    assertTrue(groups.exists("ng-000000000001"));
    jdbi.useTransaction(h -> groups.delete(h, groups.get("ng-000000000002").orElseThrow()));
    assertTrue(groups.get("ng-000000000002").isEmpty());
  }

  @Test
  void aDeletedContactLeavesEveryGroup() {
    assertEquals(List.of("ng-000000000001", "ng-000000000002"), contacts.get("nc-000000000001").orElseThrow()
        .groupIds());
    jdbi.useTransaction(h -> contacts.delete(h, "nc-000000000001"));
    assertEquals(List.of(), groups.get("ng-000000000001").orElseThrow().contactIds());
    assertEquals(List.of(), contacts.ofGroup("ng-000000000002"));
  }
}
