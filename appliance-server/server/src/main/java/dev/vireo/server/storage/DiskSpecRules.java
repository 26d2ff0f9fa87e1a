package dev.vireo.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.api.model.DiskSpec;
import dev.vireo.api.model.UpdateDiskSpecRequest;
import dev.vireo.server.http.ApiException;

/**
 * A modified disk spec (white paper 4.5.2, 6.5): whole GiB, a minimum of at least 10 GiB, a maximum
 * of at most the server's ceiling and not below the minimum. A null field keeps its value.
 */
public final class DiskSpecRules {
  private DiskSpecRules() {}

  /** The new {minGiB, maxGiB}, or 422 naming the field and the rule. */
  public static int[] check(JsonNode body, UpdateDiskSpecRequest req, DiskSpec current, int ceilingGiB) {
    if (req.minGiB() == null && req.maxGiB() == null) {
      throw ApiException.invalid("minGiB", "give minGiB and/or maxGiB");
    }
    whole(body, "minGiB");
    whole(body, "maxGiB");
    int min = req.minGiB() == null ? current.minGiB() : req.minGiB();
    int max = req.maxGiB() == null ? current.maxGiB() : req.maxGiB();
    if (min < DiskRules.MIN_GIB) {
      throw ApiException.invalid("minGiB", "must be at least " + DiskRules.MIN_GIB
          + " GiB, the smallest virtual disk (got " + min + ")");
    }
    if (max > ceilingGiB) {
      throw ApiException.invalid("maxGiB", "must be at most " + ceilingGiB
          + " GiB, the server's [storage] max_disk_gib (got " + max + ")");
    }
    if (max < min) {
      throw ApiException.invalid(req.maxGiB() == null ? "minGiB" : "maxGiB", "the range must not be empty: maxGiB "
          + max + " is below minGiB " + min);
    }
    return new int[] {min, max};
  }

  private static void whole(JsonNode body, String field) {
    JsonNode raw = body == null ? null : body.get(field);
    if (raw != null && !raw.isNull() && !raw.isIntegralNumber()) {
      throw ApiException.invalid(field, "must be a whole number of GiB, got " + raw);
    }
  }
}
