package dev.vireo.server.auth.twofactor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A QR code (ISO/IEC 18004, model 2) of a short text, rendered as SVG, so the enrolment can be
 * scanned without a library the build does not have: byte mode, error correction level M,
 * versions 1 to 10 (up to 213 bytes, enough for an otpauth:// URI), the mask of least penalty.
 */
public final class QrCode {
  /** Error-correction codewords per block and blocks, level M, by version (index 0 unused). */
  private static final int[] ECC_PER_BLOCK = {-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26};
  private static final int[] BLOCKS = {-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5};
  private static final int MAX_VERSION = 10;

  private final int version;
  private final int size;
  private final boolean[][] dark;
  private final boolean[][] function;
  private int mask;

  private QrCode(int version) {
    this.version = version;
    this.size = version * 4 + 17;
    this.dark = new boolean[size][size];
    this.function = new boolean[size][size];
  }

  /** The code of {@code text}; IllegalArgumentException past 213 UTF-8 bytes. */
  public static QrCode encode(String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    for (int v = 1; v <= MAX_VERSION; v++) {
      int countBits = v <= 9 ? 8 : 16;
      if (4 + countBits + data.length * 8L <= dataCodewords(v) * 8L) {
        QrCode q = new QrCode(v);
        q.build(bits(data, countBits, dataCodewords(v)));
        return q;
      }
    }
    throw new IllegalArgumentException("text of " + data.length + " bytes is too long for a version "
        + MAX_VERSION + " QR code");
  }

  public int version() {
    return version;
  }

  public int size() {
    return size;
  }

  public int mask() {
    return mask;
  }

  /** Whether the module at column {@code x}, row {@code y} is dark. */
  public boolean dark(int x, int y) {
    return dark[y][x];
  }

  /** An SVG of the code with the standard 4-module quiet zone, one path for the dark modules. */
  public String svg() {
    int border = 4;
    int n = size + 2 * border;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (dark[y][x]) {
          path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" width=\"" + n * 6
        + "\" height=\"" + n * 6 + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\""
        + " fill=\"#ffffff\"/><path d=\"" + path + "\" fill=\"#000000\"/></svg>";
  }

  // ---- data

  private static int rawDataModules(int v) {
    int result = (16 * v + 128) * v + 64;
    if (v >= 2) {
      int align = v / 7 + 2;
      result -= (25 * align - 10) * align - 55;
      if (v >= 7) {
        result -= 36;
      }
    }
    return result;
  }

  private static int dataCodewords(int v) {
    return rawDataModules(v) / 8 - ECC_PER_BLOCK[v] * BLOCKS[v];
  }

  private static byte[] bits(byte[] data, int countBits, int capacity) {
    BitWriter w = new BitWriter();
    w.put(0b0100, 4);
    w.put(data.length, countBits);
    for (byte b : data) {
      w.put(b & 0xff, 8);
    }
    w.put(0, Math.min(4, capacity * 8 - w.length));
    w.put(0, (8 - w.length % 8) % 8);
    for (int pad = 0xEC; w.length < capacity * 8; pad ^= 0xEC ^ 0x11) {
      w.put(pad, 8);
    }
    return w.bytes();
  }

  /** Splits the data into blocks, adds each block's Reed-Solomon codewords and interleaves them. */
  private byte[] withErrorCorrection(byte[] data) {
    int blocks = BLOCKS[version];
    int ecc = ECC_PER_BLOCK[version];
    int raw = rawDataModules(version) / 8;
    int shortBlocks = blocks - raw % blocks;
    int shortLen = raw / blocks;
    byte[] divisor = ReedSolomon.divisor(ecc);
    List<byte[]> dataBlocks = new ArrayList<>();
    List<byte[]> eccBlocks = new ArrayList<>();
    for (int i = 0, k = 0; i < blocks; i++) {
      int len = shortLen - ecc + (i < shortBlocks ? 0 : 1);
      byte[] d = java.util.Arrays.copyOfRange(data, k, k + len);
      k += len;
      dataBlocks.add(d);
      eccBlocks.add(ReedSolomon.remainder(d, divisor));
    }
    byte[] out = new byte[raw];
    int pos = 0;
    for (int i = 0; i <= shortLen - ecc; i++) {
      for (byte[] d : dataBlocks) {
        if (i < d.length) {
          out[pos++] = d[i];
        }
      }
    }
    for (int i = 0; i < ecc; i++) {
      for (byte[] e : eccBlocks) {
        out[pos++] = e[i];
      }
    }
    return out;
  }

  // ---- matrix

  private void build(byte[] data) {
    drawFunctionPatterns();
    drawCodewords(withErrorCorrection(data));
    long best = Long.MAX_VALUE;
    int chosen = 0;
    for (int m = 0; m < 8; m++) {
      applyMask(m);
      drawFormatBits(m);
      long p = penalty();
      if (p < best) {
        best = p;
        chosen = m;
      }
      applyMask(m);
    }
    mask = chosen;
    applyMask(chosen);
    drawFormatBits(chosen);
  }

  private void set(int x, int y, boolean isDark) {
    dark[y][x] = isDark;
    function[y][x] = true;
  }

  private void drawFunctionPatterns() {
    for (int i = 0; i < size; i++) {
      set(6, i, i % 2 == 0);
      set(i, 6, i % 2 == 0);
    }
    finder(3, 3);
    finder(size - 4, 3);
    finder(3, size - 4);
    int[] align = alignmentPositions();
    int last = align.length - 1;
    for (int i = 0; i < align.length; i++) {
      for (int j = 0; j < align.length; j++) {
        if (!(i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0)) {
          for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
              set(align[i] + dx, align[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
            }
          }
        }
      }
    }
    drawFormatBits(0); // reserves the format areas; redrawn with the chosen mask
    if (version >= 7) {
      int rem = version;
      for (int i = 0; i < 12; i++) {
        rem = (rem << 1) ^ ((rem >>> 11) * 0x1F25);
      }
      int bits = version << 12 | rem;
      for (int i = 0; i < 18; i++) {
        boolean bit = ((bits >>> i) & 1) != 0;
        int a = size - 11 + i % 3;
        int b = i / 3;
        set(a, b, bit);
        set(b, a, bit);
      }
    }
  }

  private void finder(int cx, int cy) {
    for (int dy = -4; dy <= 4; dy++) {
      for (int dx = -4; dx <= 4; dx++) {
        int x = cx + dx;
        int y = cy + dy;
        if (x >= 0 && x < size && y >= 0 && y < size) {
          int dist = Math.max(Math.abs(dx), Math.abs(dy));
          set(x, y, dist != 2 && dist != 4);
        }
      }
    }
  }

  private int[] alignmentPositions() {
    if (version == 1) {
      return new int[0];
    }
    int count = version / 7 + 2;
    int step = (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
    int[] out = new int[count];
    out[0] = 6;
    for (int i = count - 1, pos = size - 7; i >= 1; i--, pos -= step) {
      out[i] = pos;
    }
    return out;
  }

  /** Level M (format bits 00) and the mask, BCH-protected, in both copies, plus the dark module. */
  private void drawFormatBits(int m) {
    int data = m; // level M's two bits are 00
    int rem = data;
    for (int i = 0; i < 10; i++) {
      rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    }
    int bits = (data << 10 | rem) ^ 0x5412;
    for (int i = 0; i <= 5; i++) {
      set(8, i, bit(bits, i));
    }
    set(8, 7, bit(bits, 6));
    set(8, 8, bit(bits, 7));
    set(7, 8, bit(bits, 8));
    for (int i = 9; i < 15; i++) {
      set(14 - i, 8, bit(bits, i));
    }
    for (int i = 0; i < 8; i++) {
      set(size - 1 - i, 8, bit(bits, i));
    }
    for (int i = 8; i < 15; i++) {
      set(8, size - 15 + i, bit(bits, i));
    }
    set(8, size - 8, true);
  }

  private static boolean bit(int v, int i) {
    return ((v >>> i) & 1) != 0;
  }

  private void drawCodewords(byte[] codewords) {
    int i = 0;
    for (int right = size - 1; right >= 1; right -= 2) {
      if (right == 6) {
        right = 5;
      }
      for (int vert = 0; vert < size; vert++) {
        for (int j = 0; j < 2; j++) {
          int x = right - j;
          boolean upward = ((right + 1) & 2) == 0;
          int y = upward ? size - 1 - vert : vert;
          if (!function[y][x] && i < codewords.length * 8) {
            dark[y][x] = bit(codewords[i >>> 3] & 0xff, 7 - (i & 7));
            i++;
          }
        }
      }
    }
  }

  private void applyMask(int m) {
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        boolean invert = switch (m) {
          case 0 -> (x + y) % 2 == 0;
          case 1 -> y % 2 == 0;
          case 2 -> x % 3 == 0;
          case 3 -> (x + y) % 3 == 0;
          case 4 -> (x / 3 + y / 2) % 2 == 0;
          case 5 -> x * y % 2 + x * y % 3 == 0;
          case 6 -> (x * y % 2 + x * y % 3) % 2 == 0;
          default -> ((x + y) % 2 + x * y % 3) % 2 == 0;
        };
        if (invert && !function[y][x]) {
          dark[y][x] = !dark[y][x];
        }
      }
    }
  }

  /** Rules 1, 2 and 4 of the standard's penalty (runs, 2x2 blocks, balance): enough to avoid bad masks. */
  private long penalty() {
    long p = 0;
    for (int a = 0; a < size; a++) {
      int runRow = 1;
      int runCol = 1;
      for (int b = 1; b < size; b++) {
        runRow = dark[a][b] == dark[a][b - 1] ? runRow + 1 : 1;
        runCol = dark[b][a] == dark[b - 1][a] ? runCol + 1 : 1;
        p += runRow == 5 ? 3 : runRow > 5 ? 1 : 0;
        p += runCol == 5 ? 3 : runCol > 5 ? 1 : 0;
      }
    }
    int darkCount = 0;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        darkCount += dark[y][x] ? 1 : 0;
        if (x + 1 < size && y + 1 < size && dark[y][x] == dark[y][x + 1] && dark[y][x] == dark[y + 1][x]
            && dark[y][x] == dark[y + 1][x + 1]) {
          p += 3;
        }
      }
    }
    int total = size * size;
    int k = (Math.abs(darkCount * 20 - total * 10) + total - 1) / total - 1;
    return p + Math.max(0, k) * 10L;
  }

  /** Bits appended most significant first. */
  private static final class BitWriter {
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    private int current;
    int length;

    void put(int value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        current = current << 1 | ((value >>> i) & 1);
        length++;
        if (length % 8 == 0) {
          out.write(current);
          current = 0;
        }
      }
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Reed-Solomon over GF(2^8) with the QR polynomial x^8+x^4+x^3+x^2+1. */
  private static final class ReedSolomon {
    static byte[] divisor(int degree) {
      byte[] result = new byte[degree];
      result[degree - 1] = 1;
      int root = 1;
      for (int i = 0; i < degree; i++) {
        for (int j = 0; j < degree; j++) {
          result[j] = (byte) multiply(result[j] & 0xff, root);
          if (j + 1 < degree) {
            result[j] ^= result[j + 1];
          }
        }
        root = multiply(root, 2);
      }
      return result;
    }

    static byte[] remainder(byte[] data, byte[] divisor) {
      byte[] result = new byte[divisor.length];
      for (byte b : data) {
        int factor = (b ^ result[0]) & 0xff;
        System.arraycopy(result, 1, result, 0, result.length - 1);
        result[result.length - 1] = 0;
        for (int i = 0; i < result.length; i++) {
          result[i] ^= (byte) multiply(divisor[i] & 0xff, factor);
        }
      }
      return result;
    }

    static int multiply(int x, int y) {
      int z = 0;
      for (int i = 7; i >= 0; i--) {
        z = (z << 1) ^ ((z >>> 7) * 0x11D);
        z ^= ((y >>> i) & 1) * x;
      }
      return z;
    }
  }
}
