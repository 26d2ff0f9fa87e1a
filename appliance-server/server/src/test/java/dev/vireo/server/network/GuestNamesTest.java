package dev.vireo.server.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vireo.api.model.OsType;
import org.junit.jupiter.api.Test;

/** White paper 4.2.13, rule by rule. */
class GuestNamesTest {
  @Test
  void acceptsLinuxNamesWithDotsAndHyphens() {
    assertNull(GuestNames.problem("web-01.prod", OsType.LINUX));
    assertNull(GuestNames.problem("a".repeat(63), OsType.LINUX));
  }

  @Test
  void refusesLinuxNamesBreakingARule() {
    assertNotNull(GuestNames.problem("a", OsType.LINUX), "too short");
    assertNotNull(GuestNames.problem("a".repeat(64), OsType.LINUX), "too long");
    assertNotNull(GuestNames.problem("-web", OsType.LINUX), "leading hyphen");
    assertNotNull(GuestNames.problem("web.", OsType.LINUX), "trailing dot");
    assertNotNull(GuestNames.problem("web..01", OsType.LINUX), "two dots in a row");
    assertNotNull(GuestNames.problem("web-.01", OsType.LINUX), "two separators in a row");
    assertNotNull(GuestNames.problem("12345", OsType.LINUX), "digits only");
    assertNotNull(GuestNames.problem("web_01", OsType.LINUX), "underscore");
  }

  @Test
  void windowsNamesAreShorterAndHaveNoDots() {
    assertNull(GuestNames.problem("SQL-SERVER-01", OsType.WINDOWS));
    assertNotNull(GuestNames.problem("a".repeat(16), OsType.WINDOWS), "16 characters");
    assertNotNull(GuestNames.problem("web.prod", OsType.WINDOWS), "a dot");
    assertNotNull(GuestNames.problem("web--01", OsType.WINDOWS), "two hyphens in a row");
    assertNotNull(GuestNames.problem("2024", OsType.WINDOWS), "digits only");
  }

  @Test
  void derivesAValidHostnameFromAnyVmName() {
    assertEquals("my-web-server", GuestNames.derive("My Web_Server", OsType.LINUX, "abc123"));
    assertEquals("my-very-long-na", GuestNames.derive("my very long name for windows", OsType.WINDOWS, "abc123"));
    assertEquals("vm-abc123", GuestNames.derive("12345", OsType.LINUX, "abc123"), "digits only");
    assertEquals("vm-abc123", GuestNames.derive("数据库", OsType.LINUX, "abc123"), "nothing usable left");
  }
}
