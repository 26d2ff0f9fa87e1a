package dev.vireo.client.console;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * A VM console as the desktop client shows it: the {@link VncView} under a tool bar with
 * Ctrl+Alt+Del and other key combinations, scale-to-fit, full screen and screenshot, and the
 * connection's state.
 */
public final class ConsolePane extends BorderPane {
  private final VncView view = new VncView();
  private final Label status = new Label("connecting…");
  private final Path screenshots;

  public ConsolePane(String vmName, Path screenshotDir) {
    this.screenshots = screenshotDir;
    Button cad = new Button("Ctrl+Alt+Del");
    cad.setOnAction(e -> run(view::sendCtrlAltDel));
    MenuButton keys = new MenuButton("Keys");
    for (int f = 1; f <= 6; f++) {
      int n = f;
      MenuItem item = new MenuItem("Ctrl+Alt+F" + n);
      item.setOnAction(e -> run(() -> view.sendKeys(dev.vireo.client.console.rfb.KeyMap.CONTROL,
          dev.vireo.client.console.rfb.KeyMap.ALT, dev.vireo.client.console.rfb.KeyMap.named("F" + n))));
      keys.getItems().add(item);
    }
    ToggleButton fit = new ToggleButton("Fit");
    fit.setSelected(true);
    view.setScaleToFit(true);
    fit.setOnAction(e -> view.setScaleToFit(fit.isSelected()));
    Button full = new Button("Full screen");
    full.setOnAction(e -> {
      if (getScene() != null && getScene().getWindow() instanceof Stage stage) {
        stage.setFullScreen(!stage.isFullScreen());
      }
    });
    Button shot = new Button("Screenshot");
    shot.setOnAction(e -> run(() -> {
      Path file = screenshots.resolve(vmName + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
          "yyyyMMdd-HHmmss")) + ".png");
      view.saveScreenshot(file);
      status.setText("saved " + file);
    }));
    setTop(new ToolBar(cad, keys, fit, full, shot, status));
    setCenter(view);
    view.addListener(new ConsoleViewer.Listener() {
      @Override
      public void connected(String desktopName, int width, int height) {
        status.setText(desktopName + " " + width + "×" + height);
        view.requestFocus();
      }

      @Override
      public void disconnected(String reason) {
        status.setText("disconnected: " + reason);
      }

      @Override
      public void authenticationFailed(String reason) {
        status.setText("authentication failed: " + reason);
      }
    });
  }

  public VncView view() {
    return view;
  }

  private interface Io {
    void run() throws IOException;
  }

  private void run(Io io) {
    try {
      io.run();
    } catch (IOException e) {
      status.setText(e.getMessage());
    }
  }
}
