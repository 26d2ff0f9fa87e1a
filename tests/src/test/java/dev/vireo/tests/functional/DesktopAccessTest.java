package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.vireo.tests.support.ResourceScreenDriver.select;
import static dev.vireo.tests.support.ResourceScreenDriver.shown;
import static dev.vireo.tests.support.ResourceScreenDriver.submit;
import static dev.vireo.tests.support.ResourceScreenDriver.table;
import static dev.vireo.tests.support.ResourceScreenDriver.type;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.ApiKey;
import dev.vireo.api.model.OAuthClient;
import dev.vireo.api.model.Role;
import dev.vireo.client.apikeys.ApiKeysScreen;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.oauth.OAuthClientsScreen;
import dev.vireo.client.resources.FormView;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.SecretView;
import dev.vireo.client.roles.RolesScreen;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.HeadlessFx;
import dev.vireo.tests.support.ServerPerClass;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop client's access screens (issues 7, 9) headless (Monocle) against a real server,
 * through their dialogs: a custom role made with permissions ticked from the server's catalogue,
 * edited and deleted (a built-in role offers neither); an API key made in the screen whose secret,
 * read from the one-time dialog, signs SDK calls that succeed until the key is disabled or deleted
 * there; an OAuth client registered in the screen whose shown secret gets a client-credentials
 * token, refused once it is deleted there. The secret appears nowhere but in that dialog.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DesktopAccessTest extends ServerPerClass {
  private static final String FORM = "application/x-www-form-urlencoded";
  private final List<String> confirmations = new CopyOnWriteArrayList<>();
  private final List<Stage> stages = new CopyOnWriteArrayList<>();
  private VireoClient client;
  private Background io;
  private RolesScreen roles;
  private ApiKeysScreen keys;
  private OAuthClientsScreen oauth;

  @BeforeAll
  void startUi() throws Exception {
    client = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), admin);
    HeadlessFx.start();
    io = new Background(UiExecutor.fx(), 4);
    AppContext ctx = new AppContext(client, io, UiExecutor.fx(), new Messages(Locale.ENGLISH), null);
    HeadlessFx.call(() -> {
      ResourceSession session = new ResourceSession(io, UiExecutor.fx(), ctx.text(), (title, message) -> {
        confirmations.add(title + " | " + message);
        return true;
      }, client::getJob, client::events, Duration.ofSeconds(1), Duration.ofMillis(200));
      roles = show(new RolesScreen(ctx, session));
      keys = show(new ApiKeysScreen(ctx, session));
      oauth = show(new OAuthClientsScreen(ctx, session));
      return null;
    });
  }

  private <S extends ResourceScreen<?>> S show(S screen) {
    Stage stage = new Stage();
    stage.setScene(new Scene((Parent) screen.view(), 1280, 800));
    stage.show();
    screen.shown();
    stages.add(stage);
    return screen;
  }

  @AfterAll
  void stopUi() throws Exception {
    HeadlessFx.call(() -> {
      stages.forEach(Stage::close);
      for (ResourceScreen<?> s : java.util.Arrays.asList(roles, keys, oauth)) {
        if (s != null) {
          s.close();
        }
      }
      return null;
    });
    HeadlessFx.closeAllWindows();
    if (io != null) {
      io.close();
    }
  }

  @Test
  void aCustomRoleIsMadeEditedAndDeletedThroughItsDialogs() throws Exception {
    fireLater(roles, "roles-create");
    await("the role dialog with the permission catalogue", () -> form().map(f -> !boxes(f).isEmpty()).orElse(false));
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      assertTrue(boxes(f).stream().noneMatch(CheckBox::isSelected), "nothing is ticked at first");
      type(f, "name", "desk-operators");
      type(f, "description", "looks at VMs and disks");
      tick(f, "vms:read", true);
      tick(f, "disks:read", true);
      submit(f);
      return null;
    });
    await("the dialog closed", () -> form().isEmpty());
    await("the new role in the table", () -> shown(roles, "roles", (Role r) -> r.name().equals("desk-operators"))
        .isPresent());
    Role made = serverRole("desk-operators").orElseThrow();
    assertEquals(List.of("disks:read", "vms:read"), made.permissions());
    assertEquals("looks at VMs and disks", made.description());
    assertFalse(made.builtIn());

    // a built-in role can be neither edited nor deleted
    HeadlessFx.call(() -> {
      select(roles, "roles", Role::builtIn);
      assertTrue(button(roles, "roles-action-delete").isDisable(), "a built-in role cannot be deleted");
      assertTrue(button(roles, "roles-action-edit").isDisable(), "a built-in role cannot be edited");
      select(roles, "roles", (Role r) -> r.name().equals("desk-operators"));
      return null;
    });

    // edit: the dialog shows the role's permissions ticked; one is swapped for another
    fireLater(roles, "roles-action-edit");
    await("the edit dialog", () -> form().map(f -> !boxes(f).isEmpty()).orElse(false));
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      assertEquals(List.of("disks:read", "vms:read"), boxes(f).stream().filter(CheckBox::isSelected)
          .map(CheckBox::getText).sorted().toList());
      assertEquals("desk-operators", ((TextField) f.lookup("#form-name")).getText());
      tick(f, "disks:read", false);
      tick(f, "images:read", true);
      submit(f);
      return null;
    });
    await("the dialog closed", () -> form().isEmpty());
    await("the new permissions in the table", () -> shown(roles, "roles", (Role r) -> r.name().equals("desk-operators")
        && r.permissions().equals(List.of("images:read", "vms:read"))).isPresent());
    assertEquals(List.of("images:read", "vms:read"), serverRole("desk-operators").orElseThrow().permissions());

    HeadlessFx.call(() -> {
      select(roles, "roles", (Role r) -> r.name().equals("desk-operators"));
      fire(roles, "roles-action-delete");
      return null;
    });
    await("the role gone from the table", () -> shown(roles, "roles", (Role r) -> r.name().equals("desk-operators"))
        .isEmpty());
    assertTrue(serverRole("desk-operators").isEmpty(), "deleted on the server");
    assertTrue(confirmations.stream().anyMatch(c -> c.contains("Delete role desk-operators?")), "" + confirmations);
  }

  @Test
  void anApiKeyMadeInTheScreenSignsCallsUntilItIsDisabledOrDeletedThere() throws Exception {
    fireLater(keys, "apikeys-create");
    await("the key dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "description", "desk CI");
      submit(f);
      return null;
    });
    await("the one-time secret dialog", () -> secretDialog().isPresent());
    String[] shown = HeadlessFx.call(() -> {
      SecretView v = secretDialog().orElseThrow();
      assertTrue(form().isEmpty(), "the create form closed before the secret showed");
      assertTrue(((Label) v.lookup("#secret-warning")).getText().contains("never show it again"));
      TextField secret = (TextField) v.lookup("#secret-value");
      assertFalse(secret.isEditable());
      ((Button) v.lookup("#secret-copy")).fire();
      return new String[] {((TextField) v.lookup("#secret-id")).getText(), secret.getText()};
    });
    String accessKey = shown[0];
    String secret = shown[1];
    assertTrue(accessKey.startsWith("VK"), accessKey);
    assertTrue(secret.length() >= 32, "a whole secret: " + secret.length());
    assertEquals(secret, HeadlessFx.call(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()),
        "the copy button puts the secret on the clipboard");
    HeadlessFx.call(() -> {
      ((Button) secretDialog().orElseThrow().lookup("#secret-close")).fire();
      return null;
    });
    await("the secret dialog closed", () -> secretDialog().isEmpty());
    await("the key in the table", () -> shown(keys, "apikeys", (ApiKey k) -> k.accessKey().equals(accessKey))
        .isPresent());
    assertNull(HeadlessFx.call(() -> shown(keys, "apikeys", (ApiKey k) -> k.accessKey().equals(accessKey))
        .orElseThrow().secret()), "the table never holds the secret");

    VireoClient signed = VireoClient.builder(URI.create(server.baseUrl()), server.fingerprint())
        .withApiKey(accessKey, secret).build();
    assertEquals("admin", signed.accounts().current().login(), "a signed SDK call with the shown secret");

    HeadlessFx.call(() -> {
      select(keys, "apikeys", (ApiKey k) -> k.accessKey().equals(accessKey));
      fire(keys, "apikeys-action-disable");
      return null;
    });
    await("the key disabled", () -> shown(keys, "apikeys", (ApiKey k) -> k.accessKey().equals(accessKey)
        && !k.enabled()).isPresent());
    assertEquals(401, assertThrows(ApiException.class, () -> signed.accounts().current()).status(),
        "a disabled key signs nothing");
    HeadlessFx.call(() -> {
      select(keys, "apikeys", (ApiKey k) -> k.accessKey().equals(accessKey));
      fire(keys, "apikeys-action-enable");
      return null;
    });
    await("the key enabled", () -> shown(keys, "apikeys", (ApiKey k) -> k.accessKey().equals(accessKey)
        && k.enabled()).isPresent());
    assertEquals("admin", signed.accounts().current().login());

    HeadlessFx.call(() -> {
      select(keys, "apikeys", (ApiKey k) -> k.accessKey().equals(accessKey));
      fire(keys, "apikeys-action-delete");
      return null;
    });
    await("the key gone", () -> shown(keys, "apikeys", (ApiKey k) -> k.accessKey().equals(accessKey)).isEmpty());
    assertTrue(confirmations.stream().anyMatch(c -> c.contains("Delete API key " + accessKey)), "" + confirmations);
    ApiException refused = assertThrows(ApiException.class, () -> signed.accounts().current());
    assertEquals(401, refused.status(), refused.toString());
  }

  @Test
  void anOAuthClientRegisteredInTheScreenGetsClientCredentialsTokensUntilDeleted() throws Exception {
    fireLater(oauth, "oauth-register");
    await("the registration dialog", () -> form().map(f -> boxes(f).size() == 7).orElse(false));
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "name", "desk-ci-app");
      type(f, "redirectUris", "https://ci.example/cb, http://127.0.0.1:8765/cb");
      tick(f, "authorization_code", true);
      tick(f, "refresh_token", true);
      tick(f, "client_credentials", true);
      tick(f, "openid", false);
      tick(f, "email", false);
      tick(f, "vireo.write", false);
      submit(f);
      return null;
    });
    await("the one-time secret dialog", () -> secretDialog().isPresent());
    String[] shown = HeadlessFx.call(() -> {
      SecretView v = secretDialog().orElseThrow();
      String[] s = {((TextField) v.lookup("#secret-id")).getText(), ((TextField) v.lookup("#secret-value")).getText()};
      ((Button) v.lookup("#secret-close")).fire();
      return s;
    });
    String clientId = shown[0];
    String secret = shown[1];
    assertTrue(clientId.startsWith("oac-") && secret.startsWith("vcs_"), clientId);
    await("the client in the table", () -> shown(oauth, "oauth", (OAuthClient c) -> c.id().equals(clientId)).isPresent());
    OAuthClient registered = client.oauthClients().get(clientId);
    assertEquals(List.of("https://ci.example/cb", "http://127.0.0.1:8765/cb"), registered.redirectUris());
    assertEquals(List.of("vireo.read"), registered.scopes());
    assertEquals(List.of("authorization_code", "refresh_token", "client_credentials"), registered.grantTypes());

    Api.Reply token = token(clientId, secret);
    assertEquals(200, token.status(), token.toString());
    String access = token.json().path("access_token").asText();
    assertEquals("admin", api.send("GET", "/api/v1/auth/account", access, null).json().path("login")
        .asText(), "the token acts as the registering account");

    HeadlessFx.call(() -> {
      select(oauth, "oauth", (OAuthClient c) -> c.id().equals(clientId));
      fire(oauth, "oauth-action-delete");
      return null;
    });
    await("the client gone", () -> shown(oauth, "oauth", (OAuthClient c) -> c.id().equals(clientId)).isEmpty());
    Api.Reply refused = token(clientId, secret);
    assertEquals(401, refused.status(), refused.toString());
    assertEquals("invalid_client", refused.json().path("error").asText(), refused.toString());
  }

  private Api.Reply token(String clientId, String secret) throws Exception {
    return api.send("POST", "/oauth2/token", null, FORM, "grant_type=client_credentials&client_id="
        + enc(clientId) + "&client_secret=" + enc(secret), Map.of());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private Optional<Role> serverRole(String name) {
    return client.accounts().roles().items().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Waits until {@code done} holds on the FX thread. */
  private static void await(String what, Supplier<Boolean> done) throws Exception {
    HeadlessFx.await(what, () -> HeadlessFx.call(done::get));
  }

  private static <R> Optional<R> dialog(Class<R> root) {
    return Window.getWindows().stream().filter(Window::isShowing).map(Window::getScene)
        .filter(s -> s != null && root.isInstance(s.getRoot())).map(s -> root.cast(s.getRoot())).findFirst();
  }

  private static Optional<FormView> form() {
    return dialog(FormView.class);
  }

  private static Optional<SecretView> secretDialog() {
    return dialog(SecretView.class);
  }

  private static List<CheckBox> boxes(FormView f) {
    return f.lookupAll(".check-box").stream().filter(n -> n instanceof CheckBox).map(n -> (CheckBox) n).toList();
  }

  private static void tick(FormView f, String text, boolean on) {
    CheckBox box = boxes(f).stream().filter(b -> b.getText().equals(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no check box " + text));
    box.setSelected(on);
  }

  private static Button button(ResourceScreen<?> screen, String nodeId) {
    Object n = screen.view().lookup("#" + nodeId);
    if (n instanceof Button b) {
      return b;
    }
    throw new AssertionError("no button " + nodeId);
  }

  private static void fire(ResourceScreen<?> screen, String nodeId) {
    Button b = button(screen, nodeId);
    assertFalse(b.isDisable(), nodeId + " is enabled");
    b.fire();
  }

  /** Fires a button that opens a dialog, after this call returns (a modal dialog could wait in it). */
  private static void fireLater(ResourceScreen<?> screen, String nodeId) throws Exception {
    HeadlessFx.call(() -> {
      javafx.application.Platform.runLater(() -> fire(screen, nodeId));
      return null;
    });
  }
}
