package dev.vireo.client.login;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The favicon as window icons, toolkit-free. The server keeps favicons as ICO (white paper 6.1.1,
 * ADR 0044) and JavaFX reads no ICO, so its directory is read here: an entry holding a PNG is
 * handed on as those bytes, an uncompressed 32- or 24-bit bitmap entry as ARGB pixels; other
 * entries (palettes, compressed bitmaps) are skipped. {@link #wrapPng} makes a one-entry ICO of a
 * PNG, which is how a PNG is uploaded as the favicon (ICO has held PNG entries since Windows Vista).
 */
public final class Favicon {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private Favicon() {}

  /** One icon of the file: PNG bytes, or (when {@code png} is null) {@code width × height} ARGB pixels, rows top down. */
  public record Icon(int width, int height, byte[] png, int[] argb) {}

  /** The icons of an ICO file that can be shown, largest first; none for null or bytes that are no ICO. */
  public static List<Icon> icons(byte[] ico) {
    List<Icon> out = new ArrayList<>();
    if (ico == null || ico.length < 6) {
      return out;
    }
    ByteBuffer b = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getShort(0) != 0 || b.getShort(2) != 1) {
      return out;
    }
    int count = b.getShort(4) & 0xFFFF;
    for (int i = 0; i < count && 6 + 16 * (i + 1) <= ico.length; i++) {
      int entry = 6 + 16 * i;
      int size = b.getInt(entry + 8);
      int offset = b.getInt(entry + 12);
      if (size <= 0 || offset < 0 || (long) offset + size > ico.length) {
        continue;
      }
      byte[] data = Arrays.copyOfRange(ico, offset, offset + size);
      Icon icon = isPng(data) ? png(data) : bitmap(data);
      if (icon != null) {
        out.add(icon);
      }
    }
    out.sort((x, y) -> Integer.compare(y.width() * y.height(), x.width() * x.height()));
    return out;
  }

  /** Whether {@code data} starts with the PNG signature. */
  public static boolean isPng(byte[] data) {
    return data != null && data.length >= PNG.length && Arrays.equals(Arrays.copyOf(data, PNG.length), PNG);
  }

  /** A one-entry ICO holding {@code png} as it is. */
  public static byte[] wrapPng(byte[] png) {
    if (!isPng(png) || png.length < 24) {
      throw new IllegalArgumentException("not a PNG");
    }
    int w = ByteBuffer.wrap(png, 16, 4).getInt();
    int h = ByteBuffer.wrap(png, 20, 4).getInt();
    ByteBuffer b = ByteBuffer.allocate(22 + png.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 1).putShort((short) 1);
    b.put((byte) (w >= 256 ? 0 : w)).put((byte) (h >= 256 ? 0 : h)).put((byte) 0).put((byte) 0);
    b.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(22);
    b.put(png);
    return b.array();
  }

  private static Icon png(byte[] data) {
    if (data.length < 24) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    return new Icon(b.getInt(16), b.getInt(20), data, null);
  }

  /** A BITMAPINFOHEADER bitmap whose height counts the XOR image and the AND mask, rows bottom up. */
  private static Icon bitmap(byte[] data) {
    if (data.length < 40) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int header = b.getInt(0);
    int w = b.getInt(4);
    int h = b.getInt(8) / 2;
    int bits = b.getShort(14);
    int compression = b.getInt(16);
    if (header < 40 || w <= 0 || h <= 0 || w > 512 || h > 512 || compression != 0 || (bits != 32 && bits != 24)) {
      return null;
    }
    int stride = (w * bits / 8 + 3) / 4 * 4;
    int maskStride = (w + 31) / 32 * 4;
    int pixels = header;
    int mask = pixels + stride * h;
    if (pixels + (long) stride * h > data.length) {
      return null;
    }
    int[] argb = new int[w * h];
    boolean anyAlpha = false;
    for (int y = 0; y < h; y++) {
      int row = pixels + (h - 1 - y) * stride;
      for (int x = 0; x < w; x++) {
        int p = row + x * (bits / 8);
        int blue = data[p] & 0xFF;
        int green = data[p + 1] & 0xFF;
        int red = data[p + 2] & 0xFF;
        int alpha = bits == 32 ? data[p + 3] & 0xFF : 0xFF;
        anyAlpha |= bits == 32 && alpha != 0;
        argb[y * w + x] = alpha << 24 | red << 16 | green << 8 | blue;
      }
    }
    boolean hasMask = (long) mask + (long) maskStride * h <= data.length;
    if ((bits == 24 || !anyAlpha) && hasMask) {
      // no alpha channel: the AND mask says which pixels are transparent
      for (int y = 0; y < h; y++) {
        int row = mask + (h - 1 - y) * maskStride;
        for (int x = 0; x < w; x++) {
          boolean transparent = (data[row + x / 8] >> (7 - x % 8) & 1) == 1;
          argb[y * w + x] = transparent ? 0 : argb[y * w + x] | 0xFF000000;
        }
      }
    }
    return new Icon(w, h, null, argb);
  }
}
