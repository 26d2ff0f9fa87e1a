package dev.vireo.server.auth.twofactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QrCodeTest {
  /** The 15 format bits read back from the copy around the top-left finder, unmasked. */
  private static int formatBits(QrCode q) {
    int bits = 0;
    for (int i = 0; i <= 5; i++) {
      bits |= (q.dark(8, i) ? 1 : 0) << i;
    }
    bits |= (q.dark(8, 7) ? 1 : 0) << 6;
    bits |= (q.dark(8, 8) ? 1 : 0) << 7;
    bits |= (q.dark(7, 8) ? 1 : 0) << 8;
    for (int i = 9; i < 15; i++) {
      bits |= (q.dark(14 - i, 8) ? 1 : 0) << i;
    }
    return bits ^ 0x5412;
  }

  @Test
  void picksTheSmallestVersionAndDrawsFindersTimingAndFormat() {
    assertEquals(1, QrCode.encode("HELLO").version()); // 5 bytes fit version 1-M (14)
    QrCode q = QrCode.encode("otpauth://totp/Vireo:ops%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        + "&issuer=Vireo&algorithm=SHA1&digits=6&period=30");
    assertEquals(q.version() * 4 + 17, q.size());
    assertEquals(8, q.version(), "125 bytes pass version 7-M (122) and fit version 8-M (152)");
    for (int[] corner : new int[][] {{0, 0}, {q.size() - 7, 0}, {0, q.size() - 7}}) {
      for (int d = 0; d < 7; d++) {
        assertTrue(q.dark(corner[0] + d, corner[1]), "finder top edge");
        assertTrue(q.dark(corner[0], corner[1] + d), "finder left edge");
      }
      assertTrue(q.dark(corner[0] + 3, corner[1] + 3), "finder centre");
    }
    for (int i = 8; i < q.size() - 8; i++) {
      assertEquals(i % 2 == 0, q.dark(i, 6), "timing row at " + i);
      assertEquals(i % 2 == 0, q.dark(6, i), "timing column at " + i);
    }
    int format = formatBits(q);
    assertEquals(0, format >>> 13, "level M");
    assertEquals(q.mask(), (format >>> 10) & 7, "the chosen mask");
    assertTrue(q.dark(8, q.size() - 8), "the dark module");
    assertTrue(q.svg().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  }

  @Test
  void refusesTextBeyondVersionTen() {
    assertThrows(IllegalArgumentException.class, () -> QrCode.encode("x".repeat(214)));
    assertEquals(10, QrCode.encode("x".repeat(213)).version());
  }
}
