package dev.vireo.server.device;

import dev.vireo.server.http.ApiException;

/**
 * White paper 3.1.3 and 4.3 (ADR 0027): a GPU VM has 1, 2 or 4 GPUs passed through, and at least
 * 4 vCPUs and 8 GiB per GPU: 1 GPU ≥ 4C8G, 2 GPUs ≥ 8C16G, 4 GPUs ≥ 16C32G.
 */
public final class GpuRules {
  private GpuRules() {}

  /** The minimum vCPUs of a VM with {@code gpus} GPUs. */
  public static int minCpu(int gpus) {
    return 4 * gpus;
  }

  /** The minimum memory (GiB) of a VM with {@code gpus} GPUs. */
  public static int minMemoryGiB(int gpus) {
    return 8 * gpus;
  }

  /** 422 naming {@code gpuCount} or {@code spec} and the rule; a null or 0 count is no GPU and always fine. */
  public static int check(Integer gpuCount, int cpu, int memoryGiB) {
    if (gpuCount == null || gpuCount == 0) {
      return 0;
    }
    if (gpuCount != 1 && gpuCount != 2 && gpuCount != 4) {
      throw ApiException.invalid("gpuCount", "must be 1, 2 or 4 (a GPU VM has 1, 2 or 4 GPUs passed through; got "
          + gpuCount + ")");
    }
    int c = minCpu(gpuCount);
    int m = minMemoryGiB(gpuCount);
    if (cpu < c || memoryGiB < m) {
      throw ApiException.invalid("spec", "a VM with " + gpuCount + " GPU needs at least " + c + "C" + m
          + "G (4 vCPUs and 8 GiB per GPU); spec " + cpu + "C" + memoryGiB + "G is below that minimum");
    }
    return gpuCount;
  }

  /** Why a VM with GPUs cannot migrate live (a passed-through PCI device cannot move), or null without GPUs. */
  public static String liveMigrationRefusal(String vmId, int gpus) {
    if (gpus <= 0) {
      return null;
    }
    return "VM " + vmId + " has " + gpus + " GPU passed through (PCI passthrough): a GPU VM cannot migrate live;"
        + " stop it and start it again, or evacuate it by an offline move";
  }
}
