package dev.vireo.server.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.DeletionPolicySettings;
import dev.vireo.api.model.DiskSettings;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSettingsStoresTest {
  @TempDir
  Path dir;
  private Database db;

  @BeforeEach
  void open() {
    db = new Database(dir.resolve("db"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void diskSettingsStartAsTheConfigurationAndSurviveARestart() {
    DiskSettingsStore s = new DiskSettingsStore(db.jdbi(), true, 4);
    assertTrue(s.qosEnabled());
    assertEquals(4, s.maxSnapshotsPerDisk());
    s.set(new DiskSettings(false, null));
    assertEquals(4, s.maxSnapshotsPerDisk(), "a field left out keeps its value");
    DiskSettingsStore again = new DiskSettingsStore(db.jdbi(), true, 5);
    assertFalse(again.qosEnabled());
    assertEquals(4, again.maxSnapshotsPerDisk());
  }

  @Test
  void theSnapshotLimitIsOneToFive() {
    DiskSettingsStore s = new DiskSettingsStore(db.jdbi(), false, 5);
    for (int bad : new int[] {0, 6, -1}) {
      ApiException e = assertThrows(ApiException.class, () -> s.set(new DiskSettings(null, bad)));
      assertEquals("maxSnapshotsPerDisk", e.field());
    }
    assertEquals(1, s.set(new DiskSettings(null, 1)).maxSnapshotsPerDisk());
  }

  @Test
  void forbiddenDeletionRefusesDeletePermissionsOnly() {
    DeletionPolicy p = new DeletionPolicy(db.jdbi());
    p.check("vms:delete");
    p.set(new DeletionPolicySettings(true));
    ApiException e = assertThrows(ApiException.class, () -> p.check("disks:delete"));
    assertEquals(409, e.status());
    assertEquals(DeletionPolicy.REFUSAL_CODE, e.code());
    p.check("disks:detach");
    p.check("platform-settings:update");
    assertTrue(new DeletionPolicy(db.jdbi()).current().deletionForbidden(), "kept across a restart");
    assertThrows(ApiException.class, () -> p.set(new DeletionPolicySettings(null)));
  }
}
