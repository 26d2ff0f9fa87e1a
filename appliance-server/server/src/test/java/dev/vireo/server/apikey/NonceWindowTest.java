package dev.vireo.server.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonceWindowTest {
  private final NonceWindow window = new NonceWindow(Duration.ofSeconds(300));
  private final Instant now = Instant.parse("2026-12-07T23:52:00Z");

  @Test
  void aNonceIsRefusedTheSecondTimeWithinTheWindowPerKey() {
    assertTrue(window.firstUse("VK1", "n-000001", now, now));
    assertFalse(window.firstUse("VK1", "n-000001", now, now.plusSeconds(10)));
    assertTrue(window.firstUse("VK2", "n-000001", now, now), "another key's nonce");
  }

  @Test
  void aNewProcessOnTheSameJournalRefusesTheNoncesTheOldOneAccepted(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("api-key-nonces");
    NonceWindow before = new NonceWindow(Duration.ofSeconds(300), journal);
    assertTrue(before.firstUse("VK1", "n-000003", now, now));
    assertTrue(before.firstUse("VK1", "n-000004", now.minusSeconds(299), now));
    // no close: a kill -9 gives the old process no chance to write anything more
    NonceWindow after = new NonceWindow(Duration.ofSeconds(300), journal);
    assertFalse(after.firstUse("VK1", "n-000003", now, now.plusSeconds(5)), "replayed after the restart");
    assertFalse(after.firstUse("VK1", "n-000004", now.minusSeconds(299), now.plusSeconds(5)));
    assertTrue(after.firstUse("VK1", "n-000004", now.minusSeconds(299), now.plusSeconds(301)),
        "kept a window past its acceptance, then forgotten");
    assertTrue(after.firstUse("VK2", "n-000003", now, now.plusSeconds(5)), "another key's nonce");
  }

  @Test
  void aTornLastLineIsSkipped(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("api-key-nonces");
    Files.writeString(journal, "VK1 n-000005 " + now.plusSeconds(300).getEpochSecond() + "\nVK1 n-0000");
    NonceWindow window = new NonceWindow(Duration.ofSeconds(300), journal);
    assertFalse(window.firstUse("VK1", "n-000005", now, now));
    assertTrue(window.firstUse("VK1", "n-000006", now, now));
    assertEquals(2, Files.readAllLines(journal).size(), Files.readString(journal));
  }

  @Test
  void aNonceIsForgottenOnlyOnceItsDateLeftTheWindow() {
    Instant ahead = now.plusSeconds(200); // a client clock ahead of the server's
    assertTrue(window.firstUse("VK1", "n-000002", ahead, now));
    assertFalse(window.firstUse("VK1", "n-000002", ahead, now.plusSeconds(450)), "its date is still in the window");
    assertTrue(window.firstUse("VK1", "n-000002", ahead, now.plusSeconds(501)));
  }
}
