package dev.vireo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void hashingTheSamePasswordTwiceGivesDifferentHashes() {
    assertNotEquals(PasswordHasher.hash("correct horse"), PasswordHasher.hash("correct horse"));
  }

  @Test
  void verifiesTheRightPasswordAndRefusesOthers() {
    String stored = PasswordHasher.hash("correct horse");
    assertTrue(PasswordHasher.verify("correct horse", stored));
    assertFalse(PasswordHasher.verify("correct horse ", stored));
    assertFalse(PasswordHasher.verify("", stored));
  }

  @Test
  void recordsAlgorithmIterationsAndSaltWithTheHash() {
    String[] parts = PasswordHasher.hash("pw").split("\\$");
    assertEquals(4, parts.length);
    assertEquals("pbkdf2-sha256", parts[0]);
    assertTrue(Integer.parseInt(parts[1]) >= 310_000, "iterations: " + parts[1]);
    assertEquals(PasswordHasher.ITERATIONS, Integer.parseInt(parts[1]));
  }

  @Test
  void verifiesWithTheIterationsRecordedInTheHashNotTheCurrentOnes() {
    String[] parts = PasswordHasher.hash("pw").split("\\$");
    String otherCount = parts[0] + "$1000$" + parts[2] + "$" + parts[3];
    assertFalse(PasswordHasher.verify("pw", otherCount), "the count is part of what is verified");
  }

  @Test
  void aMalformedStoredHashVerifiesNothing() {
    assertFalse(PasswordHasher.verify("pw", "plain-text-password"));
    assertFalse(PasswordHasher.verify("pw", "md5$1$abc$def"));
    assertFalse(PasswordHasher.verify("pw", "pbkdf2-sha256$many$abc$def"));
    assertFalse(PasswordHasher.verify("pw", "pbkdf2-sha256$0$YWJj$ZGVm"));
    assertFalse(PasswordHasher.verify("pw", "pbkdf2-sha256$1000$not base64!$ZGVm"));
  }
}
