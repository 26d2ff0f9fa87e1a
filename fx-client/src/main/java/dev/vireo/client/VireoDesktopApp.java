package dev.vireo.client;

import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.main.ClientShell;
import dev.vireo.client.main.StartOptions;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop client: parses {@code --server URL --lang en|zh --theme light|dark --big-screen
 * --user NAME} and starts a {@link ClientShell} (login, then the main window) on the user's
 * preferences. Tests call {@link ClientShell#start} with a Preferences node of their own instead.
 */
public final class VireoDesktopApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(VireoDesktopApp.class);
  private ClientShell shell;

  @Override
  public void start(Stage stage) {
    StartOptions options;
    try {
      options = StartOptions.parse(getParameters().getRaw());
    } catch (IllegalArgumentException e) {
      LOG.error("{}", e.getMessage());
      Platform.exit();
      return;
    }
    shell = ClientShell.start(stage, options, ClientPreferences.user());
  }

  @Override
  public void stop() {
    if (shell != null) {
      shell.close();
    }
  }
}
