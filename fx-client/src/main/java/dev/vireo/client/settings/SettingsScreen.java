package dev.vireo.client.settings;

import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.Screen;
import dev.vireo.client.login.Branding;
import dev.vireo.client.login.BrandingChanges;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;

/**
 * The platform settings (issues 7 and 9): console security, the mail server and its test mail,
 * disks and the deletion policy, and the branding (texts and images), one tab each. The values
 * are read from the server each time the screen is shown; each form saves on its own. A branding
 * change is read back and handed to {@link #onBrandingChanged} listeners (the shell's window).
 */
public final class SettingsScreen implements Screen, BrandingChanges {
  private final Messages text;
  private final SettingsForm security;
  private final SettingsForm smtp;
  private final SettingsForm smtpTest;
  private final SettingsForm disks;
  private final SettingsForm deletion;
  private final SettingsForm brandingTexts;
  private final BrandingImagesModel images;
  private final BrandingFeed feed;
  private TabPane view;

  public SettingsScreen(AppContext ctx) {
    this.text = ctx.text();
    var c = ctx.client();
    this.feed = new BrandingFeed(c.branding(), ctx.io());
    this.security = ConsoleSecurityForm.create(c, ctx.io(), text);
    this.smtp = SmtpForm.create(c, ctx.io(), text);
    this.smtpTest = SmtpForm.testMail(c, ctx.io(), text);
    this.disks = DiskSettingsForm.create(c, ctx.io(), text);
    this.deletion = DeletionPolicyForm.create(c, ctx.io(), text);
    this.brandingTexts = BrandingTextForm.create(c, ctx.io(), text).onSaved(feed::refresh);
    this.images = new BrandingImagesModel(c.branding(), ctx.io(), text).onChanged(feed::refresh);
  }

  @Override
  public String titleKey() {
    return "settings.nav";
  }

  @Override
  public Node view() {
    if (view == null) {
      view = new TabPane(
          tab("security", "settings.tab.security", new SettingsFormView(security, text)),
          tab("smtp", "settings.tab.smtp", new SettingsFormView(smtp, text), new SettingsFormView(smtpTest, text)),
          tab("disks", "settings.tab.disks", new SettingsFormView(disks, text), new SettingsFormView(deletion, text)),
          tab("branding", "settings.tab.branding", new SettingsFormView(brandingTexts, text),
              new BrandingImagesView(images, text)));
      view.setId("settings");
      view.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    }
    return view;
  }

  private Tab tab(String id, String key, Node... sections) {
    ScrollPane scroll = new ScrollPane(new VBox(8, sections));
    scroll.setFitToWidth(true);
    Tab tab = new Tab(text.get(key), scroll);
    tab.setId("settings-tab-" + id);
    return tab;
  }

  /** Reads the current values of every form. */
  @Override
  public void shown() {
    for (SettingsForm f : forms()) {
      f.load();
    }
    images.load();
  }

  @Override
  public void onBrandingChanged(Consumer<Branding> listener) {
    feed.listen(listener);
  }

  private List<SettingsForm> forms() {
    return List.of(security, smtp, smtpTest, disks, deletion, brandingTexts);
  }

  public SettingsForm security() {
    return security;
  }

  public SettingsForm smtp() {
    return smtp;
  }

  public SettingsForm smtpTest() {
    return smtpTest;
  }

  public SettingsForm disks() {
    return disks;
  }

  public SettingsForm deletion() {
    return deletion;
  }

  public SettingsForm brandingTexts() {
    return brandingTexts;
  }

  public BrandingImagesModel images() {
    return images;
  }
}
