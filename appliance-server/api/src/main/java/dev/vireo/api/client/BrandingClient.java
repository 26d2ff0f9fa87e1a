package dev.vireo.api.client;

import static dev.vireo.api.client.UrlParts.segment;

import dev.vireo.api.model.Branding;
import dev.vireo.api.model.BrandingImageRequest;
import dev.vireo.api.model.BrandingSettings;
import java.util.Base64;
import java.util.Map;

/**
 * The platform's branding (white paper 6.1, ADR 0044), from {@link VireoClient#branding()}. {@link #get}
 * and {@link #image} need no token (the login screen calls them); the changes need
 * {@code branding:update}.
 */
public final class BrandingClient {
  private static final String V1 = "/api/v1/branding";
  private final HttpTransport http;

  BrandingClient(HttpTransport http) {
    this.http = http;
  }

  /** An image as served: its bytes and media type (image/png, image/jpeg, image/x-icon, image/svg+xml). */
  public record Image(byte[] data, String contentType) {}

  public Branding get() {
    return http.send("GET", V1, null, Map.of(), http.type(Branding.class));
  }

  /** Changes the texts: the non-null fields of {@code change}; the others keep their value. */
  public Branding update(BrandingSettings change) {
    return http.send("PUT", V1, change, Map.of(), http.type(Branding.class));
  }

  /** Back to the product's default branding, texts and images. */
  public Branding reset() {
    return http.send("POST", V1 + "/reset", null, Map.of(), http.type(Branding.class));
  }

  /** The image of {@code kind} (favicon, logo, login-logo, login-background). */
  public Image image(String kind) {
    HttpTransport.Bytes b = http.bytes(V1 + "/images/" + segment(kind));
    return new Image(b.data(), b.contentType());
  }

  /** Uploads the image of {@code kind}; the server reads its format from the bytes. */
  public Branding setImage(String kind, byte[] data) {
    return http.send("PUT", V1 + "/images/" + segment(kind),
        new BrandingImageRequest(Base64.getEncoder().encodeToString(data)), Map.of(), http.type(Branding.class));
  }

  /** Removes the uploaded image of {@code kind}: the default shows again. */
  public Branding deleteImage(String kind) {
    return http.send("DELETE", V1 + "/images/" + segment(kind), null, Map.of(), http.type(Branding.class));
  }
}
