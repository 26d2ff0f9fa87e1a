package dev.vireo.api.client;

import static dev.vireo.api.client.UrlParts.segment;

import dev.vireo.api.model.CreateOAuthClientRequest;
import dev.vireo.api.model.OAuthClient;
import dev.vireo.api.model.OAuthClientCreated;
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

  /** Deletes a client; its tokens stop working at once. */
  public void delete(String id) {
    http.send("DELETE", PATH + "/" + segment(id), null, Map.of(), null);
  }
}
