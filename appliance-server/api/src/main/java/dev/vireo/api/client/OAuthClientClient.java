package dev.vireo.api.client;

import static dev.vireo.api.client.UrlParts.segment;

import dev.vireo.api.model.CreateOAuthClientRequest;
import dev.vireo.api.model.OAuthClient;
import dev.vireo.api.model.OAuthClientCreated;
import dev.vireo.api.model.OAuthSigningKey;
import dev.vireo.api.model.RotateSigningKeyRequest;
import dev.vireo.api.model.RotatedSigningKey;
import dev.vireo.api.model.Page;
import java.util.Map;

/**
 * Registration of applications with the server's OAuth 2.0 provider (ADR 0043); from
 * {@link VireoClient#oauthClients()}.
 */
public final class OAuthClientClient {
  private static final String PATH = "/api/v1/oauth-clients";
  private final HttpTransport http;

  OAuthClientClient(HttpTransport http) {
    this.http = http;
  }

  /** Registers a client; the answer holds its secret, which is never shown again. */
  public OAuthClientCreated create(CreateOAuthClientRequest request) {
    return http.send("POST", PATH, request, Map.of(), http.type(OAuthClientCreated.class));
  }

  public Page<OAuthClient> list() {
    return http.send("GET", PATH + "?" + Paging.FIRST_1000.query(), null, Map.of(), http.pageOf(OAuthClient.class));
  }

  public OAuthClient get(String id) {
    return http.send("GET", PATH + "/" + segment(id), null, Map.of(), http.type(OAuthClient.class));
  }

  /** The ID-token signing keys the provider publishes, current first. */
  public Page<OAuthSigningKey> signingKeys() {
    return http.send("GET", "/api/v1/oauth-signing-keys", null, Map.of(), http.pageOf(OAuthSigningKey.class));
  }

  /** Makes a new signing key; the old one stays published until the next rotation. {@code reason} may be null. */
  public RotatedSigningKey rotateSigningKey(String reason) {
    return http.send("POST", "/api/v1/oauth-signing-keys/rotate", new RotateSigningKeyRequest(reason), Map.of(),
        http.type(RotatedSigningKey.class));
  }

  /** Deletes a client; its tokens stop working at once. */
  public void delete(String id) {
    http.send("DELETE", PATH + "/" + segment(id), null, Map.of(), null);
  }
}
