package dev.vireo.server.auth.twofactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {
  @TempDir
  Path dir;

  @Test
  void sealsUnderARootOnlyKeyFileAndOpensOnlyForTheSameAccountAndKey() throws Exception {
    Path keyFile = dir.resolve("totp-key");
    SecretSealer sealer = SecretSealer.fromKeyFile(keyFile);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    byte[] secret = Totp.newSecret();
    String sealed = sealer.seal(secret, "acc-1");
    assertFalse(sealed.contains(Totp.base32(secret)));
    assertNotEquals(sealed, sealer.seal(secret, "acc-1"), "a fresh nonce each time");
    assertArrayEquals(secret, SecretSealer.fromKeyFile(keyFile).open(sealed, "acc-1"), "the key file is kept");
    assertThrows(IllegalStateException.class, () -> sealer.open(sealed, "acc-2"), "moved to another account");
    SecretSealer other = SecretSealer.fromKeyFile(dir.resolve("other-key"));
    assertThrows(IllegalStateException.class, () -> other.open(sealed, "acc-1"), "another key");
    String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThrows(IllegalStateException.class, () -> sealer.open(tampered, "acc-1"), "tampered");
  }
}
