package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vireo.api.client.PinnedTrust;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.SmtpSecurity;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.login.ConnectionProfile;
import dev.vireo.client.login.ConnectionProfiles;
import dev.vireo.client.main.ClientShell;
import dev.vireo.client.main.StartOptions;
import dev.vireo.client.main.Theme;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.settings.SettingsScreen;
import dev.vireo.tests.support.HeadlessFx;
import dev.vireo.tests.support.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop Settings screen (issues 7 and 9) headless (Monocle) in the whole client against a
 * real server: reached from the navigation, it shows the server's values; a console security
 * change saved there is the server's; an out-of-range value shows the server's 422 next to its
 * field and changes nothing; the SMTP settings saved there send a test mail that arrives at a real
 * SMTP server (GreenMail); disk and deletion settings are saved; a PNG favicon uploaded by path
 * becomes the window icon, and the platform logo (set before the login, then uploaded in the
 * screen) and title show in the main window's header.
 */
@Timeout(240)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopSettingsTest {
  private Path dir;
  private TestServer server;
  private GreenMail mail;
  private Preferences node;
  private ClientShell shell;
  private VireoClient sdk;
  private SettingsScreen settings;

  @BeforeAll
  void up() throws Exception {
    HeadlessFx.start();
    dir = Files.createTempDirectory("vireo-desktop-settings-");
    server = TestServer.start(dir);
    sdk = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), server.login());
    sdk.branding().setImage("logo", png(352, 72));
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.com", "mailer", "mail-pass-1"));
    mail.start();

    node = Preferences.userRoot().node("dev/vireo/tests/desktop-settings-" + ProcessHandle.current().pid());
    ClientPreferences prefs = new ClientPreferences(node);
    String url = server.baseUrl();
    new ConnectionProfiles(prefs).save(List.of(new ConnectionProfile("Lab", url,
        PinnedTrust.normalize(server.fingerprint()))));
    shell = fx(() -> ClientShell.start(new Stage(), new StartOptions(url, "en", Theme.LIGHT, false, "admin"), prefs));
    String password = server.adminPassword();
    await(() -> fx(() -> shell.scene().lookup("#login-password") != null), "the login");
    fx(() -> {
      ((PasswordField) shell.scene().lookup("#login-password")).setText(password);
      ((Button) shell.scene().lookup("#login-connect")).fire();
      return null;
    });
    await(() -> fx(() -> shell.mainWindow() != null), "the main window");
    settings = fx(() -> {
      var screens = shell.mainWindow().screens();
      SettingsScreen s = screens.stream().filter(SettingsScreen.class::isInstance).map(SettingsScreen.class::cast)
          .findFirst().orElseThrow(() -> new AssertionError("no Settings in the navigation"));
      assertEquals("Settings", shell.text().get(s.titleKey()));
      shell.mainWindow().viewModel().select(screens.indexOf(s));
      return s;
    });
    await(() -> fx(() -> shell.mainWindow().currentScreen() == settings), "the Settings screen shown");
  }

  @AfterAll
  void down() throws Exception {
    if (shell != null) {
      fx(() -> {
        shell.close();
        ((Stage) shell.scene().getWindow()).close();
        return null;
      });
    }
    if (mail != null) {
      mail.stop();
    }
    if (server != null) {
      server.close();
    }
    if (node != null) {
      node.removeNode();
    }
    if (dir != null) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  @Order(1)
  void aConsoleSecurityChangeIsSavedAndAnOutOfRangeValueShowsTheServersRefusal() throws Exception {
    await(() -> fx(() -> settings.security().loadedProperty().get()), "the security values");
    assertEquals("5", fx(() -> this.<TextField>find("security", "#settings-security-lockoutThreshold").getText()),
        "the server's value is shown");
    fx(() -> {
      this.<TextField>find("security", "#settings-security-lockoutThreshold").setText("7");
      CheckBox force = find("security", "#settings-security-forceChangeOnExpiry");
      assertTrue(force.isSelected(), "the server's default");
      force.setSelected(false);
      this.<Button>find("security", "#settings-security-save").fire();
      return null;
    });
    await(() -> sdk.accounts().securitySettings().lockoutThreshold() == 7, "the server's threshold 7");
    assertFalse(sdk.accounts().securitySettings().forceChangeOnExpiry());
    await(() -> fx(() -> this.<Label>find("security", "#settings-security-notice").getText()).equals("Saved."),
        "the success notice");

    fx(() -> {
      this.<TextField>find("security", "#settings-security-lockoutThreshold").setText("0");
      this.<Button>find("security", "#settings-security-save").fire();
      return null;
    });
    await(() -> !fx(() -> this.<Label>find("security", "#settings-security-lockoutThreshold-error").getText())
        .isEmpty(), "the refusal next to the field");
    String why = fx(() -> this.<Label>find("security", "#settings-security-lockoutThreshold-error").getText());
    assertEquals("lockoutThreshold: must be between 1 and 100 (got 0)", why, "the server's sentence");
    assertEquals("", fx(() -> this.<Label>find("security", "#settings-security-notice").getText()));
    assertEquals(7, sdk.accounts().securitySettings().lockoutThreshold(), "nothing changed");
  }

  @Test
  @Order(2)
  void smtpSettingsSavedThereSendATestMailThatArrives() throws Exception {
    await(() -> fx(() -> settings.smtp().loadedProperty().get()), "the SMTP values");
    int port = mail.getSmtp().getPort();
    fx(() -> {
      this.<TextField>find("smtp", "#settings-smtp-host").setText("127.0.0.1");
      this.<TextField>find("smtp", "#settings-smtp-port").setText(String.valueOf(port));
      ComboBox<Choice> security = find("smtp", "#settings-smtp-security");
      security.setValue(security.getItems().stream().filter(c -> c.value().equals("NONE")).findFirst().orElseThrow());
      this.<TextField>find("smtp", "#settings-smtp-username").setText("mailer");
      assertTrue(find("smtp", "#settings-smtp-password") instanceof PasswordField, "the password is hidden");
      this.<TextField>find("smtp", "#settings-smtp-password").setText("mail-pass-1");
      this.<TextField>find("smtp", "#settings-smtp-from").setText("vireo@example.com");
      this.<TextField>find("smtp", "#settings-smtp-subjectPrefix").setText("[Desk]");
      this.<Button>find("smtp", "#settings-smtp-save").fire();
      return null;
    });
    await(() -> "127.0.0.1".equals(sdk.notifications().smtpSettings().host()), "the SMTP settings saved");
    var saved = sdk.notifications().smtpSettings();
    assertEquals(port, saved.port());
    assertEquals(SmtpSecurity.NONE, saved.security());
    assertTrue(saved.passwordSet());
    await(() -> fx(() -> this.<Label>find("smtp", "#settings-smtp-notice").getText()).equals("Saved."), "saved");
    assertEquals("", fx(() -> this.<TextField>find("smtp", "#settings-smtp-password").getText()),
        "the password is not shown back");

    fx(() -> {
      this.<TextField>find("smtp", "#settings-smtp-test-to").setText("ops@example.com");
      this.<Button>find("smtp", "#settings-smtp-test-save").fire();
      return null;
    });
    assertTrue(mail.waitForIncomingEmail(15000, 1), "the test mail arrived");
    assertEquals("[Desk] Test mail from Vireo", mail.getReceivedMessages()[0].getSubject());
    await(() -> fx(() -> this.<Label>find("smtp", "#settings-smtp-test-notice").getText()).contains("ops@example.com"),
        "the test mail notice");
  }

  @Test
  @Order(3)
  void diskSettingsAndTheDeletionPolicyAreSaved() throws Exception {
    await(() -> fx(() -> settings.disks().loadedProperty().get() && settings.deletion().loadedProperty().get()),
        "the disk values");
    fx(() -> {
      this.<TextField>find("disks", "#settings-disks-maxSnapshotsPerDisk").setText("9");
      this.<Button>find("disks", "#settings-disks-save").fire();
      return null;
    });
    await(() -> !fx(() -> this.<Label>find("disks", "#settings-disks-maxSnapshotsPerDisk-error").getText()).isEmpty(),
        "the limit refused");
    assertTrue(fx(() -> this.<Label>find("disks", "#settings-disks-maxSnapshotsPerDisk-error").getText())
        .contains("5"));
    fx(() -> {
      this.<TextField>find("disks", "#settings-disks-maxSnapshotsPerDisk").setText("3");
      this.<Button>find("disks", "#settings-disks-save").fire();
      return null;
    });
    await(() -> sdk.settings().diskSettings().maxSnapshotsPerDisk() == 3, "the server's limit 3");

    fx(() -> {
      this.<CheckBox>find("disks", "#settings-deletion-deletionForbidden").setSelected(true);
      this.<Button>find("disks", "#settings-deletion-save").fire();
      return null;
    });
    await(() -> Boolean.TRUE.equals(sdk.settings().deletionPolicy().deletionForbidden()), "deletion forbidden");
    await(() -> fx(() -> this.<Label>find("disks", "#settings-deletion-notice").getText()).equals("Saved."), "saved");
    fx(() -> {
      this.<CheckBox>find("disks", "#settings-deletion-deletionForbidden").setSelected(false);
      this.<Button>find("disks", "#settings-deletion-save").fire();
      return null;
    });
    await(() -> Boolean.FALSE.equals(sdk.settings().deletionPolicy().deletionForbidden()), "deletion allowed again");
  }

  @Test
  @Order(4)
  void theHeaderShowsThePlatformLogoTheServerHadAtTheLogin() throws Exception {
    assertEquals(352.0, fx(() -> headerLogoWidth()), "the logo uploaded before the login");
  }

  @Test
  @Order(5)
  void aFaviconPngUploadedByPathBecomesTheWindowIconAndANewLogoAndTitleShowInTheHeader() throws Exception {
    Stage stage = fx(() -> (Stage) shell.scene().getWindow());
    assertTrue(fx(() -> stage.getIcons().isEmpty()), "no favicon yet");
    Path favicon = dir.resolve("favicon.png");
    Files.write(favicon, png(32, 32));
    fx(() -> {
      settings.images().upload("favicon", favicon);
      return null;
    });
    await(() -> fx(() -> !stage.getIcons().isEmpty()), "the window icon");
    assertEquals(32.0, fx(() -> stage.getIcons().get(0).getWidth()));
    assertEquals("image/x-icon", sdk.branding().image("favicon").contentType(), "sent as an ICO holding the PNG");
    await(() -> fx(() -> this.<Label>find("branding", "#settings-image-favicon-status").getText())
        .startsWith("uploaded, image/x-icon"), "the favicon's status");

    Path logo = dir.resolve("logo.png");
    Files.write(logo, png(176, 36));
    fx(() -> {
      settings.images().upload("logo", logo);
      return null;
    });
    await(() -> fx(() -> headerLogoWidth() == 176.0), "the new logo in the header");

    Path notAnImage = dir.resolve("notes.png");
    Files.writeString(notAnImage, "not a picture");
    fx(() -> {
      settings.images().upload("login-logo", notAnImage);
      return null;
    });
    await(() -> !fx(() -> this.<Label>find("branding", "#settings-image-login-logo-error").getText()).isEmpty(),
        "the refused upload");
    assertTrue(fx(() -> this.<Label>find("branding", "#settings-image-login-logo-error").getText())
        .contains("must be png or jpeg"));

    await(() -> fx(() -> settings.brandingTexts().loadedProperty().get()), "the branding texts");
    fx(() -> {
      this.<TextField>find("branding", "#settings-branding-siteTitle").setText("Acme Ops");
      this.<Button>find("branding", "#settings-branding-save").fire();
      return null;
    });
    await(() -> fx(() -> ((Label) shell.scene().lookup("#main-title")).getText()).equals("Acme Ops"),
        "the new title in the header");
    assertTrue(fx(stage::getTitle).startsWith("Acme Ops"), fx(stage::getTitle));
    assertEquals("Acme Ops", sdk.branding().get().settings().siteTitle());
  }

  private double headerLogoWidth() {
    Node n = shell.scene().lookup("#main-logo-image");
    return n instanceof ImageView v && v.getImage() != null ? v.getImage().getWidth() : -1;
  }

  /** The node of the settings tab {@code tab} (selected first, so its content is in the scene). */
  @SuppressWarnings("unchecked")
  private <T extends Node> T find(String tab, String selector) {
    TabPane tabs = (TabPane) settings.view();
    Tab t = tabs.getTabs().stream().filter(x -> ("settings-tab-" + tab).equals(x.getId())).findFirst().orElseThrow();
    tabs.getSelectionModel().select(t);
    Node n = t.getContent().lookup(selector);
    if (n == null) {
      throw new AssertionError("no " + selector + " in the tab " + tab);
    }
    return (T) n;
  }

  private static byte[] png(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, 0xFF2E7D5B);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return HeadlessFx.call(work);
  }

  private static void await(HeadlessFx.Check check, String what) throws Exception {
    HeadlessFx.await(what, check);
  }
}
