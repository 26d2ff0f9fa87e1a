package dev.vireo.client.console.rfb;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An RFB 3.8 client (RFC 6143) for QEMU's VNC server: VNC or no authentication, 32-bit true
 * colour, Raw, CopyRect and ZRLE, desktop resize (DesktopSize and ExtendedDesktopSize), and QEMU's
 * extended key events (layout-independent scancodes) when the server offers them. A reader thread
 * decodes updates into the {@link Framebuffer} and asks for the next one after each.
 */
public final class RfbSession implements Closeable {
  /** What happens to the session; called from its reader thread. */
  public interface Listener {
    void connected(String desktopName, int width, int height);

    void authenticationFailed(String reason);

    void disconnected(String reason);
  }

  static final int RAW = 0;
  static final int COPY_RECT = 1;
  static final int ZRLE = 16;
  static final int DESKTOP_SIZE = -223;
  static final int EXTENDED_DESKTOP_SIZE = -308;
  static final int QEMU_EXTENDED_KEY = -258;

  private final DataInputStream in;
  private final DataOutputStream out;
  private final String password;
  private final Listener listener;
  private final ZrleDecoder zrle = new ZrleDecoder();
  private volatile Framebuffer framebuffer;
  private volatile boolean extendedKeys;
  private volatile boolean closed;
  private volatile long frames;
  private volatile long pixels;
  private final Closeable transport;
  private Thread reader;

  /** Over {@code transport}'s streams (a gateway tunnel or a TCP socket); it is closed with the session. */
  public RfbSession(InputStream in, OutputStream out, Closeable transport, String password, Listener listener) {
    this.in = new DataInputStream(new java.io.BufferedInputStream(in, 64 * 1024));
    this.out = new DataOutputStream(new java.io.BufferedOutputStream(out, 8 * 1024));
    this.transport = transport;
    this.password = password;
    this.listener = listener;
  }

