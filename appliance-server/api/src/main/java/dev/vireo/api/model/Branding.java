package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/** The platform's branding as served to everyone, login screen included: texts and image slots. */
public record Branding(BrandingSettings settings, List<BrandingImage> images, Instant updatedAt) {

  /** The slot of {@code kind}, or null. */
  public BrandingImage image(String kind) {
    return images == null ? null : images.stream().filter(i -> i.kind().equals(kind)).findFirst().orElse(null);
  }
}
