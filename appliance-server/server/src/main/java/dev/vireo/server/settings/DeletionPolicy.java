package dev.vireo.server.settings;

import dev.vireo.api.model.DeletionPolicySettings;
import dev.vireo.server.http.ApiException;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The global deletion switch (white paper 6.3.3, ADR 0045): when deletion is forbidden, every
 * operation whose declared permission is {@code <resource>:delete} is refused with 409 by the
 * router's authorisation, before its handler runs. Settings stay changeable (they are updates).
 */
public final class DeletionPolicy {
  public static final String REFUSAL_CODE = "deletion_forbidden";
  private final SettingsRows rows;
  private volatile boolean forbidden;

  public DeletionPolicy(Jdbi jdbi) {
    this.rows = new SettingsRows(jdbi, "deletion.");
    this.forbidden = Boolean.parseBoolean(rows.load().getOrDefault("forbidden", "false"));
  }

  public DeletionPolicySettings current() {
    return new DeletionPolicySettings(forbidden);
  }

  public DeletionPolicySettings set(DeletionPolicySettings s) {
    if (s == null || s.deletionForbidden() == null) {
      throw ApiException.invalid("deletionForbidden", "is required (true or false)");
    }
    rows.save(Map.of("forbidden", String.valueOf(s.deletionForbidden())));
    forbidden = s.deletionForbidden();
    return current();
  }

  /** Refuses an operation of a {@code :delete} permission while deletion is forbidden. */
  public void check(String permission) {
    if (forbidden && permission.endsWith(":delete")) {
      throw new ApiException(409, REFUSAL_CODE, null, "deletion is forbidden by the platform's deletion policy"
          + " (" + permission + "); an administrator allows it again with PUT /api/v1/settings/deletion-policy"
          + " {\"deletionForbidden\":false}");
    }
  }
}
