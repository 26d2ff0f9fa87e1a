package dev.vireo.server.branding;

import dev.vireo.api.model.BrandingSettings;
import dev.vireo.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The stored branding: the texts (one row) and the uploaded images; absent rows are the defaults. */
final class BrandingStore {
  /** An uploaded image. */
  record StoredImage(String contentType, byte[] data, Instant updatedAt) {}

  private final Jdbi jdbi;

  BrandingStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  Optional<BrandingSettings> settings() {
    return jdbi.withHandle(h -> h.createQuery("SELECT settings_json FROM branding_settings WHERE id = 1")
        .mapTo(String.class).findOne())
        .map(json -> Json.read(json.getBytes(StandardCharsets.UTF_8), BrandingSettings.class));
  }

  Optional<Instant> updatedAt() {
    return jdbi.withHandle(h -> h.createQuery("SELECT MAX(t) FROM (SELECT updated_at AS t FROM branding_settings"
        + " UNION ALL SELECT updated_at AS t FROM branding_images) AS u")
        .mapTo(OffsetDateTime.class).findOne()).map(OffsetDateTime::toInstant);
  }

  void saveSettings(BrandingSettings s) {
    String json = new String(Json.write(s), StandardCharsets.UTF_8);
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM branding_settings WHERE id = 1").execute();
      h.createUpdate("INSERT INTO branding_settings (id, settings_json, updated_at) VALUES (1, :j, :t)")
          .bind("j", json).bind("t", now()).execute();
    });
  }

  Optional<StoredImage> image(String kind) {
    return jdbi.withHandle(h -> h.createQuery("SELECT content_type, data, updated_at FROM branding_images"
        + " WHERE kind = :k").bind("k", kind)
        .map((rs, ctx) -> new StoredImage(rs.getString("content_type"), rs.getBytes("data"),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
        .findOne());
  }

  void saveImage(String kind, String contentType, byte[] data) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM branding_images WHERE kind = :k").bind("k", kind).execute();
      h.createUpdate("INSERT INTO branding_images (kind, content_type, data, updated_at) VALUES (:k, :c, :d, :t)")
          .bind("k", kind).bind("c", contentType).bind("d", data).bind("t", now()).execute();
    });
  }

  void deleteImage(String kind) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM branding_images WHERE kind = :k").bind("k", kind).execute());
  }

  void reset() {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM branding_settings").execute();
      h.createUpdate("DELETE FROM branding_images").execute();
    });
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
