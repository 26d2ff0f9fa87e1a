package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.PinnedTrust;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.login.ConnectionProfile;
import dev.vireo.client.login.ConnectionProfiles;
import dev.vireo.client.main.ClientShell;
import dev.vireo.client.main.StartOptions;
import dev.vireo.client.main.Theme;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.HeadlessFx;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.prefs.Preferences;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop login with the server's branding (M15, ADR 0044), headless (Monocle) against a real
 * server: an administrator sets the branding through the API; the login of a client that knows the
 * server (a saved, pinned profile) shows the server's title, copyright, phone, description, logo
 * and card position before anyone logs in, and the windows carry the platform title.
 */
@Timeout(120)
class DesktopBrandingTest {
  private static TestServer server;
  private static Preferences node;
  private static ClientShell shell;

  @BeforeAll
  static void up(@TempDir Path dir) throws Exception {
    dev.vireo.tests.support.HeadlessFx.start();
    server = TestServer.start(dir);
    node = Preferences.userRoot().node("dev/vireo/tests/desktop-branding-" + ProcessHandle.current().pid());
  }

  @AfterAll
  static void down() throws Exception {
    if (shell != null) {
      fx(() -> {
        shell.close();
        return null;
      });
    }
    if (server != null) {
      server.close();
    }
    if (node != null) {
      node.removeNode();
    }
  }

  @Test
  void theLoginShowsTheServersBrandingBeforeLogin() throws Exception {
    Api api = server.api();
    String admin = server.login();
    Api.Reply set = api.send("PUT", "/api/v1/branding", admin, "{\"siteTitle\":\"Acme Cloud\",\"loginTitle\":"
        + "\"Acme 虚拟化\",\"loginTitleColor\":\"gold\",\"loginCopyright\":\"© 2026 Acme Corp\",\"loginPhone\":"
        + "\"+1 555 0100\",\"loginInputPosition\":\"right\",\"loginDescription\":\"The lab's private cloud\"}");
    assertEquals(200, set.status(), set.toString());
    Api.Reply logo = api.send("PUT", "/api/v1/branding/images/login-logo", admin,
        "{\"data\":\"" + Base64.getEncoder().encodeToString(BrandingTest.PNG) + "\"}");
    assertEquals(200, logo.status(), logo.toString());

    String url = server.baseUrl();
    ClientPreferences prefs = new ClientPreferences(node);
    new ConnectionProfiles(prefs).save(List.of(new ConnectionProfile("Lab", url,
        PinnedTrust.normalize(server.fingerprint()))));
    shell = fx(() -> ClientShell.start(new Stage(), new StartOptions(url, "en", Theme.LIGHT, false, "admin"), prefs));

    await(() -> fx(() -> this.<Label>find("#login-title").getText()).equals("Acme 虚拟化"), "the server's login title");
    assertEquals("© 2026 Acme Corp", fx(() -> this.<Label>find("#login-copyright").getText()));
    assertEquals("+1 555 0100", fx(() -> this.<Label>find("#login-phone").getText()));
    assertTrue(fx(() -> find("#login-description").isVisible()), "not centred: the description shows");
    assertEquals("The lab's private cloud", fx(() -> this.<Label>find("#login-description").getText()));
    assertTrue(fx(() -> find("#login-title").getStyle()).contains("#D4AF37"), "gold title");
    assertEquals(Pos.CENTER_RIGHT, fx(() -> StackPane.getAlignment(find("#login-card"))));
    assertTrue(fx(() -> shell.scene().lookup("#login-logo-image") != null), "the uploaded PNG logo is shown");
    assertEquals("Acme Cloud", fx(() -> ((Stage) shell.scene().getWindow()).getTitle()));

    String password = server.adminPassword();
    fx(() -> {
      this.<PasswordField>find("#login-password").setText(password);
      this.<Button>find("#login-connect").fire();
      return null;
    });
    await(() -> fx(() -> shell.mainWindow() != null), "the main window");
    assertTrue(fx(() -> ((Stage) shell.scene().getWindow()).getTitle()).startsWith("Acme Cloud"),
        "the main window carries the platform title");
  }

  private <T extends Node> T find(String selector) {
    return HeadlessFx.lookup(shell.scene(), selector);
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return HeadlessFx.call(work);
  }

  private static void await(HeadlessFx.Check check, String what) throws Exception {
    HeadlessFx.await(what, check);
  }
}
