package dev.vireo.server.settings;

import dev.vireo.api.model.DiskSettings;
import dev.vireo.server.http.ApiException;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The global disk settings (white paper 6.3.2, ADR 0045): the QoS switch and the per-disk limit of
 * manual snapshots (1 to {@link #MAX_SNAPSHOTS}). Until first set they are the server
 * configuration's {@code [storage] disk_qos} and {@code max_snapshots_per_disk}; read from memory.
 */
public final class DiskSettingsStore {
  public static final int MAX_SNAPSHOTS = 5;
  private final SettingsRows rows;
  private volatile DiskSettings current;

  public DiskSettingsStore(Jdbi jdbi, boolean defaultQos, int defaultMaxSnapshots) {
    this.rows = new SettingsRows(jdbi, "disks.");
    Map<String, String> v = rows.load();
    this.current = new DiskSettings(Boolean.parseBoolean(v.getOrDefault("qosEnabled", String.valueOf(defaultQos))),
        Integer.parseInt(v.getOrDefault("maxSnapshotsPerDisk", String.valueOf(defaultMaxSnapshots))));
  }

  public DiskSettings current() {
    return current;
  }

  public boolean qosEnabled() {
    return Boolean.TRUE.equals(current.qosEnabled());
  }

  public int maxSnapshotsPerDisk() {
    return current.maxSnapshotsPerDisk();
  }

  /** A field left out keeps its value; 422 naming the field when out of range. */
  public DiskSettings set(DiskSettings s) {
    if (s == null) {
      throw ApiException.invalid("qosEnabled", "a body with qosEnabled and/or maxSnapshotsPerDisk is required");
    }
    boolean qos = s.qosEnabled() == null ? qosEnabled() : s.qosEnabled();
    int max = s.maxSnapshotsPerDisk() == null ? maxSnapshotsPerDisk() : s.maxSnapshotsPerDisk();
    if (max < 1 || max > MAX_SNAPSHOTS) {
      throw ApiException.invalid("maxSnapshotsPerDisk", "must be between 1 and " + MAX_SNAPSHOTS + " (got " + max
          + ")");
    }
    rows.save(Map.of("qosEnabled", String.valueOf(qos), "maxSnapshotsPerDisk", String.valueOf(max)));
    current = new DiskSettings(qos, max);
    return current;
  }
}
