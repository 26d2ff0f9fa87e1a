package dev.vireo.client.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.CreateOAuthClientRequest;
import dev.vireo.api.model.OAuthClientCreated;
import dev.vireo.client.resources.FormValues;
import dev.vireo.client.resources.OneTimeSecret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OAuth clients screen's registration request and the secret it shows, without the FX toolkit. */
class OAuthClientsScreenTest {
  @Test
  void aRegistrationSendsTheRedirectUrisOneByOneAndTheChosenGrantsAndScopes() {
    CreateOAuthClientRequest r = OAuthClientsScreen.request(new FormValues(Map.of("name", " ci-app ",
        "confidential", "true", "redirectUris", "https://app.example/cb, http://127.0.0.1:8765/cb",
        "grantTypes", "client_credentials", "scopes", "vireo.read,vireo.write")));
    assertEquals("ci-app", r.name());
    assertTrue(r.confidential());
    assertEquals(List.of("https://app.example/cb", "http://127.0.0.1:8765/cb"), r.redirectUris());
    assertEquals(List.of("client_credentials"), r.grantTypes());
    assertEquals(List.of("vireo.read", "vireo.write"), r.scopes());
  }

  @Test
  void aPublicClientHasNoRedirectUrisWhenNoneAreTypedAndNoSecretToShow() {
    CreateOAuthClientRequest r = OAuthClientsScreen.request(new FormValues(Map.of("name", "spa",
        "confidential", "false", "redirectUris", "", "grantTypes", "authorization_code", "scopes", "openid")));
    assertFalse(r.confidential());
    assertEquals(List.of(), r.redirectUris());
    OneTimeSecret s = OAuthClientsScreen.revealed(new OAuthClientCreated("oac-1", "spa", false, List.of(),
        List.of("authorization_code"), List.of("openid"), "acc-1", Instant.EPOCH, null));
    assertNull(s.secret());
    assertEquals("oac-1", s.accepted().resourceId());
  }

  @Test
  void theOfferedGrantsAndScopesAreTheServersDefaults() {
    // the server's defaults for an omitted list: code + refresh grants, every scope (ADR 0043)
    assertTrue(OAuthClientsScreen.GRANT_TYPES.containsAll(List.of("authorization_code", "refresh_token",
        "client_credentials")));
    assertEquals(List.of("openid", "email", "vireo.read", "vireo.write"), OAuthClientsScreen.SCOPES);
  }
}
