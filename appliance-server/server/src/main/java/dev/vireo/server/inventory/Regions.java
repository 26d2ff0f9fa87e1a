package dev.vireo.server.inventory;

import dev.vireo.server.http.ApiException;
import org.jdbi.v3.core.Handle;

/**
 * The region a new regional resource without a cluster (a security group, an isolation group) is
 * made in (ADR 0047): the one its body names, else the default region, as a create naming no
 * cluster falls to the default cluster.
 */
public final class Regions {
  private Regions() {}

  /** {@code regionId} checked to exist (422 naming {@code regionId}), or the default region when blank. */
  public static String chosen(Handle h, String regionId) {
    if (regionId == null || regionId.isBlank()) {
      return h.createQuery("SELECT MIN(id) FROM regions WHERE is_default").mapTo(String.class).findOne()
          .orElseThrow(() -> ApiException.invalid("regionId", "is required: there is no default region"));
    }
    String id = regionId.strip();
    if (h.createQuery("SELECT COUNT(*) FROM regions WHERE id = :r").bind("r", id).mapTo(Integer.class).one() == 0) {
      throw ApiException.invalid("regionId", "unknown region '" + id + "' (GET /api/v1/regions lists them)");
    }
    return id;
  }
}