  /** Starts the handshake and the reader thread. */
  public void start() {
    reader = new Thread(this::run, "rfb-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** The desktop, once connected (null before). */
  public Framebuffer framebuffer() {
    return framebuffer;
  }

  /** Framebuffer updates decoded so far. */
  public long frames() {
    return frames;
  }

  /** Pixels of all decoded rectangles so far (divided by the desktop's area: full-screen equivalents). */
  public long pixelsUpdated() {
    return pixels;
  }

  /** Whether keys go as QEMU extended key events (scancodes) rather than keysyms. */
  public boolean extendedKeys() {
    return extendedKeys;
  }

  private void run() {
    String reason = "closed";
    try {
      if (!handshake()) {
        return;
      }
      while (!closed) {
        message();
      }
    } catch (IOException | RuntimeException e) {
      reason = closed ? "closed" : e.getMessage() == null ? e.toString() : e.getMessage();
    } finally {
      closeQuietly();
      listener.disconnected(reason);
    }
  }

  private boolean handshake() throws IOException {
    byte[] version = new byte[12];
    in.readFully(version);
    String v = new String(version, StandardCharsets.US_ASCII);
    if (!v.startsWith("RFB 003.")) {
      throw new IOException("not an RFB server: " + v.strip());
    }
    out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    int count = in.readUnsignedByte();
    if (count == 0) {
      String why = string();
      listener.authenticationFailed(why);
      return false;
    }
    boolean vncAuth = false;
    boolean none = false;
    for (int i = 0; i < count; i++) {
      int t = in.readUnsignedByte();
      vncAuth |= t == 2;
      none |= t == 1;
    }
    if (vncAuth && password != null) {
      out.writeByte(2);
      out.flush();
      byte[] challenge = new byte[16];
      in.readFully(challenge);
      out.write(VncAuth.response(password, challenge));
      out.flush();
    } else if (none) {
      out.writeByte(1);
      out.flush();
    } else {
      listener.authenticationFailed(vncAuth ? "the display needs a password" : "no security type this viewer speaks");
      return false;
    }
    if (in.readInt() != 0) {
      String why = string();
      listener.authenticationFailed(why.isEmpty() ? "authentication failed" : why);
      return false;
    }
    out.writeByte(1); // ClientInit: shared
    out.flush();
    int width = in.readUnsignedShort();
    int height = in.readUnsignedShort();
    in.skipBytes(16); // the server's pixel format: we set ours
    String name = string();
    framebuffer = new Framebuffer(width, height);
    setPixelFormat();
    setEncodings();
    requestUpdate(false);
    listener.connected(name, width, height);
    return true;
  }

  private String string() throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("implausible string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private synchronized void setPixelFormat() throws IOException {
    out.writeByte(0);
    out.write(new byte[3]);
    out.writeByte(32); // bits per pixel
    out.writeByte(24); // depth
    out.writeByte(0); // little-endian
    out.writeByte(1); // true colour
    out.writeShort(255);
    out.writeShort(255);
    out.writeShort(255);
    out.writeByte(16);
    out.writeByte(8);
    out.writeByte(0);
    out.write(new byte[3]);
    out.flush();
  }

  private synchronized void setEncodings() throws IOException {
    int[] encodings = {ZRLE, COPY_RECT, RAW, EXTENDED_DESKTOP_SIZE, DESKTOP_SIZE, QEMU_EXTENDED_KEY};
    out.writeByte(2);
    out.writeByte(0);
    out.writeShort(encodings.length);
    for (int e : encodings) {
      out.writeInt(e);
    }
    out.flush();
  }

  private synchronized void requestUpdate(boolean incremental) throws IOException {
    Framebuffer fb = framebuffer;
    out.writeByte(3);
    out.writeByte(incremental ? 1 : 0);
    out.writeShort(0);
    out.writeShort(0);
    out.writeShort(fb.width());
    out.writeShort(fb.height());
    out.flush();
  }

  private void message() throws IOException {
    int type = in.readUnsignedByte();
    switch (type) {
      case 0 -> update();
      case 1 -> {
        in.skipBytes(3);
        int n = in.readUnsignedShort();
        in.skipBytes(6 * n);
      }
      case 2 -> { } // bell
      case 3 -> {
        in.skipBytes(3);
        int n = in.readInt();
        in.skipBytes(n);
      }
      case 255 -> { // QEMU: audio only
        int sub = in.readUnsignedByte();
        int op = in.readUnsignedShort();
        if (sub == 1 && op == 2) {
          in.skipBytes(in.readInt());
        }
      }
      default -> throw new IOException("unknown server message " + type);
    }
  }

  private void update() throws IOException {
    in.skipBytes(1);
    int rects = in.readUnsignedShort();
    Framebuffer fb = framebuffer;
    boolean resized = false;
    for (int i = 0; i < rects; i++) {
      int x = in.readUnsignedShort();
      int y = in.readUnsignedShort();
      int w = in.readUnsignedShort();
      int h = in.readUnsignedShort();
      int encoding = in.readInt();
      if (encoding == RAW || encoding == COPY_RECT || encoding == ZRLE) {
        pixels += (long) w * h;
      }
      switch (encoding) {
        case RAW -> {
          raw(fb, x, y, w, h);
          fb.changed(x, y, w, h);
        }
        case COPY_RECT -> {
          int sx = in.readUnsignedShort();
          int sy = in.readUnsignedShort();
          fb.copy(sx, sy, x, y, w, h);
          fb.changed(x, y, w, h);
        }
        case ZRLE -> {
          int n = in.readInt();
          byte[] compressed = new byte[n];
          in.readFully(compressed);
          zrle.decode(compressed, fb, x, y, w, h);
          fb.changed(x, y, w, h);
        }
        case DESKTOP_SIZE -> {
          fb.resize(w, h);
          resized = true;
        }
        case EXTENDED_DESKTOP_SIZE -> {
          int screens = in.readUnsignedByte();
          in.skipBytes(3 + 16 * screens);
          if (y == 0) { // a change, not the answer to a refused request of ours
            fb.resize(w, h);
            resized = true;
          }
        }
        case QEMU_EXTENDED_KEY -> extendedKeys = true;
        default -> throw new IOException("the server sent encoding " + encoding + ", which was not asked for");
      }
    }
    frames++;
    fb.frameDone();
    requestUpdate(!resized);
  }

  private void raw(Framebuffer fb, int x, int y, int w, int h) throws IOException {
    byte[] row = new byte[w * 4];
    int[] px = fb.pixels();
    for (int r = 0; r < h; r++) {
      in.readFully(row);
      int o = (y + r) * fb.width() + x;
      for (int c = 0; c < w; c++) {
        int b = row[c * 4] & 0xff;
        int g = row[c * 4 + 1] & 0xff;
        int red = row[c * 4 + 2] & 0xff;
        px[o + c] = 0xFF000000 | (red << 16) | (g << 8) | b;
      }
    }
  }

  /**
   * A key press or release: as a QEMU extended key event (XT scancode, layout-independent) when the
   * server offered them and {@code scancode} is known, else as a keysym.
   */
  public synchronized void key(int keysym, int scancode, boolean down) throws IOException {
    if (extendedKeys && scancode != 0) {
      out.writeByte(255);
      out.writeByte(0);
      out.writeShort(down ? 1 : 0);
      out.writeInt(keysym);
      out.writeInt(scancode);
    } else {
      out.writeByte(4);
      out.writeByte(down ? 1 : 0);
      out.writeShort(0);
      out.writeInt(keysym);
    }
    out.flush();
  }

  /** The pointer at (x, y) with these buttons down (bit 0 left, 1 middle, 2 right, 3/4 wheel). */
  public synchronized void pointer(int x, int y, int buttons) throws IOException {
    out.writeByte(5);
    out.writeByte(buttons);
    out.writeShort(Math.max(0, x));
    out.writeShort(Math.max(0, y));
    out.flush();
  }

  /** Presses the keys in order and releases them in reverse (Ctrl+Alt+Del and other combinations). */
  public void combo(KeyMap.Key... keys) throws IOException {
    for (KeyMap.Key k : keys) {
      key(k.keysym(), k.scancode(), true);
    }
    for (int i = keys.length - 1; i >= 0; i--) {
      key(keys[i].keysym(), keys[i].scancode(), false);
    }
  }

  /** Types ASCII text as a US keyboard would (shift where needed). */
  public void type(String text) throws IOException {
    for (char c : text.toCharArray()) {
      KeyMap.Typed t = KeyMap.typed(c);
      if (t.shift()) {
        key(KeyMap.SHIFT.keysym(), KeyMap.SHIFT.scancode(), true);
      }
      key(t.key().keysym(), t.key().scancode(), true);
      key(t.key().keysym(), t.key().scancode(), false);
      if (t.shift()) {
        key(KeyMap.SHIFT.keysym(), KeyMap.SHIFT.scancode(), false);
      }
    }
  }

  private void closeQuietly() {
    closed = true;
    try {
      transport.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
