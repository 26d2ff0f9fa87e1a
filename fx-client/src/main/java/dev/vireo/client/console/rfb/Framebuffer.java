package dev.vireo.client.console.rfb;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The remote desktop as opaque ARGB pixels ({@code 0xFFRRGGBB}), written by the RFB decoders and
 * read by a view. Listeners hear of each changed rectangle and of resizes; both come from the
 * session's reader thread.
 */
public final class Framebuffer {
  /** What a view needs to know. */
  public interface Listener {
    /** Pixels in the rectangle changed. */
    void updated(int x, int y, int width, int height);

    /** The desktop has a new size; {@link #pixels()} is a new array. */
    void resized(int width, int height);

    /** A whole framebuffer update (all its rectangles) is complete: a frame. */
    default void frameComplete() {}
  }

  private volatile int width;
  private volatile int height;
  private volatile int[] pixels;
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

  public Framebuffer(int width, int height) {
    this.width = width;
    this.height = height;
    this.pixels = new int[width * height];
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixel array, row by row; replaced on a resize. */
  public int[] pixels() {
    return pixels;
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  public void removeListener(Listener l) {
    listeners.remove(l);
  }

  void resize(int w, int h) {
    if (w == width && h == height) {
      return;
    }
    pixels = new int[w * h];
    width = w;
    height = h;
    listeners.forEach(l -> l.resized(w, h));
  }

  void fill(int x, int y, int w, int h, int argb) {
    int[] p = pixels;
    for (int row = y; row < y + h; row++) {
      java.util.Arrays.fill(p, row * width + x, row * width + x + w, argb);
    }
  }

  void copy(int srcX, int srcY, int x, int y, int w, int h) {
    int[] p = pixels;
    if (srcY < y) {
      for (int row = h - 1; row >= 0; row--) {
        System.arraycopy(p, (srcY + row) * width + srcX, p, (y + row) * width + x, w);
      }
    } else {
      for (int row = 0; row < h; row++) {
        System.arraycopy(p, (srcY + row) * width + srcX, p, (y + row) * width + x, w);
      }
    }
  }

  void changed(int x, int y, int w, int h) {
    listeners.forEach(l -> l.updated(x, y, w, h));
  }

  void frameDone() {
    listeners.forEach(Listener::frameComplete);
  }

  /** A copy of the pixels (for a screenshot). */
  public int[] snapshot() {
    return pixels.clone();
  }
}
