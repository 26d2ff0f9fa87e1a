package dev.vireo.server.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {
  @TempDir
  Path dir;

  @Test
  void opensWhatItSealedUnderTheSameKeyFileOnly() throws Exception {
    SecretSealer sealer = SecretSealer.fromFile(dir.resolve("api-key-seal"));
    String sealed = sealer.seal("the-secret", "VK1");
    assertFalse(sealed.contains("the-secret"));
    assertNotEquals(sealed, sealer.seal("the-secret", "VK1"), "a fresh IV each time");
    assertEquals("the-secret", SecretSealer.fromFile(dir.resolve("api-key-seal")).open(sealed, "VK1"),
        "the key file is kept across restarts");
    assertThrows(IllegalStateException.class, () -> sealer.open(sealed, "VK2"), "bound to its access key");
    assertThrows(IllegalStateException.class, () -> SecretSealer.fromFile(dir.resolve("other")).open(sealed, "VK1"));
  }
}
