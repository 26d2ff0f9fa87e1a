package dev.vireo.client.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FaviconTest {
  private static final byte[] PNG_32 = png(32, 32);

  private static byte[] png(int w, int h) {
    ByteBuffer b = ByteBuffer.allocate(33);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    b.putInt(w).putInt(h);
    return b.array();
  }

  @Test
  void aWrappedPngIsAnIcoWhoseOnlyIconIsThatPng() {
    byte[] ico = Favicon.wrapPng(PNG_32);
    assertEquals(22 + PNG_32.length, ico.length);
    assertEquals(32, ico[6], "the entry's width");
    var icons = Favicon.icons(ico);
    assertEquals(1, icons.size());
    assertEquals(32, icons.get(0).width());
    assertArrayEquals(PNG_32, icons.get(0).png());
  }

  @Test
  void a256PixelPngIsWrittenAsWidthZero() {
    assertEquals(0, Favicon.wrapPng(png(256, 256))[6]);
  }

  @Test
  void onlyAPngIsWrapped() {
    assertThrows(IllegalArgumentException.class, () -> Favicon.wrapPng(new byte[] {0, 0, 1, 0, 1, 0}));
  }

  @Test
  void a32BitBitmapEntryBecomesArgbPixelsTopRowFirst() {
    // 2x2, rows bottom up: bottom row blue, red; top row green (half transparent), white
    int header = 40;
    byte[] bmp = new byte[header + 2 * 2 * 4 + 2 * 4];
    ByteBuffer b = ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, header).putInt(4, 2).putInt(8, 4).putShort(12, (short) 1).putShort(14, (short) 32);
    int p = header;
    byte[][] pixels = {{(byte) 255, 0, 0, (byte) 255}, {0, 0, (byte) 255, (byte) 255}, // B G R A
        {0, (byte) 255, 0, (byte) 128}, {(byte) 255, (byte) 255, (byte) 255, (byte) 255}};
    for (byte[] px : pixels) {
      System.arraycopy(px, 0, bmp, p, 4);
      p += 4;
    }
    byte[] ico = ico(bmp, 2);
    var icon = Favicon.icons(ico).get(0);
    assertNull(icon.png());
    assertEquals(2, icon.width());
    assertEquals(2, icon.height());
    assertArrayEquals(new int[] {0x8000FF00, 0xFFFFFFFF, 0xFF0000FF, 0xFFFF0000}, icon.argb());
  }

  @Test
  void bytesThatAreNoIconGiveNone() {
    assertTrue(Favicon.icons(null).isEmpty());
    assertTrue(Favicon.icons(PNG_32).isEmpty());
    assertTrue(Favicon.icons(new byte[] {0, 0, 1, 0, 5, 0}).isEmpty(), "five entries announced, none there");
  }

  private static byte[] ico(byte[] image, int size) {
    ByteBuffer b = ByteBuffer.allocate(22 + image.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 1).putShort((short) 1);
    b.put((byte) size).put((byte) size).put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
    b.putInt(image.length).putInt(22).put(image);
    return b.array();
  }
}
