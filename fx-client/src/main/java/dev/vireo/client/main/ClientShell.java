package dev.vireo.client.main;

import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.Screen;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.login.Branding;
import dev.vireo.client.login.BrandingChanges;
import dev.vireo.client.login.LoginResult;
import dev.vireo.client.login.LoginView;
import dev.vireo.client.login.LoginViewModel;
import dev.vireo.client.login.ServerAccess;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running client in one stage: the login, then the main window (or the big screen with
 * {@code --big-screen}); back to the login on logout or an expired session. Owns the language
 * ({@code app.lang}, from {@code --lang}, else remembered, else the OS locale) and the theme
 * ({@code app.theme}). Tests start it with {@link #start} on a Preferences node of their own.
 */
public final class ClientShell implements ShellActions, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientShell.class);
  static final String LANG = "app.lang";
  static final String THEME = "app.theme";
  private final Stage stage;
  private final StartOptions options;
  private final ClientPreferences prefs;
  private final ServerAccess access;
  private final UiExecutor ui = UiExecutor.fx();
  private final Background io = new Background(ui, 4);
  /** The branding shown: the appliance's until a server's is read at the login (M15). */
  private Branding branding = Branding.defaults();
  private final Scene scene = new Scene(new StackPane(), 1100, 720);
  private final WindowLayout layout;
  private Messages text;
  private Theme theme;
  private LoginViewModel login;
  private MainWindow main;
  private LoginResult session;

  private ClientShell(Stage stage, StartOptions options, ClientPreferences prefs, ServerAccess access) {
    this.stage = stage;
    this.options = options;
    this.prefs = prefs;
    this.access = access;
    this.layout = new WindowLayout(prefs);
    String lang = options.lang() != null ? options.lang()
        : prefs.get(LANG, StartOptions.languageOf(Locale.getDefault()));
    prefs.put(LANG, lang);
    this.text = new Messages(Locale.forLanguageTag(lang));
    this.theme = options.theme() != null ? options.theme() : Theme.parse(prefs.get(THEME, "light"));
    prefs.put(THEME, theme.name().toLowerCase(Locale.ROOT));
  }

  /** Shows the login in {@code stage}; on the FX thread. */
  public static ClientShell start(Stage stage, StartOptions options, ClientPreferences prefs) {
    return start(stage, options, prefs, ServerAccess.sdk());
  }

  /** The same with another way to reach servers. */
  public static ClientShell start(Stage stage, StartOptions options, ClientPreferences prefs, ServerAccess access) {
    ClientShell shell = new ClientShell(stage, options, prefs, access);
    theme(shell.scene, shell.theme);
    shell.stage.setScene(shell.scene);
    shell.stage.setTitle(shell.branding.title());
    WindowIcons.apply(shell.stage, shell.branding);
    shell.layout.restore(stage);
    shell.stage.setOnCloseRequest(e -> shell.close());
    shell.showLogin(null);
    shell.stage.show();
    return shell;
  }

  private void showLogin(String notice) {
    closeMain();
    String server = options.server();
    String user = options.user();
    if (login != null) {
      server = login.serverUrlProperty().get();
      user = login.usernameProperty().get();
    }
    login = new LoginViewModel(access, io, text, prefs, branding);
    login.brandingProperty().addListener((o, was, b) -> {
      branding = b;
      stage.setTitle(b.title());
      WindowIcons.apply(stage, b);
    });
    if (server != null && !server.isBlank()) {
      login.prefillServer(server);
    }
    if (user != null && !user.isBlank()) {
      login.usernameProperty().set(user);
    }
    if (notice != null) {
      login.showNotice(notice);
    }
    login.onLoggedIn(this::openSession);
    setRoot(new LoginView(login, text));
    stage.setTitle(branding.title());
  }

  private void openSession(LoginResult result) {
    session = result;
    AppContext ctx = new AppContext(result.client(), io, ui, text, prefs);
    if (options.bigScreen()) {
      Optional<BigScreenLauncher> big = BigScreenLaunchers.find();
      if (big.isPresent()) {
        big.get().open(ctx, stage);
        return;
      }
      LOG.warn("--big-screen given but no big-screen mode is on the classpath; opening the main window");
    }
    List<Screen> screens = ScreenCatalog.standard(ctx);
    main = new MainWindow(ctx, screens, result.username(), branding.title(), this);
    main.showBranding(branding);
    for (Screen s : screens) {
      if (s instanceof BrandingChanges changes) {
        MainWindow shown = main;
        changes.onBrandingChanged(b -> {
          if (main == shown) {
            branding = b;
            showMainBranding();
          }
        });
      }
    }
    setRoot(main);
    showMainBranding();
  }

  /** The branding on the main window: its header, the window title and icon. */
  private void showMainBranding() {
    main.showBranding(branding);
    stage.setTitle(text.get("main.windowTitle", branding.title(), session.username(), session.client().server()));
    WindowIcons.apply(stage, branding);
  }

  private void setRoot(Parent root) {
    scene.setRoot(root);
  }

  private void closeMain() {
    if (main != null) {
      layout.save(stage);
      main.close();
      main = null;
    }
  }

  @Override
  public void logout() {
    session = null;
    showLogin(text.get("login.notice.loggedOut"));
  }

  @Override
  public void sessionExpired() {
    LOG.info("session expired; back to the login");
    session = null;
    showLogin(text.get("login.notice.expired"));
  }

  @Override
  public void toggleTheme() {
    theme = theme.toggled();
    prefs.put(THEME, theme.name().toLowerCase(Locale.ROOT));
    theme(scene, theme);
  }

  @Override
  public void switchLanguage(String lang) {
    prefs.put(LANG, lang);
    text = new Messages(Locale.forLanguageTag(lang));
    if (main != null && session != null) {
      closeMain();
      openSession(session);
    } else {
      showLogin(null);
    }
  }

  @Override
  public void quit() {
    close();
    Platform.exit();
  }

  private static void theme(Scene scene, Theme theme) {
    theme.applyTo(scene);
  }

  /** The scene (tests look nodes up in it). */
  public Scene scene() {
    return scene;
  }

  /** The main window while logged in, else null. */
  public MainWindow mainWindow() {
    return main;
  }

  public Theme theme() {
    return theme;
  }

  public Messages text() {
    return text;
  }

  /** Saves the window layout and stops the background work. */
  @Override
  public void close() {
    closeMain();
    io.close();
  }
}
