package dev.vireo.server.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.seal.SealingAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecretSealerTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(SealingAlgorithm.class)
  void opensWhatItSealedUnderTheSameKeyFileOnly(SealingAlgorithm algorithm) throws Exception {
    SecretSealer sealer = SecretSealer.fromFile(dir.resolve("api-key-seal"), algorithm);
    String sealed = sealer.seal("the-secret", "VK1");
    assertTrue(sealed.startsWith(algorithm.tag() + ":"), sealed);
    assertFalse(sealed.contains("the-secret"));
    assertNotEquals(sealed, sealer.seal("the-secret", "VK1"), "a fresh IV each time");
    assertEquals("the-secret", SecretSealer.fromFile(dir.resolve("api-key-seal"), algorithm).open(sealed, "VK1"),
        "the key file is kept across restarts");
    assertThrows(IllegalStateException.class, () -> sealer.open(sealed, "VK2"), "bound to its access key");
    assertThrows(IllegalStateException.class, () -> SecretSealer.fromFile(dir.resolve("other"), algorithm)
        .open(sealed, "VK1"));
  }

  @Test
  void anUntaggedValueOfAnOlderVersionStillOpensAfterTheSwitchToSm4() throws Exception {
    Path file = dir.resolve("api-key-seal");
    SecretSealer sm4 = SecretSealer.fromFile(file, SealingAlgorithm.SM4_GCM);
    byte[] key = HexFormat.of().parseHex(Files.readString(file).strip());
    // the form older versions wrote: base64 of IV | AES-256-GCM ciphertext | tag, the access key as AAD
    byte[] iv = new byte[12];
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    c.updateAAD("VK1".getBytes(StandardCharsets.UTF_8));
    byte[] body = c.doFinal("old-secret".getBytes(StandardCharsets.UTF_8));
    String legacy = Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + body.length).put(iv).put(body)
        .array());
    assertEquals("old-secret", sm4.open(legacy, "VK1"));
    assertTrue(sm4.seal("new-secret", "VK1").startsWith("sm4-gcm:"), "new values use the configured algorithm");
  }
}
