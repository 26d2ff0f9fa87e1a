package dev.vireo.server.apikey;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

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
  void aNonceIsForgottenOnlyOnceItsDateLeftTheWindow() {
    Instant ahead = now.plusSeconds(200); // a client clock ahead of the server's
    assertTrue(window.firstUse("VK1", "n-000002", ahead, now));
    assertFalse(window.firstUse("VK1", "n-000002", ahead, now.plusSeconds(450)), "its date is still in the window");
    assertTrue(window.firstUse("VK1", "n-000002", ahead, now.plusSeconds(501)));
  }
}
