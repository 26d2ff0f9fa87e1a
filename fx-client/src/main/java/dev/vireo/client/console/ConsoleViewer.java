package dev.vireo.client.console;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A VM console viewer (ADR 0030): connects to an RFB stream (the console gateway's tunnel), shows
 * it, and sends keys and the pointer. The desktop client uses it through this interface only.
 */
public interface ConsoleViewer {
  /** Events of the connection; called on the JavaFX application thread. */
  interface Listener {
    default void connected(String desktopName, int width, int height) {}

    default void disconnected(String reason) {}

    default void authenticationFailed(String reason) {}
  }

  void addListener(Listener listener);

  /** Starts the RFB session over the streams; {@code transport} is closed with it. */
  void connect(InputStream in, OutputStream out, Closeable transport, String password);

  void disconnect();

  /** Ctrl+Alt+Del, which the local system would keep for itself. */
  void sendCtrlAltDel() throws IOException;

  /** Presses the keys in order and releases them in reverse (key combinations such as Ctrl+Alt+F2). */
  void sendKeys(dev.vireo.client.console.rfb.KeyMap.Key... keys) throws IOException;

  /** Types ASCII text into the guest as key strokes (paste). */
  void type(String text) throws IOException;

  /** Scales the desktop to the viewer's size (keeping its aspect), or shows it 1:1. */
  void setScaleToFit(boolean fit);

  /** Writes what the desktop shows now as a PNG file. */
  void saveScreenshot(Path png) throws IOException;

  /** Framebuffer updates shown so far (frames). */
  long frames();
}
