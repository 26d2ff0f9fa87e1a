package dev.vireo.server.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecRulesTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 6, 32, 238, 240})
  void acceptsOneOrAnEvenCpuCountUpTo240(int cpu) {
    assertDoesNotThrow(() -> SpecRules.check(cpu, 2));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -2, 3, 5, 239, 241, 242})
  void refusesOtherCpuCounts(int cpu) {
    ApiException e = assertThrows(ApiException.class, () -> SpecRules.check(cpu, 2));
    assertEquals(422, e.status());
    assertEquals("cpu", e.field());
    assertTrue(e.getMessage().contains("got " + cpu), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 64, 1022, 1024})
  void acceptsOneOrAnEvenGibCountUpTo1024(int memoryGiB) {
    assertDoesNotThrow(() -> SpecRules.check(2, memoryGiB));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 3, 7, 1023, 1025, 1026})
  void refusesOtherMemorySizes(int memoryGiB) {
    ApiException e = assertThrows(ApiException.class, () -> SpecRules.check(2, memoryGiB));
    assertEquals(422, e.status());
    assertEquals("memoryGiB", e.field());
  }

  @Test
  void requiresBothValues() {
    assertEquals("cpu", assertThrows(ApiException.class, () -> SpecRules.check(null, 2)).field());
    assertEquals("memoryGiB", assertThrows(ApiException.class, () -> SpecRules.check(2, null)).field());
  }

  @Test
  void namesASpecByItsSizes() {
    assertEquals("2C4G", SpecRules.name(2, 4));
    assertEquals("1C1G", SpecRules.name(1, 1));
  }

  @Test
  void theDefaultSpecsFollowTheRules() {
    for (int[] s : SpecStore.DEFAULTS) {
      assertDoesNotThrow(() -> SpecRules.check(s[0], s[1]), s[0] + "C" + s[1] + "G");
    }
  }
}
