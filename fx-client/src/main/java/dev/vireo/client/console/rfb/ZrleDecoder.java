package dev.vireo.client.console.rfb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * ZRLE (RFC 6143 7.7.6) for 32-bit true colour, depth 24, little-endian: 64×64 tiles of compressed
 * pixels (3 bytes: blue, green, red), raw, solid, packed-palette, plain-RLE or palette-RLE, from one
 * zlib stream that lasts the whole connection.
 */
final class ZrleDecoder {
  private static final int TILE = 64;
  private final Inflater inflater = new Inflater();
  private final byte[] chunk = new byte[64 * 1024];
  private final int[] palette = new int[128];
  private byte[] data = new byte[0];
  private int pos;
  private int end;

  /** Decodes one rectangle whose {@code compressed} bytes were read from the stream. */
  void decode(byte[] compressed, Framebuffer fb, int x, int y, int w, int h) throws IOException {
    inflate(compressed);
    int[] px = fb.pixels();
    int stride = fb.width();
    for (int ty = y; ty < y + h; ty += TILE) {
      int th = Math.min(TILE, y + h - ty);
      for (int tx = x; tx < x + w; tx += TILE) {
        int tw = Math.min(TILE, x + w - tx);
        tile(px, stride, tx, ty, tw, th);
      }
    }
    if (pos != end) {
      throw new IOException("ZRLE rectangle has " + (end - pos) + " bytes left over");
    }
  }

  private void inflate(byte[] compressed) throws IOException {
    inflater.setInput(compressed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, compressed.length * 4));
    try {
      while (true) {
        int n = inflater.inflate(chunk);
        if (n > 0) {
          out.write(chunk, 0, n);
        } else if (inflater.needsInput() || inflater.finished()) {
          break;
        } else if (inflater.needsDictionary()) {
          throw new IOException("ZRLE stream needs a dictionary");
        }
      }
    } catch (DataFormatException e) {
      throw new IOException("corrupt ZRLE data: " + e.getMessage(), e);
    }
    data = out.toByteArray();
    pos = 0;
    end = data.length;
  }

  private void tile(int[] px, int stride, int tx, int ty, int tw, int th) throws IOException {
    int sub = u8();
    if (sub == 0) {
      for (int r = 0; r < th; r++) {
        int o = (ty + r) * stride + tx;
        for (int c = 0; c < tw; c++) {
          px[o + c] = cpixel();
        }
      }
    } else if (sub == 1) {
      fill(px, stride, tx, ty, tw, th, cpixel());
    } else if (sub <= 16) {
      for (int i = 0; i < sub; i++) {
        palette[i] = cpixel();
      }
      int bits = sub == 2 ? 1 : sub <= 4 ? 2 : 4;
      int mask = (1 << bits) - 1;
      for (int r = 0; r < th; r++) {
        int o = (ty + r) * stride + tx;
        int b = 0;
        int left = 0;
        for (int c = 0; c < tw; c++) {
          if (left == 0) {
            b = u8();
            left = 8;
          }
          left -= bits;
          px[o + c] = palette[(b >> left) & mask];
        }
      }
    } else if (sub == 128) {
      int i = 0;
      int n = tw * th;
      while (i < n) {
        int colour = cpixel();
        int run = runLength();
        for (int k = 0; k < run && i < n; k++, i++) {
          px[(ty + i / tw) * stride + tx + i % tw] = colour;
        }
      }
    } else if (sub >= 130) {
      int size = sub - 128;
      for (int k = 0; k < size; k++) {
        palette[k] = cpixel();
      }
      int i = 0;
      int n = tw * th;
      while (i < n) {
        int index = u8();
        int run = (index & 128) != 0 ? runLength() : 1;
        int colour = palette[index & 127];
        for (int k = 0; k < run && i < n; k++, i++) {
          px[(ty + i / tw) * stride + tx + i % tw] = colour;
        }
      }
    } else {
      throw new IOException("unknown ZRLE subencoding " + sub);
    }
  }

  private static void fill(int[] px, int stride, int tx, int ty, int tw, int th, int colour) {
    for (int r = 0; r < th; r++) {
      int o = (ty + r) * stride + tx;
      java.util.Arrays.fill(px, o, o + tw, colour);
    }
  }

  private int runLength() throws IOException {
    int run = 1;
    int b;
    do {
      b = u8();
      run += b;
    } while (b == 255);
    return run;
  }

  private int cpixel() throws IOException {
    if (end - pos < 3) {
      throw new IOException("ZRLE data ends inside a pixel");
    }
    int blue = data[pos] & 0xff;
    int green = data[pos + 1] & 0xff;
    int red = data[pos + 2] & 0xff;
    pos += 3;
    return 0xFF000000 | (red << 16) | (green << 8) | blue;
  }

  private int u8() throws IOException {
    if (pos >= end) {
      throw new IOException("ZRLE data ends early");
    }
    return data[pos++] & 0xff;
  }
}
