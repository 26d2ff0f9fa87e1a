package dev.vireo.client.main;

import dev.vireo.client.app.Messages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * The bar at the top of the main window while the {@link ConnectionMonitor} is LOST: "Connection
 * to the server lost — reconnecting… (since 12:03:04)", with the last error as tooltip. It takes
 * no room while connected and goes away by itself when a ping succeeds.
 */
public final class ConnectionBanner extends Label {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  public ConnectionBanner(ConnectionMonitor monitor, Messages text, ZoneId zone) {
    setId("connection-banner");
    getStyleClass().add("connection-banner");
    setMaxWidth(Double.MAX_VALUE);
    visibleProperty().bind(monitor.stateProperty().isEqualTo(ConnectionMonitor.State.LOST));
    managedProperty().bind(visibleProperty());
    textProperty().bind(Bindings.createStringBinding(() -> {
      Instant since = monitor.lostSinceProperty().get();
      return since == null ? "" : text.get("main.banner.lost", TIME.format(since.atZone(zone)));
    }, monitor.lostSinceProperty()));
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(Bindings.createStringBinding(() -> monitor.lastErrorProperty().get() == null ? ""
        : monitor.lastErrorProperty().get(), monitor.lastErrorProperty()));
    setTooltip(tip);
  }
}
