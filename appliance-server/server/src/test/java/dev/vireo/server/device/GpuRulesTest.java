package dev.vireo.server.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.http.ApiException;
import org.junit.jupiter.api.Test;

/** White paper 3.1.3/4.3: 1, 2 or 4 GPUs; at least 4C8G per GPU (ADR 0027). */
class GpuRulesTest {
  @Test
  void noGpuIsAlwaysFine() {
    assertEquals(0, GpuRules.check(null, 1, 1));
    assertEquals(0, GpuRules.check(0, 1, 1));
  }

  @Test
  void oneTwoOrFourGpusAtTheirMinimumSpecsAreFine() {
    assertEquals(1, GpuRules.check(1, 4, 8));
    assertEquals(2, GpuRules.check(2, 8, 16));
    assertEquals(4, GpuRules.check(4, 16, 32));
    assertEquals(1, GpuRules.check(1, 32, 64));
  }

  @Test
  void otherCountsAreRefusedNamingGpuCount() {
    for (int n : new int[] {-1, 3, 5, 8}) {
      ApiException e = assertThrows(ApiException.class, () -> GpuRules.check(n, 64, 256));
      assertEquals("gpuCount", e.field());
      assertTrue(e.getMessage().contains("must be 1, 2 or 4"), e.getMessage());
    }
  }

  @Test
  void belowTheMinimumSpecIsRefusedNamingSpec() {
    assertBelow(1, 2, 8, "needs at least 4C8G");
    assertBelow(1, 4, 4, "needs at least 4C8G");
    assertBelow(2, 4, 16, "needs at least 8C16G");
    assertBelow(4, 16, 16, "needs at least 16C32G");
  }

  private static void assertBelow(int gpus, int cpu, int mem, String rule) {
    ApiException e = assertThrows(ApiException.class, () -> GpuRules.check(gpus, cpu, mem));
    assertEquals("spec", e.field());
    assertTrue(e.getMessage().contains(rule), e.getMessage());
  }

  @Test
  void aGpuVmCannotMigrateLive() {
    assertNull(GpuRules.liveMigrationRefusal("vm-1", 0));
    assertTrue(GpuRules.liveMigrationRefusal("vm-1", 2).contains("cannot migrate live"));
  }
}
