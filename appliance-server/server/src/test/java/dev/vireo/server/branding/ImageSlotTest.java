package dev.vireo.server.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.http.ApiException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The white paper 6.1 limits of each image slot, the format told by the bytes. */
class ImageSlotTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
  private static final byte[] ICO = {0, 0, 1, 0, 1, 0};

  @Test
  void readsTheFormatFromTheMagicBytes() {
    assertEquals(ImageFormat.PNG, ImageFormat.sniff(PNG));
    assertEquals(ImageFormat.JPEG, ImageFormat.sniff(JPEG));
    assertEquals(ImageFormat.ICO, ImageFormat.sniff(ICO));
    assertNull(ImageFormat.sniff(new byte[] {0, 0, 1, 0, 0, 0}), "an icon of no images is not an icon");
    assertNull(ImageFormat.sniff("GIF89a".getBytes()));
    assertNull(ImageFormat.sniff(new byte[] {(byte) 0x89, 'P'}), "too short");
  }

  @Test
  void theFaviconIsIcoUpTo100Kb() {
    assertEquals(ImageFormat.ICO, ImageSlot.FAVICON.check(Arrays.copyOf(ICO, 100 * 1024)));
    ApiException big = assertThrows(ApiException.class, () -> ImageSlot.FAVICON.check(Arrays.copyOf(ICO, 100 * 1024 + 1)));
    assertEquals(413, big.status());
    assertEquals("data", big.field());
    ApiException png = assertThrows(ApiException.class, () -> ImageSlot.FAVICON.check(PNG));
    assertEquals(422, png.status());
    assertTrue(png.getMessage().contains("must be ico"), png.getMessage());
  }

  @Test
  void logosArePngOrJpegUpTo200KbAndTheBackgroundUpTo500Kb() {
    assertEquals(ImageFormat.JPEG, ImageSlot.LOGO.check(JPEG));
    assertEquals(ImageFormat.PNG, ImageSlot.LOGIN_LOGO.check(Arrays.copyOf(PNG, 200 * 1024)));
    assertEquals(413, assertThrows(ApiException.class,
        () -> ImageSlot.LOGIN_LOGO.check(Arrays.copyOf(PNG, 200 * 1024 + 1))).status());
    assertEquals(ImageFormat.PNG, ImageSlot.LOGIN_BACKGROUND.check(Arrays.copyOf(PNG, 500 * 1024)));
    assertEquals(413, assertThrows(ApiException.class,
        () -> ImageSlot.LOGIN_BACKGROUND.check(Arrays.copyOf(PNG, 500 * 1024 + 1))).status());
    assertEquals(422, assertThrows(ApiException.class, () -> ImageSlot.LOGO.check(ICO)).status());
    assertEquals(422, assertThrows(ApiException.class, () -> ImageSlot.LOGO.check(new byte[0])).status());
  }

  @Test
  void anUnknownKindIs404ListingTheKinds() {
    ApiException e = assertThrows(ApiException.class, () -> ImageSlot.of("banner"));
    assertEquals(404, e.status());
    assertTrue(e.getMessage().contains("login-background"), e.getMessage());
  }
}
