package dev.vireo.server.spec;

import dev.vireo.server.http.ApiException;

/** White paper 4.2.2: CPU 1 or an even count up to 240; memory 1 or an even GiB count up to 1024. */
public final class SpecRules {
  public static final int MAX_CPU = 240;
  public static final int MAX_MEMORY_GIB = 1024;

  private SpecRules() {}

  public static void check(Integer cpu, Integer memoryGiB) {
    if (cpu == null) {
      throw ApiException.invalid("cpu", "is required");
    }
    if (cpu < 1 || cpu > MAX_CPU || (cpu != 1 && cpu % 2 != 0)) {
      throw ApiException.invalid("cpu", "must be 1 or an even number up to " + MAX_CPU + " (got " + cpu + ")");
    }
    if (memoryGiB == null) {
      throw ApiException.invalid("memoryGiB", "is required");
    }
    if (memoryGiB < 1 || memoryGiB > MAX_MEMORY_GIB || (memoryGiB != 1 && memoryGiB % 2 != 0)) {
      throw ApiException.invalid("memoryGiB",
          "must be 1 or an even number of GiB up to " + MAX_MEMORY_GIB + " (got " + memoryGiB + ")");
    }
  }

  public static String name(int cpu, int memoryGiB) {
    return cpu + "C" + memoryGiB + "G";
  }
}
