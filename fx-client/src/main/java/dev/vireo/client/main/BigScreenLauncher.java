package dev.vireo.client.main;

import dev.vireo.client.app.AppContext;
import javafx.stage.Stage;

/**
 * Opens the big-screen monitor mode ({@code --big-screen}, M14) after login, instead of the main
 * window. The big-screen package provides one: {@link BigScreenLaunchers} finds it at run time so
 * the shell builds without that package.
 */
public interface BigScreenLauncher {
  /** Shows the big screen in {@code stage} (full-screen), on the FX thread. */
  void open(AppContext ctx, Stage stage);
}
