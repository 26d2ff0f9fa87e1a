package dev.vireo.client.console;

import dev.vireo.client.console.rfb.Framebuffer;
import dev.vireo.client.console.rfb.KeyMap;
import dev.vireo.client.console.rfb.RfbSession;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javax.imageio.ImageIO;

/**
 * The integrated VNC viewer (ADR 0030): the {@link RfbSession}'s framebuffer shared with a JavaFX
 * {@link WritableImage} through a {@link PixelBuffer}, so an update marks only its dirty rectangle
 * (one {@code Platform.runLater} per frame); keys and pointer go to the session from a worker
 * thread, never from the UI thread's network write.
 */
public final class VncView extends StackPane implements ConsoleViewer {
  private final ImageView imageView = new ImageView();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService input = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "vnc-input");
    t.setDaemon(true);
    return t;
  });
  private volatile RfbSession session;
  private PixelBuffer<IntBuffer> buffer;
  private final Object dirtyLock = new Object();
  private int dx0 = Integer.MAX_VALUE;
  private int dy0 = Integer.MAX_VALUE;
  private int dx1;
  private int dy1;
  private boolean flushQueued;
  private int buttons;

  public VncView() {
    getChildren().add(imageView);
    imageView.setPreserveRatio(true);
    setFocusTraversable(true);
    setStyle("-fx-background-color: black;");
    addEventHandler(KeyEvent.KEY_PRESSED, e -> key(e, true));
    addEventHandler(KeyEvent.KEY_RELEASED, e -> key(e, false));
    addEventHandler(MouseEvent.MOUSE_PRESSED, e -> mouse(e, true));
    addEventHandler(MouseEvent.MOUSE_RELEASED, e -> mouse(e, false));
    addEventHandler(MouseEvent.MOUSE_MOVED, e -> mouse(e, null));
    addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> mouse(e, null));
    addEventHandler(ScrollEvent.SCROLL, this::scroll);
  }

  @Override
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  @Override
  public void connect(InputStream in, OutputStream out, Closeable transport, String password) {
    RfbSession s = new RfbSession(in, out, transport, password, new RfbSession.Listener() {
      @Override
      public void connected(String name, int width, int height) {
        Platform.runLater(() -> {
          attach(session.framebuffer());
          listeners.forEach(l -> l.connected(name, width, height));
        });
      }

      @Override
      public void authenticationFailed(String reason) {
        Platform.runLater(() -> listeners.forEach(l -> l.authenticationFailed(reason)));
      }

      @Override
      public void disconnected(String reason) {
        Platform.runLater(() -> listeners.forEach(l -> l.disconnected(reason)));
      }
    });
    session = s;
    s.start();
  }

  /** On the FX thread: a new image over the framebuffer's pixels, and the listener that marks dirty rectangles. */
  private void attach(Framebuffer fb) {
    rebuild(fb);
    fb.addListener(new Framebuffer.Listener() {
      @Override
      public void updated(int x, int y, int w, int h) {
        synchronized (dirtyLock) {
          dx0 = Math.min(dx0, x);
          dy0 = Math.min(dy0, y);
          dx1 = Math.max(dx1, x + w);
          dy1 = Math.max(dy1, y + h);
        }
      }

      @Override
      public void resized(int width, int height) {
        Platform.runLater(() -> rebuild(fb));
      }

      @Override
      public void frameComplete() {
        synchronized (dirtyLock) {
          if (flushQueued || dx0 == Integer.MAX_VALUE) {
            return;
          }
          flushQueued = true;
        }
        Platform.runLater(VncView.this::flush);
      }
    });
  }

  private void rebuild(Framebuffer fb) {
    buffer = new PixelBuffer<>(fb.width(), fb.height(), IntBuffer.wrap(fb.pixels()),
        PixelFormat.getIntArgbPreInstance());
    imageView.setImage(new WritableImage(buffer));
  }

  private void flush() {
    Rectangle2D dirty;
    synchronized (dirtyLock) {
      flushQueued = false;
      if (dx0 == Integer.MAX_VALUE || buffer == null) {
        return;
      }
      int w = Math.min(dx1, buffer.getWidth()) - dx0;
      int h = Math.min(dy1, buffer.getHeight()) - dy0;
      dirty = w > 0 && h > 0 ? new Rectangle2D(dx0, dy0, w, h) : null;
      dx0 = Integer.MAX_VALUE;
      dy0 = Integer.MAX_VALUE;
      dx1 = 0;
      dy1 = 0;
    }
    if (dirty != null) {
      buffer.updateBuffer(b -> dirty);
    }
  }

  private void key(KeyEvent e, boolean down) {
    KeyMap.Key k = KeyMap.named(e.getCode().name());
    RfbSession s = session;
    if (k != null && s != null) {
      input.execute(() -> send(() -> s.key(k.keysym(), k.scancode(), down)));
      e.consume();
    }
  }

  private void mouse(MouseEvent e, Boolean down) {
    RfbSession s = session;
    if (s == null || s.framebuffer() == null) {
      return;
    }
    int bit = e.getButton() == MouseButton.PRIMARY ? 1 : e.getButton() == MouseButton.MIDDLE ? 2
        : e.getButton() == MouseButton.SECONDARY ? 4 : 0;
    if (down != null) {
      buttons = down ? buttons | bit : buttons & ~bit;
      requestFocus();
    }
    int[] p = desktopPoint(e.getX(), e.getY());
    int b = buttons;
    input.execute(() -> send(() -> s.pointer(p[0], p[1], b)));
  }

  private void scroll(ScrollEvent e) {
    RfbSession s = session;
    if (s == null || s.framebuffer() == null || e.getDeltaY() == 0) {
      return;
    }
    int[] p = desktopPoint(e.getX(), e.getY());
    int wheel = e.getDeltaY() > 0 ? 8 : 16;
    int b = buttons;
    input.execute(() -> send(() -> {
      s.pointer(p[0], p[1], b | wheel);
      s.pointer(p[0], p[1], b);
    }));
  }

  /** A point of this view in desktop pixels (the image may be scaled and centred). */
  private int[] desktopPoint(double x, double y) {
    var bounds = imageView.getBoundsInParent();
    Framebuffer fb = session.framebuffer();
    double sx = bounds.getWidth() <= 0 ? 1 : fb.width() / bounds.getWidth();
    double sy = bounds.getHeight() <= 0 ? 1 : fb.height() / bounds.getHeight();
    int dx = (int) Math.round((x - bounds.getMinX()) * sx);
    int dy = (int) Math.round((y - bounds.getMinY()) * sy);
    return new int[] {Math.max(0, Math.min(fb.width() - 1, dx)), Math.max(0, Math.min(fb.height() - 1, dy))};
  }

  private interface Io {
    void run() throws IOException;
  }

  private static void send(Io io) {
    try {
      io.run();
    } catch (IOException e) {
      // the session reports the broken connection as disconnected
    }
  }

  @Override
  public void disconnect() {
    RfbSession s = session;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public void sendCtrlAltDel() throws IOException {
    requireSession().combo(KeyMap.CONTROL, KeyMap.ALT, KeyMap.DELETE);
  }

  @Override
  public void sendKeys(KeyMap.Key... keys) throws IOException {
    requireSession().combo(keys);
  }

  @Override
  public void type(String text) throws IOException {
    requireSession().type(text);
  }

  private RfbSession requireSession() throws IOException {
    RfbSession s = session;
    if (s == null) {
      throw new IOException("not connected");
    }
    return s;
  }

  @Override
  public void setScaleToFit(boolean fit) {
    if (fit) {
      imageView.fitWidthProperty().bind(widthProperty());
      imageView.fitHeightProperty().bind(heightProperty());
    } else {
      imageView.fitWidthProperty().unbind();
      imageView.fitHeightProperty().unbind();
      imageView.setFitWidth(0);
      imageView.setFitHeight(0);
    }
  }

  @Override
  public void saveScreenshot(Path png) throws IOException {
    RfbSession s = requireSession();
    Framebuffer fb = s.framebuffer();
    if (fb == null) {
      throw new IOException("no desktop yet");
    }
    BufferedImage image = new BufferedImage(fb.width(), fb.height(), BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, fb.width(), fb.height(), fb.snapshot(), 0, fb.width());
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer");
    }
  }

  @Override
  public long frames() {
    RfbSession s = session;
    return s == null ? 0 : s.frames();
  }

  /** The image the view shows (for snapshots of what the user sees). */
  public javafx.scene.image.Image image() {
    return imageView.getImage();
  }
}
