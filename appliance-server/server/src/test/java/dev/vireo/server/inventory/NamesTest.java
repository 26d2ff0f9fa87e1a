package dev.vireo.server.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"web", "web-01", "db_2.prod", "Web Server 1", "7zip", "虚拟机1", "Überprüfung"})
  void acceptsLettersDigitsSpacesDotsUnderscoresAndDashes(String name) {
    assertEquals(name, Names.require("name", name));
  }

  @Test
  void acceptsUpTo64Characters() {
    String name = "a".repeat(64);
    assertEquals(name, Names.require("name", name));
  }

  @Test
  void refusesMoreThan64CharactersSayingHowMany() {
    ApiException e = assertThrows(ApiException.class, () -> Names.require("name", "a".repeat(65)));
    assertEquals(422, e.status());
    assertTrue(e.getMessage().contains("got 65"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-web", ".hidden", "_x", " web", "web/1", "web:1", "a\nb", "semi;colon", "<script>"})
  void refusesOtherCharactersAndAPunctuationStart(String name) {
    ApiException e = assertThrows(ApiException.class, () -> Names.require("name", name));
    assertEquals("name", e.field());
    assertTrue(e.getMessage().contains("must start with a letter or digit"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void requiresAName(String name) {
    ApiException e = assertThrows(ApiException.class, () -> Names.require("name", name));
    assertEquals("name: is required", e.getMessage());
    assertThrows(ApiException.class, () -> Names.require("name", null));
  }

  @Test
  void limitsDescriptionsTo1024Characters() {
    assertEquals("x".repeat(1024), Names.description("x".repeat(1024)));
    assertEquals(null, Names.description(null));
    assertEquals("description", assertThrows(ApiException.class, () -> Names.description("x".repeat(1025))).field());
  }
}
