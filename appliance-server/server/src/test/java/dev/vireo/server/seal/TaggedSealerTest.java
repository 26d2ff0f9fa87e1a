package dev.vireo.server.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TaggedSealerTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] SECRET = "totp-or-api-secret".getBytes(StandardCharsets.UTF_8);

  static {
    new SecureRandom().nextBytes(KEY);
  }

  @Test
  void eachValueNamesItsAlgorithmAndOpensWhicheverAlgorithmNewValuesUse() {
    TaggedSealer aes = new TaggedSealer(KEY, SealingAlgorithm.AES_256_GCM);
    TaggedSealer sm4 = new TaggedSealer(KEY, SealingAlgorithm.SM4_GCM);
    String byAes = aes.seal(SECRET, "row-1");
    String bySm4 = sm4.seal(SECRET, "row-1");
    assertTrue(byAes.startsWith("aes-256-gcm:"), byAes);
    assertTrue(bySm4.startsWith("sm4-gcm:"), bySm4);
    assertArrayEquals(SECRET, sm4.open(byAes, "row-1"), "sealed before the switch to SM4");
    assertArrayEquals(SECRET, aes.open(bySm4, "row-1"), "sealed before the switch back");
    assertTrue(TaggedSealer.isTagged(bySm4));
    assertFalse(TaggedSealer.isTagged("v1:abc"));
    assertFalse(TaggedSealer.isTagged("bm90IHRhZ2dlZA=="));
  }

  @Test
  void aValueOpensOnlyWithItsKeyItsContextAndItsBytes() {
    TaggedSealer sm4 = new TaggedSealer(KEY, SealingAlgorithm.SM4_GCM);
    String sealed = sm4.seal(SECRET, "row-1");
    assertThrows(IllegalStateException.class, () -> sm4.open(sealed, "row-2"), "moved to another row");
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    assertThrows(IllegalStateException.class, () -> new TaggedSealer(otherKey, SealingAlgorithm.SM4_GCM)
        .open(sealed, "row-1"));
    String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThrows(IllegalStateException.class, () -> sm4.open(tampered, "row-1"));
    String relabelled = "aes-256-gcm:" + sealed.substring("sm4-gcm:".length());
    assertThrows(IllegalStateException.class, () -> sm4.open(relabelled, "row-1"), "the tag is not a hint");
  }
}
