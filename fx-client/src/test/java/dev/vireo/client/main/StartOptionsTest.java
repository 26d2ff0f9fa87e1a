package dev.vireo.client.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StartOptionsTest {
  @Test
  void parsesEveryOption() {
    assertEquals(new StartOptions("https://h:8443", "zh", Theme.DARK, true, "ops"), StartOptions.parse(
        List.of("--server", "https://h:8443", "--lang=zh", "--theme", "Dark", "--big-screen", "--user", "ops")));
    assertEquals(StartOptions.none(), StartOptions.parse(List.of()));
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThrows(IllegalArgumentException.class, () -> StartOptions.parse(List.of("--lang", "fr")));
    assertThrows(IllegalArgumentException.class, () -> StartOptions.parse(List.of("--theme", "blue")));
    assertThrows(IllegalArgumentException.class, () -> StartOptions.parse(List.of("--server")));
    assertThrows(IllegalArgumentException.class, () -> StartOptions.parse(List.of("--fast")));
  }

  @Test
  void theOsLocaleChoosesTheDefaultLanguage() {
    assertEquals("zh", StartOptions.languageOf(Locale.SIMPLIFIED_CHINESE));
    assertEquals("en", StartOptions.languageOf(Locale.GERMANY));
  }
}
