package dev.vireo.server.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** The standard vectors of SM4 (GB/T 32907) and SM4-GCM (RFC 8998), computed by the sealing code's Bouncy Castle. */
class SealingAlgorithmTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void sm4EncryptsTheStandardsExampleBlock() {
    // GB/T 32907-2016, example 1: key = plaintext = 0123456789abcdeffedcba9876543210
    byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
    SM4Engine sm4 = new SM4Engine();
    sm4.init(true, new KeyParameter(key));
    byte[] out = new byte[16];
    sm4.processBlock(key, 0, out, 0);
    assertEquals("681edf34d206965e86b3e94f536e4246", HEX.formatHex(out));
  }

  @Test
  void sm4GcmGivesTheRfc8998TestVectorAndRefusesAChangedByte() throws Exception {
    // RFC 8998 appendix A.1 (SM4-GCM)
    byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
    byte[] iv = HEX.parseHex("00001234567800000000abcd");
    byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] plain = HEX.parseHex("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd"
        + "eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa");
    String expected = "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
        + "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d" + "83de3541e4c2b58177e065a9bf7b62ec";
    byte[] sealed = SealingAlgorithm.SM4_GCM.apply(true, key, iv, aad, plain);
    assertEquals(expected, HEX.formatHex(sealed), "ciphertext followed by the 128-bit tag");
    assertArrayEquals(plain, SealingAlgorithm.SM4_GCM.apply(false, key, iv, aad, sealed));
    sealed[3] ^= 1;
    assertThrows(GeneralSecurityException.class, () -> SealingAlgorithm.SM4_GCM.apply(false, key, iv, aad, sealed));
  }

  @Test
  void sm4TakesA128BitKeyDerivedFromTheKeyFilesAndAesTheKeyItself() {
    byte[] fileKey = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    assertArrayEquals(fileKey, SealingAlgorithm.AES_256_GCM.cipherKey(fileKey));
    byte[] sm4 = SealingAlgorithm.SM4_GCM.cipherKey(fileKey);
    assertEquals(16, sm4.length);
    assertArrayEquals(sm4, SealingAlgorithm.SM4_GCM.cipherKey(fileKey.clone()), "the same file, the same key");
    fileKey[31] ^= 1;
    assertTrue(!java.util.Arrays.equals(sm4, SealingAlgorithm.SM4_GCM.cipherKey(fileKey)));
  }

  @Test
  void theConfigurationNamesAnAlgorithmByItsTag() {
    assertEquals(SealingAlgorithm.SM4_GCM, SealingAlgorithm.named(" SM4-GCM "));
    assertEquals(SealingAlgorithm.AES_256_GCM, SealingAlgorithm.named("aes-256-gcm"));
    var e = assertThrows(IllegalArgumentException.class, () -> SealingAlgorithm.named("sm4"));
    assertTrue(e.getMessage().contains("[security] sealing must be aes-256-gcm or sm4-gcm"), e.getMessage());
  }
}
