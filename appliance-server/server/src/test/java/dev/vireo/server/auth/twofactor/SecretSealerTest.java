package dev.vireo.server.auth.twofactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(SealingAlgorithm.class)
  void sealsUnderARootOnlyKeyFileAndOpensOnlyForTheSameAccountAndKey(SealingAlgorithm algorithm) throws Exception {
    Path keyFile = dir.resolve("totp-key");
    SecretSealer sealer = SecretSealer.fromKeyFile(keyFile, algorithm);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    byte[] secret = Totp.newSecret();
    String sealed = sealer.seal(secret, "acc-1");
    assertTrue(sealed.startsWith(algorithm.tag() + ":"), sealed);
    assertFalse(sealed.contains(Totp.base32(secret)));
    assertNotEquals(sealed, sealer.seal(secret, "acc-1"), "a fresh nonce each time");
    assertArrayEquals(secret, SecretSealer.fromKeyFile(keyFile, algorithm).open(sealed, "acc-1"),
        "the key file is kept");
    assertThrows(IllegalStateException.class, () -> sealer.open(sealed, "acc-2"), "moved to another account");
    SecretSealer other = SecretSealer.fromKeyFile(dir.resolve("other-key"), algorithm);
    assertThrows(IllegalStateException.class, () -> other.open(sealed, "acc-1"), "another key");
    String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThrows(IllegalStateException.class, () -> sealer.open(tampered, "acc-1"), "tampered");
  }

  @Test
  void aValueOfAnOlderVersionStillOpensAfterTheSwitchToSm4() throws Exception {
    Path keyFile = dir.resolve("totp-key");
    SecretSealer sm4 = SecretSealer.fromKeyFile(keyFile, SealingAlgorithm.SM4_GCM);
    byte[] key = HexFormat.of().parseHex(Files.readString(keyFile).strip());
    byte[] secret = Totp.newSecret();
    // the form older versions wrote: v1:<base64 nonce|AES-256-GCM ciphertext|tag>, the account id as AAD
    byte[] nonce = new byte[12];
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD("acc-1".getBytes(StandardCharsets.UTF_8));
    byte[] body = c.doFinal(secret);
    String legacy = "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + body.length).put(nonce)
        .put(body).array());
    assertArrayEquals(secret, sm4.open(legacy, "acc-1"));
    assertThrows(IllegalStateException.class, () -> sm4.open(legacy, "acc-2"));
  }
}
