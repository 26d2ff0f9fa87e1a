package dev.vireo.server.auth;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.SecuritySettings;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private static final SecuritySettings RULES = SecuritySettings.DEFAULTS; // 8-30, two classes

  @Test
  void acceptsTwoClassesWithinTheLength() {
    assertNull(PasswordPolicy.violation("abcdefg1", RULES));
    assertNull(PasswordPolicy.violation("ABCDEFG!", RULES));
    assertNull(PasswordPolicy.violation("Abc(){};:<>,.?/", RULES));
    assertNull(PasswordPolicy.violation("x~!@#$%^&*-+=_|[]'\"", RULES));
  }

  @Test
  void refusesTooShortTooLongOneClassAndCharactersOutsideTheSet() {
    assertTrue(PasswordPolicy.violation("Abc123", RULES).contains("8 to 30"));
    assertTrue(PasswordPolicy.violation("A".repeat(20) + "1".repeat(11), RULES).contains("8 to 30"));
    assertTrue(PasswordPolicy.violation("lowercaseonly", RULES).contains("at least 2"));
    assertTrue(PasswordPolicy.violation("with space 1", RULES).contains("no spaces"));
    assertTrue(PasswordPolicy.violation("caf\u00e9Latte1", RULES).contains("may contain only"));
  }
}
