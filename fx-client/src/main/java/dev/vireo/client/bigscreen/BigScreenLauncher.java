package dev.vireo.client.bigscreen;

import dev.vireo.client.app.AppContext;
import dev.vireo.client.dashboard.FigureFormat;
import dev.vireo.client.dashboard.SdkDashboardSource;
import java.time.Clock;
import java.time.ZoneId;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

/**
 * Starts the big-screen monitor mode (M14) for a session: the main window's menu, or
 * {@code --big-screen} on the command line for a kiosk. Esc leaves full screen.
 */
public final class BigScreenLauncher {
  private static final Color BACKGROUND = Color.web("#0b1220");

  private BigScreenLauncher() {}

  /**
   * Shows the big screen full-screen in {@code stage} (its scene is replaced); the figures refresh
   * every 10 s while it shows. Call on the FX thread. Returns the view.
   */
  public static BigScreenView open(AppContext ctx, Stage stage) {
    BigScreenView view = create(ctx);
    Scene scene = new Scene(view.node(), 1920, 1080, BACKGROUND);
    stage.setScene(scene);
    stage.setTitle(ctx.text().get("bigscreen.windowTitle"));
    // no JavaFX exit overlay: hiding a full-screen stage while that overlay still fades in throws
    // inside JavaFX's scene synchronisation and leaks its render lock, which hangs the UI thread
    // for good (seen in DesktopE2eTest); the view shows the same hint in its header instead
    stage.setFullScreenExitHint("");
    stage.setFullScreenExitKeyCombination(new KeyCodeCombination(KeyCode.ESCAPE));
    stage.setFullScreen(true);
    stage.show();
    return view;
  }

  /** The big-screen view of a session, not yet shown (to embed it elsewhere). */
  public static BigScreenView create(AppContext ctx) {
    BigScreenViewModel model = new BigScreenViewModel(new SdkDashboardSource(ctx.client()), ctx.io(), ctx.prefs(),
        Clock.systemUTC());
    return new BigScreenView(model, ctx.text(), new FigureFormat(ctx.text().locale(), ZoneId.systemDefault()));
  }
}
