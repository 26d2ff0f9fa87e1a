package dev.vireo.client.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.client.login.Favicon;
import org.junit.jupiter.api.Test;

class BrandingImagesModelTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D',
      'R', 0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0};

  @Test
  void aPngChosenAsTheFaviconIsSentAsAnIcoHoldingIt() {
    byte[] sent = BrandingImagesModel.bytes("favicon", PNG);
    assertEquals(0, sent[0]);
    assertEquals(1, sent[2]);
    assertArrayEquals(PNG, Favicon.icons(sent).get(0).png());
  }

  @Test
  void otherImagesAndIcoFaviconsAreSentAsTheyAre() {
    assertArrayEquals(PNG, BrandingImagesModel.bytes("logo", PNG));
    byte[] ico = Favicon.wrapPng(PNG);
    assertArrayEquals(ico, BrandingImagesModel.bytes("favicon", ico));
  }
}
