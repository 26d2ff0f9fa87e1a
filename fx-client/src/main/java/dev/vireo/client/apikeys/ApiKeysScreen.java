package dev.vireo.client.apikeys;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.ApiKey;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.OneTimeSecret;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/**
 * The signed-in account's API key pairs (white paper 7.2, ADR 0042; at most five, the server
 * refuses a sixth): make one (its secret is shown once, ADR 0051), disable and enable it, delete it.
 * The list is read whole (an account has five at most), so every change reloads it.
 */
public final class ApiKeysScreen extends ResourceScreen<ApiKey> {
  public ApiKeysScreen(AppContext ctx, ResourceSession session) {
    super("apikeys", "main.nav.apiKeys", session, ResourceSource.whole(ApiKey::accessKey,
        () -> ctx.client().accounts().apiKeys(me(ctx.client())).items()), List.of(
        new ResourceColumn<>("apikeys.col.accessKey", ApiKey::accessKey),
        new ResourceColumn<>("main.col.description", ApiKey::description),
        new ResourceColumn<>("apikeys.col.enabled", ApiKey::enabled),
        new ResourceColumn<>("apikeys.col.lastUsed", ApiKey::lastUsedAt),
        new ResourceColumn<>("main.col.created", ApiKey::createdAt)), List.of(
        new ResourceColumn<>("apikeys.col.account", ApiKey::accountId)), ApiKey::accessKey, actions(ctx.client()));
    addTool(() -> {
      javafx.scene.control.Label hint = new javafx.scene.control.Label(session.text().get("apikeys.hint"));
      hint.setId("apikeys-hint");
      return hint;
    });
  }

  /** The signed-in account's id (the keys are always one's own here). */
  private static String me(VireoClient c) {
    return c.accounts().current().id();
  }

  private static List<ResourceAction<ApiKey>> actions(VireoClient c) {
    return List.of(
        ResourceAction.create("apikeys.action.create", () -> FormSpec.revealing(List.of(
            FormField.text("description", "main.col.description", false)),
            v -> revealed(c.accounts().createApiKey(me(c), v.text("description"))))),
        ResourceAction.run("apikeys.action.disable", ApiKey::enabled,
            (ApiKey k) -> changed(c.accounts().enableApiKey(k.accountId(), k.accessKey(), false).accessKey()))
            .confirm("apikeys.confirm.disable"),
        ResourceAction.run("apikeys.action.enable", k -> !k.enabled(),
            (ApiKey k) -> changed(c.accounts().enableApiKey(k.accountId(), k.accessKey(), true).accessKey())),
        ResourceAction.run("apikeys.action.delete", k -> true, (ApiKey k) -> {
          c.accounts().deleteApiKey(k.accountId(), k.accessKey());
          return changed(k.accessKey());
        }).confirm("apikeys.confirm.delete"));
  }

  /** A new key's answer: the access key names the row, the secret is shown once. */
  static OneTimeSecret revealed(ApiKey made) {
    return new OneTimeSecret(changed(made.accessKey()), "apikeys.col.accessKey", made.accessKey(), made.secret());
  }

  private static Accepted changed(String accessKey) {
    return new Accepted(null, "api-key", accessKey);
  }
}
