package dev.vireo.client.console;

import dev.vireo.api.model.ConsoleTicket;
import dev.vireo.client.app.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.application.Platform;
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
 * connection's state; with a source of SPICE tickets also "External viewer", which opens the VM's
 * SPICE display in remote-viewer ({@link ExternalViewer}, ADR 0031).
 */
public final class ConsolePane extends BorderPane {
  private final VncView view = new VncView();
  private final Label status = new Label();
  private final Path screenshots;
  private final Messages text;

  public ConsolePane(String vmName, Path screenshotDir, Messages text) {
    this(vmName, screenshotDir, text, null, null);
  }

  /**
   * @param spiceTickets asked off the UI thread for a SPICE ticket when the user picks "External
   *     viewer" (null: no such button)
   * @param viewer       how to open it (usually {@link ExternalViewer#fromPath()})
   */
  public ConsolePane(String vmName, Path screenshotDir, Messages text, Callable<ConsoleTicket> spiceTickets,
      ExternalViewer viewer) {
    this.screenshots = screenshotDir;
    this.text = text;
    status.setText(text.get("console.status.connecting"));
    Button cad = new Button(text.get("console.key.ctrl-alt-del"));
    cad.setOnAction(e -> run(view::sendCtrlAltDel));
    MenuButton keys = new MenuButton(text.get("console.keys"));
    for (int f = 1; f <= 6; f++) {
      int n = f;
      MenuItem item = new MenuItem(text.get("console.key.ctrl-alt-f", n));
      item.setOnAction(e -> run(() -> view.sendKeys(dev.vireo.client.console.rfb.KeyMap.CONTROL,
          dev.vireo.client.console.rfb.KeyMap.ALT, dev.vireo.client.console.rfb.KeyMap.named("F" + n))));
      keys.getItems().add(item);
    }
    ToggleButton fit = new ToggleButton(text.get("console.fit"));
    fit.setSelected(true);
    view.setScaleToFit(true);
    fit.setOnAction(e -> view.setScaleToFit(fit.isSelected()));
    Button full = new Button(text.get("console.full-screen"));
    full.setOnAction(e -> {
      if (getScene() != null && getScene().getWindow() instanceof Stage stage) {
        stage.setFullScreen(!stage.isFullScreen());
      }
    });
    Button shot = new Button(text.get("console.screenshot"));
    shot.setOnAction(e -> run(() -> {
      Path file = screenshots.resolve(vmName + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
          "yyyyMMdd-HHmmss")) + ".png");
      view.saveScreenshot(file);
      status.setText(text.get("console.status.saved", file));
    }));
    ToolBar bar = new ToolBar(cad, keys, fit, full, shot);
    if (spiceTickets != null) {
      Button external = new Button(text.get("console.external"));
      external.setId("external-viewer");
      external.setOnAction(e -> openExternal(external, vmName, spiceTickets, viewer));
      bar.getItems().add(external);
    }
    bar.getItems().add(status);
    setTop(bar);
    setCenter(view);
    view.addListener(new ConsoleViewer.Listener() {
      @Override
      public void connected(String desktopName, int width, int height) {
        status.setText(text.get("console.status.connected", desktopName, String.valueOf(width), String.valueOf(height)));
        view.requestFocus();
      }

      @Override
      public void disconnected(String reason) {
        status.setText(text.get("console.status.disconnected", reason));
      }

      @Override
      public void authenticationFailed(String reason) {
        status.setText(text.get("console.status.auth-failed", reason));
      }
    });
  }

  public VncView view() {
    return view;
  }

  /** The connection state or the last action's result as the tool bar shows it. */
  public String statusText() {
    return status.getText();
  }

  private void openExternal(Button button, String vmName, Callable<ConsoleTicket> tickets, ExternalViewer viewer) {
    button.setDisable(true);
    status.setText(text.get("console.status.asking-ticket"));
    Thread t = new Thread(() -> {
      String message;
      try {
        // a fresh owner-only directory: the .vv file holds the ticket's password until the viewer reads it
        message = viewer.open(tickets.call(), vmName, java.nio.file.Files.createTempDirectory("vireo-spice"))
            .message();
      } catch (Exception ex) {
        message = text.get("console.status.external-failed", ex.getMessage());
      }
      String shown = message;
      Platform.runLater(() -> {
        status.setText(shown);
        button.setDisable(false);
      });
    }, "external-viewer-" + vmName);
    t.setDaemon(true);
    t.start();
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
