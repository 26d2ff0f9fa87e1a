package dev.vireo.server.branding;

import dev.vireo.api.model.Branding;
import dev.vireo.api.model.BrandingImage;
import dev.vireo.api.model.BrandingImageRequest;
import dev.vireo.api.model.BrandingSettings;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Branding (white paper 6.1, ADR 0044). Reading it is open, texts and images alike, because the
 * login screen shows it before anyone has logged in; changing it needs {@code branding:update}.
 */
public final class BrandingRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(BrandingRoutes.class);
  private static final String SVG = "image/svg+xml";
  private final BrandingStore store;
  private final BrandingDefaults defaults;

  public BrandingRoutes(Jdbi jdbi) {
    this.store = new BrandingStore(jdbi);
    this.defaults = BrandingDefaults.load();
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/branding", Access.OPEN, r -> Response.ok(current()))
        .put("/api/v1/branding", Access.USER, r -> {
          BrandingSettings change = r.json(BrandingSettings.class);
          BrandingSettings next = BrandingRules.checked(BrandingRules.merged(settings(), change));
          store.saveSettings(next);
          LOG.info("branding texts changed by {}", r.username());
          return Response.ok(current());
        })
        .post("/api/v1/branding/reset", Access.USER, r -> {
          if (r.body().length > 0) {
            throw ApiException.badRequest("POST /api/v1/branding/reset takes no body");
          }
          store.reset();
          LOG.info("branding reset to the defaults by {}", r.username());
          return Response.ok(current());
        })
        .get("/api/v1/branding/images/{kind}", Access.OPEN, r -> {
          ImageSlot slot = ImageSlot.of(r.path("kind"));
          Optional<BrandingStore.StoredImage> stored = store.image(slot.kind);
          if (stored.isPresent()) {
            return Response.raw(200, stored.get().data(), stored.get().contentType());
          }
          byte[] fallback = defaultImage(slot);
          if (fallback == null) {
            throw new ApiException(404, "not_found", "kind", "no " + slot.kind + " image is set");
          }
          return Response.raw(200, fallback, SVG);
        })
        .put("/api/v1/branding/images/{kind}", Access.USER, r -> {
          r.note().resource(r.path("kind")); // the operation log names the slot
          ImageSlot slot = ImageSlot.of(r.path("kind"));
          BrandingImageRequest req = r.json(BrandingImageRequest.class);
          byte[] data = decode(req.data());
          ImageFormat format = slot.check(data);
          store.saveImage(slot.kind, format.contentType, data);
          LOG.info("branding image {} set by {} ({}, {} bytes)", slot.kind, r.username(), format, data.length);
          return Response.ok(current());
        })
        .delete("/api/v1/branding/images/{kind}", Access.USER, r -> {
          r.note().resource(r.path("kind"));
          ImageSlot slot = ImageSlot.of(r.path("kind"));
          store.deleteImage(slot.kind);
          LOG.info("branding image {} back to the default by {}", slot.kind, r.username());
          return Response.ok(current());
        });
  }

  private BrandingSettings settings() {
    return store.settings().orElse(defaults.settings);
  }

  private Branding current() {
    List<BrandingImage> images = new ArrayList<>();
    for (ImageSlot slot : ImageSlot.values()) {
      Optional<BrandingStore.StoredImage> stored = store.image(slot.kind);
      String url = "/api/v1/branding/images/" + slot.kind;
      if (stored.isPresent()) {
        images.add(new BrandingImage(slot.kind, url, stored.get().contentType(), stored.get().data().length, true,
            slot.formatNames(), slot.maxBytes));
      } else {
        byte[] fallback = defaultImage(slot);
        images.add(new BrandingImage(slot.kind, fallback == null ? null : url, fallback == null ? null : SVG,
            fallback == null ? 0 : fallback.length, false, slot.formatNames(), slot.maxBytes));
      }
    }
    return new Branding(settings(), images, store.updatedAt().orElse(null));
  }

  /** The product's logo stands in for the platform and login logos; the other slots have none. */
  private byte[] defaultImage(ImageSlot slot) {
    return slot == ImageSlot.LOGO || slot == ImageSlot.LOGIN_LOGO ? defaults.logoSvg : null;
  }

  private static byte[] decode(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw ApiException.invalid("data", "is required: the image in base64");
    }
    try {
      return Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("data", "must be base64 (" + e.getMessage() + ")");
    }
  }
}
