package dev.vireo.client.main;

import dev.vireo.api.model.Region;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.Screen;
import dev.vireo.client.login.BrandLogo;
import dev.vireo.client.login.Branding;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.List;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's content: the connection banner and a header (platform logo and title, region switcher,
 * user, theme, language, logout) on top, the navigation of {@link Screen}s on the left, the selected
 * screen in the centre. Ctrl+1..9 switch screens, F5 refreshes a {@link Refreshable} screen, Ctrl+Q quits.
 */
public final class MainWindow extends BorderPane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
  private static final double LOGO_HEIGHT = 28;
  private final MainWindowViewModel vm;
  private final List<Screen> screens;
  private final Messages text;
  private final ShellActions actions;
  private final StackPane content = new StackPane();
  private final Label title = new Label();
  private final HBox logo = new HBox();
  private final ListView<Screen> nav;
  private final EventHandler<KeyEvent> shortcuts = this::shortcut;
  private Screen current;

  /** A main window with no shell around it (no user name; the header's buttons do nothing). */
  public MainWindow(AppContext ctx, List<Screen> screens) {
    this(ctx, screens, "", ctx.text().get("main.title"), ShellActions.none());
  }

  public MainWindow(AppContext ctx, List<Screen> screens, String username, String productTitle, ShellActions actions) {
    this.screens = List.copyOf(screens);
    this.text = ctx.text();
    this.actions = actions;
    this.vm = new MainWindowViewModel(ctx, username, this.screens.stream().map(Screen::titleKey).toList());
    vm.onSessionExpired(actions::sessionExpired);
    getStyleClass().add("main-window");

    nav = new ListView<>();
    nav.setId("main-nav");
    nav.getStyleClass().add("main-nav");
    nav.getItems().setAll(this.screens);
    nav.setCellFactory(list -> new ListCell<>() {
      @Override
      protected void updateItem(Screen item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : text.get(item.titleKey()));
      }
    });
    nav.setPrefWidth(200);
    nav.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
      if (now.intValue() >= 0) {
        vm.selectedProperty().set(now.intValue());
      }
    });
    vm.selectedProperty().addListener((o, was, now) -> show(now.intValue()));

    setTop(new VBox(new ConnectionBanner(vm.monitor(), text, ZoneId.systemDefault()), header(productTitle)));
    setLeft(nav);
    content.setId("main-content");
    setCenter(content);
    sceneProperty().addListener((o, was, now) -> {
      if (was != null) {
        was.removeEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
      }
      if (now != null) {
        now.addEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
      }
    });
    show(vm.selectedProperty().get());
    vm.start();
  }

  private HBox header(String productTitle) {
    title.setText(productTitle);
    title.setId("main-title");
    title.getStyleClass().add("header-title");
    logo.setId("main-logo");
    logo.setAlignment(Pos.CENTER_LEFT);
    logo.managedProperty().bind(logo.visibleProperty());
    logo.setVisible(false);
    ComboBox<Region> region = new ComboBox<>(vm.regions());
    region.setId("main-region");
    region.setPromptText(text.get("main.region.prompt"));
    region.setTooltip(new Tooltip(text.get("main.region")));
    region.valueProperty().bindBidirectional(vm.regionProperty());
    region.setConverter(new StringConverter<>() {
      @Override
      public String toString(Region r) {
        return r == null ? "" : r.name();
      }

      @Override
      public Region fromString(String s) {
        return null;
      }
    });
    Label user = new Label(text.get("main.user", vm.username()));
    user.setId("main-user");
    Button theme = new Button(text.get("main.theme.toggle"));
    theme.setId("main-theme");
    theme.setOnAction(e -> actions.toggleTheme());
    ComboBox<String> lang = new ComboBox<>();
    lang.setId("main-lang");
    lang.getItems().setAll("en", "zh");
    lang.setValue(text.locale().getLanguage().equals("zh") ? "zh" : "en");
    lang.setConverter(new StringConverter<>() {
      @Override
      public String toString(String code) {
        return code == null ? "" : text.get("main.lang." + code);
      }

      @Override
      public String fromString(String s) {
        return s;
      }
    });
    lang.valueProperty().addListener((o, was, now) -> {
      if (now != null && !now.equals(was)) {
        actions.switchLanguage(now);
      }
    });
    Button logout = new Button(text.get("main.logout"));
    logout.setId("main-logout");
    logout.setOnAction(e -> {
      logout.setDisable(true);
      vm.logout(actions::logout);
    });
    HBox grow = new HBox();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox header = new HBox(10, logo, title, region, grow, user, theme, lang, logout);
    header.getStyleClass().add("main-header");
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(8, 12, 8, 12));
    return header;
  }

  /**
   * Shows the platform's branding in the header: its title, and its platform logo left of it
   * (PNG/JPEG as an image, the default SVG mark as shapes; nothing when the branding has none).
   */
  public void showBranding(Branding b) {
    title.setText(b.title());
    Branding.Image image = b.platformLogo();
    if (image == null || image.data() == null) {
      logo.getChildren().clear();
      logo.setVisible(false);
      return;
    }
    Node mark;
    if (image.svg()) {
      mark = BrandLogo.of(new String(image.data(), java.nio.charset.StandardCharsets.UTF_8), LOGO_HEIGHT);
    } else {
      ImageView view = new ImageView(new Image(new ByteArrayInputStream(image.data())));
      view.setId("main-logo-image");
      view.setPreserveRatio(true);
      view.setFitHeight(LOGO_HEIGHT);
      view.setFitWidth(LOGO_HEIGHT * 352 / 72.0); // the white paper's recommended 352x72
      mark = view;
    }
    logo.getChildren().setAll(mark);
    logo.setVisible(true);
  }

  private void show(int index) {
    if (index < 0 || index >= screens.size()) {
      content.getChildren().setAll(new Label(text.get("main.noScreens")));
      return;
    }
    Screen next = screens.get(index);
    if (next == current) {
      return;
    }
    if (current != null) {
      safely(current::hidden);
    }
    current = next;
    nav.getSelectionModel().select(index);
    Node view;
    try {
      view = next.view();
    } catch (RuntimeException e) {
      LOG.error("screen {} failed to build", next.titleKey(), e);
      view = new Label(text.get("main.screenFailed", text.get(next.titleKey())));
    }
    content.getChildren().setAll(view);
    safely(next::shown);
  }

  private void shortcut(KeyEvent e) {
    if (e.isShortcutDown() && e.getCode() == KeyCode.Q) {
      e.consume();
      actions.quit();
    } else if (e.isShortcutDown() && e.getCode().isDigitKey() && e.getCode() != KeyCode.DIGIT0
        && e.getCode() != KeyCode.NUMPAD0) {
      e.consume();
      String name = e.getCode().getName();
      vm.select(Character.getNumericValue(name.charAt(name.length() - 1)) - 1);
    } else if (e.getCode() == KeyCode.F5 && current instanceof Refreshable r) {
      e.consume();
      safely(r::refresh);
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.error("screen callback failed", e);
    }
  }

  /** The navigation entries, in order. */
  public List<Screen> screens() {
    return screens;
  }

  /** The screen in the centre, or null. */
  public Screen currentScreen() {
    return current;
  }

  public MainWindowViewModel viewModel() {
    return vm;
  }

  /** Hides the current screen, closes the screens (their event streams) and stops the connection monitor; also detaches the shortcuts. */
  @Override
  public void close() {
    if (current != null) {
      safely(current::hidden);
    }
    for (Screen s : screens) {
      if (s instanceof AutoCloseable c) {
        safely(() -> {
          try {
            c.close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
      }
    }
    vm.close();
    Scene scene = getScene();
    if (scene != null) {
      scene.removeEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
    }
  }
}
