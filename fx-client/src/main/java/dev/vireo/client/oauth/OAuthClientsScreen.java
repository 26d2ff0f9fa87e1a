package dev.vireo.client.oauth;

import dev.vireo.api.client.Paging;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateOAuthClientRequest;
import dev.vireo.api.model.OAuthClient;
import dev.vireo.api.model.OAuthClientCreated;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.FormValues;
import dev.vireo.client.resources.OneTimeSecret;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/**
 * The applications registered with the server's OAuth 2.0 provider (ADR 0043,
 * GET /api/v1/oauth-clients): register one (name, redirect URIs, grant types, scopes; a
 * confidential client's secret is shown once, ADR 0051) and delete one (its tokens stop at once).
 */
public final class OAuthClientsScreen extends ResourceScreen<OAuthClient> {
  /** The grant types and scopes the server's provider offers (its discovery document's lists). */
  static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials");
  static final List<String> SCOPES = List.of("openid", "email", "vireo.read", "vireo.write");

  public OAuthClientsScreen(AppContext ctx, ResourceSession session) {
    super("oauth", "main.nav.oauthClients", session, ResourceSource.paged(OAuthClient::id,
        (Paging p) -> ctx.client().oauthClients().list()).readBy(id -> ctx.client().oauthClients().get(id)), List.of(
        new ResourceColumn<>("main.col.name", OAuthClient::name),
        new ResourceColumn<>("oauth.col.clientId", OAuthClient::id),
        new ResourceColumn<>("oauth.col.confidential", OAuthClient::confidential),
        new ResourceColumn<>("oauth.col.grantTypes", o -> String.join(", ", o.grantTypes())),
        new ResourceColumn<>("oauth.col.scopes", o -> String.join(", ", o.scopes())),
        new ResourceColumn<>("main.col.created", OAuthClient::createdAt)), List.of(
        new ResourceColumn<>("oauth.col.redirectUris", o -> String.join(", ", o.redirectUris())),
        new ResourceColumn<>("oauth.col.account", OAuthClient::accountId)), OAuthClient::name,
        actions(ctx.client(), session));
  }

  private static List<ResourceAction<OAuthClient>> actions(VireoClient c, ResourceSession session) {
    return List.of(
        ResourceAction.create("oauth.action.register", () -> FormSpec.revealing(List.of(
            FormField.text("name", "main.col.name", true),
            FormField.fixed("confidential", "oauth.field.confidential", List.of(
                new Choice("true", session.text().get("oauth.type.confidential")),
                new Choice("false", session.text().get("oauth.type.public")))),
            FormField.text("redirectUris", "oauth.field.redirectUris", false),
            FormField.multi("grantTypes", "oauth.col.grantTypes", true, () -> choices(GRANT_TYPES),
                List.of("authorization_code", "refresh_token")),
            FormField.multi("scopes", "oauth.col.scopes", true, () -> choices(SCOPES), SCOPES)),
            v -> revealed(c.oauthClients().create(request(v))))),
        ResourceAction.run("oauth.action.delete", o -> true, (OAuthClient o) -> {
          c.oauthClients().delete(o.id());
          return changed(o.id());
        }).confirm("oauth.confirm.delete"));
  }

  private static List<Choice> choices(List<String> values) {
    return values.stream().map(v -> new Choice(v, v)).toList();
  }

  /** The registration of a filled form: redirect URIs split at commas and spaces, the chosen grants and scopes. */
  static CreateOAuthClientRequest request(FormValues v) {
    return new CreateOAuthClientRequest(v.text("name"), !"false".equals(v.text("confidential")),
        v.words("redirectUris"), v.words("grantTypes"), v.words("scopes"));
  }

  /** The answer: its client ID names the row; the secret (none for a public client) is shown once. */
  static OneTimeSecret revealed(OAuthClientCreated made) {
    return new OneTimeSecret(changed(made.id()), "oauth.col.clientId", made.id(), made.clientSecret());
  }

  private static Accepted changed(String id) {
    return new Accepted(null, "oauth-client", id);
  }
}
